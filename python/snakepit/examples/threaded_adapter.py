"""An adapter for pools with the thread profile: thread-safe tools that show calls running at once."""

from __future__ import annotations

import itertools
import os
import threading
import time
from typing import Any, Iterator

from snakepit import Adapter, Context, PreconditionError, tool


class ThreadedAdapter(Adapter):
    thread_safe = True

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._barriers: dict[int, threading.Barrier] = {}

    @tool
    def meet(self, parties: int, timeout: float = 30.0) -> int:
        """Waits until parties calls wait here at once on this worker; returns the worker's pid.

        Raises PreconditionError when they are not all there within timeout seconds: the calls did
        not run at the same time.
        """
        with self._lock:
            barrier = self._barriers.setdefault(parties, threading.Barrier(parties))
        try:
            barrier.wait(timeout)
        except threading.BrokenBarrierError:
            with self._lock:
                if self._barriers.get(parties) is barrier:
                    del self._barriers[parties]
            raise PreconditionError(
                f"fewer than {parties} calls were running at once within {timeout} s"
            ) from None
        return os.getpid()

    @tool
    def wait_for_file(self, path: str, timeout: float = 30.0) -> int:
        """Waits until a file exists at path; returns the worker's pid."""
        give_up_at = time.monotonic() + timeout
        while not os.path.exists(path):
            if time.monotonic() > give_up_at:
                raise PreconditionError(f"{path} did not appear within {timeout} s")
            time.sleep(0.01)
        return os.getpid()

    @tool
    def numbers(self) -> Iterator[int]:
        """Streams 0, 1, 2... until the caller stops."""
        yield from itertools.count()

    @tool
    def pid(self) -> int:
        """The worker's process id."""
        return os.getpid()

    @tool
    def call_info(self, ctx: Context) -> dict[str, Any]:
        """What this call knows of itself: its session, the seconds left, the worker's pid."""
        return {
            "session_id": ctx.session_id,
            "time_left": ctx.time_remaining(),
            "pid": os.getpid(),
        }
