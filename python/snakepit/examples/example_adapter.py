"""The node's default adapter: small tools that exercise every path of the worker protocol."""

from __future__ import annotations

import builtins
import ctypes
import itertools
import os
import re
import signal
import subprocess
import threading
import time
from typing import Any, Iterator

from snakepit import (
    Adapter,
    Context,
    PreconditionError,
    VariableNotFound,
    VersionConflict,
    tool,
)


class ExampleAdapter(Adapter):
    @tool
    def ping(self) -> str:
        """Answers "pong"."""
        return "pong"

    @tool
    def echo(self, value: Any) -> Any:
        """Returns its argument unchanged, whatever Value it is."""
        return value

    @tool
    def add(self, a: int | float, b: int | float) -> int | float:
        """Adds two numbers; the sum of two integers is an integer."""
        return a + b

    @tool
    def sleep(self, ms: int) -> int:
        """Sleeps for ms milliseconds, then returns ms."""
        time.sleep(ms / 1000)
        return ms

    @tool
    def fail(self, type: str = "ValueError", message: str = "failed") -> None:
        """Raises the built-in exception named by type (or PreconditionError) with message.

        An unknown name raises RuntimeError.
        """
        raise _exception_named(type)(message)

    @tool
    def count(self, n: int) -> Iterator[int]:
        """Streams the integers from 0 to n - 1."""
        yield from range(n)

    @tool
    def count_until_closed(self, closed_marker: str) -> Iterator[int]:
        """Streams 0, 1, 2... until the caller stops; then creates closed_marker (the generator's
        cleanup ran)."""
        try:
            yield from itertools.count()
        finally:
            open(closed_marker, "w").close()

    @tool
    def array_summary(self, data: bytes, dtype: str, shape: list[int]) -> dict[str, Any]:
        """Reads data as an array of dtype ("int64", "float32"... as numpy names them) and shape,
        as numpy.frombuffer(data, dtype).reshape(shape) would, without numpy; returns its shape,
        element count and sum."""
        if dtype not in _ARRAY_FORMATS:
            raise PreconditionError(f"dtype must be one of {', '.join(_ARRAY_FORMATS)}")
        array = memoryview(data).cast(_ARRAY_FORMATS[dtype], shape)
        flat = array.cast("B").cast(_ARRAY_FORMATS[dtype])
        return {"shape": list(array.shape), "size": len(flat), "sum": sum(flat)}

    @tool
    def counter(self, ctx: Context, name: str = "counter", by: int = 1) -> int:
        """Adds by to the session variable name (absent counts as 0) and returns its new value.

        Safe under concurrent calls: a compare-and-set, retried when another write got there first.
        """
        while True:
            try:
                current, version = ctx.variables.get_versioned(name)
            except VariableNotFound:
                current, version = 0, 0  # expected version 0: create it, unless someone else has
            try:
                ctx.variables.put(name, current + by, expected_version=version)
            except VersionConflict:
                continue
            return current + by

    @tool
    def call_tool(
        self, ctx: Context, tool: str, args: dict[str, Any] | None = None, pool: str = ""
    ) -> Any:
        """Calls another tool through the node, in this call's session, and returns its result.

        The tool runs in the named pool (the node's default pool when empty), or is one of the
        node's Java tools (pool "java").
        """
        return ctx.call(tool, args or {}, pool=pool)

    @tool
    def crash(self) -> None:
        """Kills the worker process abruptly, in the middle of the call."""
        os._exit(1)

    @tool
    def segfault(self) -> None:
        """Crashes the worker with a segmentation fault (reads address 0)."""
        ctypes.string_at(0)

    @tool
    def spawn_child(self) -> int:
        """Starts a child process that sleeps for an hour and returns its pid."""
        return subprocess.Popen(["sleep", "3600"]).pid

    @tool
    def freeze_soon(self, ms: int = 100) -> None:
        """Freezes the whole worker (SIGSTOP to itself) ms milliseconds after answering."""

        def freeze() -> None:
            time.sleep(ms / 1000)
            os.kill(os.getpid(), signal.SIGSTOP)

        threading.Thread(target=freeze, daemon=True).start()

    @tool
    def hold_gil(self, started_marker: str) -> None:
        """Creates started_marker, then runs a regular expression that practically never ends and
        never releases the GIL: a stand-in for a native call that is stuck."""
        open(started_marker, "w").close()
        re.match(r"(a+)+$", "a" * 64 + "b")

    @tool
    def time_left(self, ctx: Context) -> float | None:
        """Seconds left before the caller's deadline, as the worker sees it (None: no deadline)."""
        return ctx.time_remaining()

    @tool
    def pid(self) -> int:
        """The worker's process id."""
        return os.getpid()


# numpy's dtype names, as struct format characters (native byte order, as numpy's default).
_ARRAY_FORMATS = {
    "int8": "b",
    "uint8": "B",
    "int16": "h",
    "uint16": "H",
    "int32": "i",
    "uint32": "I",
    "int64": "q",
    "uint64": "Q",
    "float32": "f",
    "float64": "d",
}


def _exception_named(name: str) -> type[BaseException]:
    if name == "PreconditionError":
        return PreconditionError
    candidate = getattr(builtins, name, None)
    if isinstance(candidate, type) and issubclass(candidate, BaseException):
        return candidate
    return RuntimeError
