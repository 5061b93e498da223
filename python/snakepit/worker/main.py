"""Starts a worker: options, adapter, server, readiness line; then serves until told to stop."""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
from typing import Callable, Sequence

import grpc

from snakepit.adapter import adapter_tools
from snakepit.worker.announce import STDOUT, announce
from snakepit.worker.lifecycle import exit_when_node_dies, lead_process_group, stop_on_signals
from snakepit.worker.loader import load_adapter
from snakepit.worker.node_callback import NodeCallbackClient
from snakepit.worker.options import StartupError, WorkerOptions, parse_options, startup_failed
from snakepit.worker.server import remove_socket, start_server
from snakepit.worker.service import WorkerService

READY = "SNAKEPIT_READY"
PROGRAM = "snakepit.worker"

_log = logging.getLogger("snakepit.worker")


def main(argv: Sequence[str] | None = None) -> int:
    """A worker its node spawned: told what to serve on its command line, watching its stdin."""
    try:
        options = parse_options(argv, os.environ)
    except StartupError as error:
        return startup_failed(PROGRAM, error)
    return serve(options, exit_when_node_dies)


def serve(
    options: WorkerOptions, watch_node: Callable[[], None], ready_descriptor: int = STDOUT
) -> int:
    """Starts the worker, says so on ready_descriptor, serves until stopped; returns the exit code.

    watch_node arranges for the process to end with its node; spawned and
    forked workers learn of that death in different ways.
    """
    try:
        lead_process_group()
        watch_node()
        # A crash in native code then leaves the Python stack in stderr, which
        # the node puts in the error it reports.
        faulthandler.enable(all_threads=False)
        _configure_logging(options)
        server = _start(options)
    except Exception as error:
        return startup_failed(PROGRAM, error)
    # Signals are handled before the node hears that the worker is ready, so
    # that a SIGTERM from then on always takes the clean way out.
    stop_on_signals(server)
    ready = {"pid": os.getpid(), "socket": options.socket_path, "worker_id": options.worker_id}
    announce(READY, ready, ready_descriptor)
    server.wait_for_termination()
    remove_socket(options.socket_path)
    _log.info("stopped")
    return 0


def _start(options: WorkerOptions) -> grpc.Server:
    adapter = load_adapter(options.adapter, options.concurrent_calls)
    tools = adapter_tools(adapter)
    if not tools:
        raise StartupError(f"{options.adapter} has no @tool methods")
    node = None
    if options.node_socket_path:
        node = NodeCallbackClient(
            options.node_socket_path, options.secret, options.worker_id, options.grpc_options
        )
    server = start_server(WorkerService(adapter, tools, node).handler(), options)
    _log.info("serving %d tools of %s on %s", len(tools), options.adapter, options.socket_path)
    return server


def _configure_logging(options: WorkerOptions) -> None:
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.INFO,
        format=(
            f"%(asctime)s %(levelname)s [run {options.run_id or '-'} worker {options.worker_id}]"
            " %(name)s: %(message)s"
        ),
        # A forked worker replaces the handler of its fork server, whose lines name no worker.
        force=True,
    )
