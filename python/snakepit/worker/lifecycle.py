"""How a worker ends: with its node, or on a stop signal."""

from __future__ import annotations

import os
import signal
import sys
import threading
from types import FrameType

import grpc

# The node drains calls itself before it stops its workers, so the worker's
# own drain can be short.
STOP_GRACE_SECONDS = 2.0


def exit_when_node_dies() -> None:
    """Exits the process as soon as standard input, a pipe from the node, reaches end of file.

    The pipe closes however the node ends, kill -9 included. PR_SET_PDEATHSIG
    would not do: it fires when the thread that started the worker ends, and in
    a JVM that is any short-lived pool thread.
    """
    stdin = sys.stdin.fileno()  # fails here, at start, when there is no stdin to watch
    threading.Thread(
        target=_exit_at_end_of_file, args=(stdin,), name="snakepit-node-watch", daemon=True
    ).start()


def _exit_at_end_of_file(descriptor: int) -> None:
    while os.read(descriptor, 4096):
        pass  # the node has nothing to say on this pipe; it only holds it open
    # No cleanup: the node is gone, and nothing that is left may delay the exit.
    os._exit(0)


def stop_on_signals(server: grpc.Server) -> None:
    """Makes SIGTERM and SIGINT stop the server, after a short grace for the calls in flight."""

    def stop(signum: int, frame: FrameType | None) -> None:
        server.stop(STOP_GRACE_SECONDS)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
