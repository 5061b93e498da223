"""Signals as bytes on a pipe, so that the fork server's one thread waits for them and for
commands in one select(); and fork() with those signals held back until each side is ready."""

from __future__ import annotations

import os
import signal
from types import FrameType

# SIGCHLD: a worker ended; SIGTERM and SIGINT: stop the pool.
HANDLED = (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT)


def _note(signum: int, frame: FrameType | None) -> None:
    pass  # the byte that set_wakeup_fd writes for the signal is all the news the loop needs


class SignalPipe:
    def __init__(self) -> None:
        self.descriptor, self._write_end = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        # A full pipe only means that the loop has not yet read what is there:
        # reading it reaps every ended worker at once.
        signal.set_wakeup_fd(self._write_end, warn_on_full_buffer=False)
        for signum in HANDLED:
            signal.signal(signum, _note)

    def received(self) -> set[int]:
        try:
            return set(os.read(self.descriptor, 4096))
        except BlockingIOError:
            return set()

    def fork(self) -> int:
        """os.fork(), but a signal arriving meanwhile waits until the side it reaches is ready.

        In the child, until its handlers are reset, a signal would run the fork
        server's handler and write to this pipe, which the parent reads: a
        SIGTERM meant for one starting worker would stop the whole pool.
        """
        held = signal.pthread_sigmask(signal.SIG_BLOCK, HANDLED)
        try:
            pid = os.fork()
            if pid == 0:
                self._forget()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        return pid

    def _forget(self) -> None:
        signal.set_wakeup_fd(-1)
        os.close(self.descriptor)
        os.close(self._write_end)
        for signum in HANDLED:
            signal.signal(signum, signal.SIG_DFL)
