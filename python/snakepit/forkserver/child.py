"""What a forked child runs: it becomes a worker, and never returns into the fork server's code."""

from __future__ import annotations

import os
import sys
import traceback
from typing import NoReturn

from snakepit.worker.lifecycle import exit_with_parent
from snakepit.worker.main import serve
from snakepit.worker.options import WorkerOptions


def become_worker(options: WorkerOptions, parent_pid: int, output: int) -> NoReturn:
    """Serves as a worker; output is the write end of the pipe the fork server relays to the node."""
    exit_code = 1  # as for any Python process that an exception ends
    try:
        ready_descriptor = _take_standard_streams(output)
        exit_code = serve(options, lambda: exit_with_parent(parent_pid), ready_descriptor)
    except BaseException:
        # BaseException too: a SystemExit unwinding into the fork server's loop
        # would make this child a second fork server.
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(exit_code)


def _take_standard_streams(output: int) -> int:
    """Gives the worker a stdin of its own, its output pipe as stdout and stderr, and the shared
    stdout for the protocol's lines alone; returns that stdout."""
    # Commands are for the fork server: a worker reading stdin would take them.
    # It learns of its node's death through the fork server's (exit_with_parent).
    nothing = os.open(os.devnull, os.O_RDONLY)
    os.dup2(nothing, 0)
    os.close(nothing)
    # The shared stdout keeps the protocol's lines; what the worker logs and a
    # tool prints goes through the fork server, which tags it with this worker
    # for the node's log. os.dup's copy is not inherited by what the tools start.
    protocol = os.dup(1)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.close(output)
    return protocol
