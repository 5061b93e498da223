"""The gRPC server that serves the Worker service on the worker's Unix socket."""

from __future__ import annotations

import os
from concurrent import futures

import grpc

from snakepit.worker.auth import SecretCheck
from snakepit.worker.options import StartupError, WorkerOptions

# Threads beyond the calls the node may run at once, so that Describe and Health
# answer while tools run; how many tools run at once is the node's decision,
# made before it calls, and the worker is told it (options.concurrent_calls).
SPARE_HANDLER_THREADS = 3


def start_server(handler: grpc.GenericRpcHandler, options: WorkerOptions) -> grpc.Server:
    remove_socket(options.socket_path)
    threads = options.concurrent_calls + SPARE_HANDLER_THREADS
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=threads, thread_name_prefix="snakepit-call"),
        handlers=[handler],
        interceptors=[SecretCheck(options.secret)],
        options=options.grpc_options,
    )
    address = f"unix:{options.socket_path}"
    try:
        server.add_insecure_port(address)
    except RuntimeError:
        raise StartupError(f"cannot listen on {address}: see gRPC's error above") from None
    server.start()
    return server


def remove_socket(path: str) -> None:
    """Removes a socket file; a stale one, left by a worker that died, would block binding."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
