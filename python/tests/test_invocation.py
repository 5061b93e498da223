from __future__ import annotations

import sys
import threading
from typing import Any, Iterator

from snakepit import Adapter, Context, PreconditionError, tool
from snakepit.adapter import adapter_tools
from snakepit.v1 import errors_pb2, value_pb2
from snakepit.values import from_value
from snakepit.worker.invocation import Invoker

Kind = errors_pb2.ToolError.Kind


class Troublesome(Adapter):
    def __init__(self) -> None:
        self.closed = threading.Event()

    @tool
    def divide(self, a: int, b: int) -> float:
        return a / b

    @tool
    def refuse(self) -> None:
        raise PreconditionError("not now")

    @tool
    def unconvertible(self) -> Any:
        return {"fine": [1, {2, 3}]}

    @tool
    def exits(self) -> None:
        sys.exit(4)

    @tool
    def endless(self) -> Iterator[int]:
        try:
            number = 0
            while True:
                yield number
                number += 1
        finally:
            self.closed.set()

    @tool
    def breaks_at(self, n: int) -> Iterator[Any]:
        yield from range(n)
        raise KeyError("broke")

    @tool
    def yields_set(self) -> Iterator[Any]:
        yield 1
        yield {1}
        yield 2


def context() -> Context:
    return Context(
        session_id=None, call_id="c1", time_remaining=lambda: None, variable_backend=None
    )


def call(invoker: Invoker, name: str, **arguments: Any) -> value_pb2.Value | errors_pb2.ToolError:
    return invoker.call(name, arguments, context())


def stream(invoker: Invoker, name: str, **arguments: Any) -> list[Any]:
    outcomes = invoker.stream(name, arguments, context(), still_wanted=lambda: True)
    return [
        from_value(outcome) if isinstance(outcome, value_pb2.Value) else outcome
        for outcome in outcomes
    ]


ADAPTER = Troublesome()
INVOKER = Invoker(adapter_tools(ADAPTER))


def test_raised_exception_has_type_message_and_a_traceback_that_starts_in_the_tool() -> None:
    error = call(INVOKER, "divide", a=1, b=0)
    assert isinstance(error, errors_pb2.ToolError)
    assert error.kind == Kind.RAISED
    assert error.type == "builtins.ZeroDivisionError"
    assert error.message == "division by zero"
    assert error.traceback.startswith("Traceback (most recent call last):")
    assert "in divide\n    return a / b" in error.traceback
    assert "worker/invocation.py" not in error.traceback
    assert error.traceback.endswith("ZeroDivisionError: division by zero\n")


def test_precondition_error_has_its_own_kind_and_public_type_name() -> None:
    error = call(INVOKER, "refuse")
    assert error.kind == Kind.PRECONDITION
    assert error.type == "snakepit.PreconditionError"


def test_unconvertible_result_is_a_type_error() -> None:
    error = call(INVOKER, "unconvertible")
    assert error.kind == Kind.RAISED
    assert error.type == "builtins.TypeError"
    assert error.message == (
        "result of tool unconvertible is not a Value:"
        " result['fine'][1]: cannot convert set to a snakepit Value"
    )


def test_system_exit_ends_only_the_call() -> None:
    error = call(INVOKER, "exits")
    assert error.type == "builtins.SystemExit"
    assert error.message == "4"


def test_unknown_tool_and_bad_arguments_are_refused_before_running() -> None:
    unknown = call(INVOKER, "nope")
    assert unknown.kind == Kind.UNKNOWN_TOOL
    assert unknown.message.startswith("no tool 'nope' (tools: breaks_at, divide,")
    bad = call(INVOKER, "divide", a=1)
    assert bad.kind == Kind.BAD_ARGUMENTS
    assert bad.message == "tool divide: missing argument 'b' (it takes: a, b)"


def test_streaming_tool_refuses_execute() -> None:
    error = call(INVOKER, "endless")
    assert error.kind == Kind.BAD_ARGUMENTS
    assert error.message == "tool endless streams: call it with ExecuteStream"


def test_stream_of_a_plain_tool_is_its_one_result() -> None:
    assert stream(INVOKER, "divide", a=6, b=3) == [2.0]


def test_stream_ends_with_the_error_its_generator_raised() -> None:
    *items, error = stream(INVOKER, "breaks_at", n=2)
    assert items == [0, 1]
    assert error.type == "builtins.KeyError"
    assert "in breaks_at\n" in error.traceback
    assert "worker/invocation.py" not in error.traceback


def test_stream_stops_at_an_unconvertible_item() -> None:
    items = stream(INVOKER, "yields_set")
    assert items[0] == 1
    assert items[1].message == (
        "item of tool yields_set is not a Value: item: cannot convert set to a snakepit Value"
    )
    assert len(items) == 2


def test_stream_closes_the_generator_once_unwanted() -> None:
    wanted = iter([True, True, True, False])
    outcomes = INVOKER.stream("endless", {}, context(), still_wanted=lambda: next(wanted))
    assert [from_value(outcome) for outcome in outcomes] == [0, 1, 2]
    assert ADAPTER.closed.is_set()
