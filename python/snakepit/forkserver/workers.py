"""The fork server's workers: forks them, reaps them, stops them, and reports each one's end."""

from __future__ import annotations

import os
import signal
import sys
import time

from snakepit.forkserver.child import become_worker
from snakepit.forkserver.protocol import EXITED
from snakepit.forkserver.signals import SignalPipe
from snakepit.worker.announce import announce
from snakepit.worker.options import PoolOptions

# How long SIGKILLed workers may take to end before the fork server exits anyway.
KILL_WAIT_SECONDS = 5.0


class Workers:
    def __init__(self, pool: PoolOptions, signals: SignalPipe) -> None:
        self._pool = pool
        self._signals = signals
        self._running: dict[int, str] = {}  # pid to worker id

    def spawn(self, worker_id: str, socket_path: str) -> None:
        parent_pid = os.getpid()
        # Else the child would write again what is still in Python's buffers.
        sys.stdout.flush()
        sys.stderr.flush()
        pid = self._signals.fork()
        if pid == 0:
            become_worker(self._pool.worker(worker_id, socket_path), parent_pid)
        # The child makes itself a group leader too, but this process may signal
        # its group before the child gets to run.
        try:
            os.setpgid(pid, pid)
        except ProcessLookupError:
            pass  # it has already ended; the reaper will tell
        self._running[pid] = worker_id

    def reap(self) -> None:
        """Reports every worker that has ended, after killing what its tools left in its group."""
        while self._running:
            ended = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            if ended is None:
                return
            # Not reaped yet, the worker keeps its pid, so its group id cannot
            # have passed to another process.
            _kill_group(ended.si_pid)
            pid, status = os.waitpid(ended.si_pid, 0)
            self._report(pid, status)

    def stop(self, grace_seconds: float) -> None:
        """SIGTERMs every worker, so that it drains, and kills what remains after the grace."""
        for pid in self._running:
            os.kill(pid, signal.SIGTERM)
        self._wait(grace_seconds)
        self.kill()

    def kill(self) -> None:
        for pid in self._running:
            _kill_group(pid)
        self._wait(KILL_WAIT_SECONDS)

    def _wait(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        self.reap()
        while self._running and time.monotonic() < deadline:
            time.sleep(0.01)
            self.reap()

    def _report(self, pid: int, status: int) -> None:
        exited = {
            "pid": pid,
            "worker_id": self._running.pop(pid),
            "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        }
        try:
            announce(EXITED, exited)
        except BrokenPipeError:
            pass  # the node is gone; the end of stdin follows and stops the pool


def _kill_group(group: int) -> None:
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass  # nothing left in it
