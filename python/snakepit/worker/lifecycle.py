"""How a worker ends: with its node, or on a stop signal."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from types import FrameType

import grpc

# The node drains calls itself before it stops its workers, so the worker's
# own drain can be short.
STOP_GRACE_SECONDS = 2.0


def lead_process_group() -> None:
    """Puts the worker at the head of its own process group.

    Processes a tool starts join the group, so the node can stop them with the
    worker (one signal to the group), and Ctrl-C in the node's terminal reaches
    the node alone, which then drains and stops its workers in order.
    """
    os.setpgid(0, 0)


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
    kill_rest_of_process_group()
    os._exit(0)


# From <linux/prctl.h>.
_PR_SET_PDEATHSIG = 1


def exit_with_parent(parent_pid: int) -> None:
    """Has the kernel SIGKILL the process as soon as its parent, a fork server, ends.

    Here the parent-death signal is safe: it fires when the thread that forked
    the worker ends, and that is the fork server's main thread.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    # The parent may have ended before the signal was armed: then it never comes.
    if os.getppid() != parent_pid:
        os._exit(0)


def kill_rest_of_process_group() -> None:
    """SIGKILLs every other process of the worker's group: what its tools started.

    The worker itself must still exit with its own status, so it does not
    signal the whole group at once.
    """
    me = os.getpid()
    group = os.getpgid(0)
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != me and _process_group_of(entry) == group:
            try:
                os.kill(int(entry), signal.SIGKILL)
            except ProcessLookupError:
                pass  # it ended in the meantime


def _process_group_of(pid: str) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # The command name (field 2) may hold spaces and parentheses: count from its end.
            fields = stat.read().rsplit(b")", 1)[1].split()
        return int(fields[2])
    except (OSError, IndexError, ValueError):
        return None


def stop_on_signals(server: grpc.Server) -> None:
    """Makes SIGTERM and SIGINT stop the server, after a short grace for the calls in flight."""

    def stop(signum: int, frame: FrameType | None) -> None:
        server.stop(STOP_GRACE_SECONDS)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
