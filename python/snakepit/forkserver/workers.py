"""The fork server's workers: forks them, relays their output, reaps them, stops them, and
reports each one's end."""

from __future__ import annotations

import os
import selectors
import signal
import sys
import time

from snakepit.forkserver.child import become_worker
from snakepit.forkserver.output import WorkerOutput
from snakepit.forkserver.protocol import EXITED, FORKED, tell_node
from snakepit.forkserver.signals import SignalPipe
from snakepit.worker.options import PoolOptions

# How long SIGKILLed workers may take to end before the fork server exits anyway.
KILL_WAIT_SECONDS = 5.0


class Workers:
    def __init__(self, pool: PoolOptions, signals: SignalPipe) -> None:
        self._pool = pool
        self._signals = signals
        self._running: dict[int, WorkerOutput] = {}  # by pid
        self._outputs = selectors.DefaultSelector()

    @property
    def output_descriptor(self) -> int:
        """Readable when a worker has written output (an epoll descriptor, which polls too)."""
        return self._outputs.fileno()

    def spawn(self, worker_id: str, socket_path: str) -> None:
        parent_pid = os.getpid()
        # Else the child would write again what is still in Python's buffers.
        sys.stdout.flush()
        sys.stderr.flush()
        # Close-on-exec: what the worker's tools start gets the write end as its stderr, and the
        # read end not at all.
        read_end, write_end = os.pipe2(os.O_CLOEXEC)
        try:
            pid = self._signals.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            raise
        if pid == 0:
            become_worker(self._pool.worker(worker_id, socket_path), parent_pid, write_end)
        # Held here, the write end would keep the pipe open after the worker's end.
        os.close(write_end)
        # The child makes itself a group leader too, but this process may signal
        # its group before the child gets to run.
        try:
            os.setpgid(pid, pid)
        except ProcessLookupError:
            pass  # it has already ended; the reaper will tell
        output = WorkerOutput(read_end, pid, worker_id)
        self._outputs.register(read_end, selectors.EVENT_READ, output)
        self._running[pid] = output
        tell_node(FORKED, {"pid": pid, "worker_id": worker_id})

    def relay_output(self, timeout: float) -> None:
        """Relays the workers' output, waiting up to timeout seconds for some."""
        for key, _ in self._outputs.select(timeout):
            if not key.data.relay():
                # Its end: nothing more will come, and the reaper closes it.
                self._outputs.unregister(key.fd)

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
            # Relayed meanwhile, a draining worker's output cannot fill its pipe and block it.
            self.relay_output(0.01)
            self.reap()

    def _report(self, pid: int, status: int) -> None:
        output = self._running.pop(pid)
        if output.descriptor in self._outputs.get_map():
            self._outputs.unregister(output.descriptor)
        # Its last lines, a crash's stack among them, come before the news of its end.
        output.drain()
        exited = {
            "pid": pid,
            "worker_id": output.worker_id,
            "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        }
        tell_node(EXITED, exited)


def _kill_group(group: int) -> None:
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass  # nothing left in it
