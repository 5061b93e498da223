"""Starts a fork server: options, the adapter's module; then forks workers on the node's commands."""

from __future__ import annotations

import faulthandler
import gc
import os
import selectors
import signal
from typing import Sequence

from snakepit.forkserver.importing import STDIN, ended_with_the_node
from snakepit.forkserver.protocol import FORKSERVER_READY, REJECTED, RejectedCommand, parse_command
from snakepit.forkserver.signals import SignalPipe
from snakepit.forkserver.workers import Workers
from snakepit.worker.announce import announce
from snakepit.worker.lifecycle import STOP_GRACE_SECONDS, lead_process_group
from snakepit.worker.loader import adapter_class
from snakepit.worker.options import parse_pool_options, startup_failed

PROGRAM = "snakepit.forkserver"
# A worker's own drain on SIGTERM, and a moment to exit after it.
WORKER_STOP_SECONDS = STOP_GRACE_SECONDS + 1.0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        pool = parse_pool_options(argv, os.environ)
        # For the same reason as a worker's: Ctrl-C in the node's terminal
        # reaches the node alone, which then stops its pools in order.
        lead_process_group()
        # Imported here once, the adapter's module is in every worker from its start.
        with ended_with_the_node():
            adapter_class(pool.adapter)
    except Exception as error:
        return startup_failed(PROGRAM, error)
    faulthandler.enable(all_threads=False)
    # What is imported by now is shared with every worker. Frozen, the
    # collector leaves it alone, so a collection in a worker does not write to
    # (and so copy) the pages that hold it.
    gc.freeze()
    signals = SignalPipe()
    workers = Workers(pool, signals)
    announce(FORKSERVER_READY, {"pid": os.getpid()})
    _serve_commands(workers, signals)
    return 0


def _serve_commands(workers: Workers, signals: SignalPipe) -> None:
    """Forks on commands, relays output and reaps on SIGCHLD until stdin ends or a stop signal
    comes."""
    pending = b""
    with selectors.DefaultSelector() as selector:
        for descriptor in (STDIN, signals.descriptor, workers.output_descriptor):
            selector.register(descriptor, selectors.EVENT_READ)
        while True:
            readable = {key.fd for key, _ in selector.select()}
            if workers.output_descriptor in readable:
                workers.relay_output(0)
            if signals.descriptor in readable:
                if signals.received() & {signal.SIGTERM, signal.SIGINT}:
                    workers.stop(WORKER_STOP_SECONDS)
                    return
                workers.reap()
            if STDIN in readable:
                chunk = os.read(STDIN, 65536)
                if not chunk:
                    workers.kill()
                    return
                *lines, pending = (pending + chunk).split(b"\n")
                for line in lines:
                    if line.strip():
                        _carry_out(line, workers)


def _carry_out(line: bytes, workers: Workers) -> None:
    try:
        spawn = parse_command(line)
        try:
            workers.spawn(spawn.worker_id, spawn.socket_path)
        except OSError as error:  # fork() itself: out of memory or of processes
            raise RejectedCommand(f"cannot fork: {error}", spawn.worker_id) from None
    except RejectedCommand as rejected:
        announce(REJECTED, rejected.payload())
