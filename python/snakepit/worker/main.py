"""Starts a worker: options, adapter, server, readiness line; then serves until told to stop."""

from __future__ import annotations

import faulthandler
import json
import logging
import os
import sys
import traceback
from typing import Sequence

import grpc

from snakepit.adapter import adapter_tools
from snakepit.worker.lifecycle import exit_when_node_dies, lead_process_group, stop_on_signals
from snakepit.worker.loader import load_adapter
from snakepit.worker.node_callback import NodeCallbackClient
from snakepit.worker.options import (
    EXIT_STARTUP_FAILED,
    StartupError,
    WorkerOptions,
    parse_options,
)
from snakepit.worker.server import remove_socket, start_server
from snakepit.worker.service import WorkerService

READY_PREFIX = "SNAKEPIT_READY "

_log = logging.getLogger("snakepit.worker")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        options = parse_options(argv, os.environ)
        lead_process_group()
        exit_when_node_dies()
        # A crash in native code then leaves the Python stack in stderr, which
        # the node puts in the error it reports.
        faulthandler.enable(all_threads=False)
        _configure_logging(options)
        server = _start(options)
    except StartupError as error:
        print(f"snakepit.worker: {error}", file=sys.stderr, flush=True)
        return EXIT_STARTUP_FAILED
    except Exception:
        traceback.print_exc()
        return EXIT_STARTUP_FAILED
    # Signals are handled before the node hears that the worker is ready, so
    # that a SIGTERM from then on always takes the clean way out.
    stop_on_signals(server)
    print(
        READY_PREFIX + json.dumps({"pid": os.getpid(), "socket": options.socket_path}), flush=True
    )
    server.wait_for_termination()
    remove_socket(options.socket_path)
    _log.info("stopped")
    return 0


def _start(options: WorkerOptions) -> grpc.Server:
    adapter = load_adapter(options.adapter)
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
    )
