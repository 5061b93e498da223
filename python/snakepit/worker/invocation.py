"""Runs one call of a tool and turns whatever happens into a Value or a ToolError."""

from __future__ import annotations

import traceback
from typing import Any, Callable, Generator, Mapping, Union

from snakepit.arguments import BadArguments, check_arguments
from snakepit.context import Context
from snakepit.errors import PreconditionError
from snakepit.tool import Tool
from snakepit.v1 import errors_pb2, value_pb2
from snakepit.values import to_value

Kind = errors_pb2.ToolError.Kind
# What a call, or each step of a streaming call, comes to.
Outcome = Union[value_pb2.Value, errors_pb2.ToolError]


class Invoker:
    def __init__(self, tools: Mapping[str, Tool]) -> None:
        self._tools = tools

    def call(self, name: str, arguments: dict[str, Any], ctx: Context) -> Outcome:
        """Runs a tool that returns one result."""
        try:
            tool = self._checked_tool(name, arguments, streaming_allowed=False)
        except _Refused as refused:
            return refused.error
        return _call(tool, _keywords(tool, arguments, ctx))

    def stream(
        self,
        name: str,
        arguments: dict[str, Any],
        ctx: Context,
        still_wanted: Callable[[], bool],
    ) -> Generator[Outcome, None, None]:
        """Runs any tool as a stream: a generator's items, or a plain tool's one result.

        Ends after the first ToolError, or as soon as still_wanted() turns
        False (the caller cancelled or its deadline passed), closing the
        tool's generator so that its cleanup runs.
        """
        try:
            tool = self._checked_tool(name, arguments, streaming_allowed=True)
        except _Refused as refused:
            yield refused.error
            return
        if not tool.streaming:
            yield _call(tool, _keywords(tool, arguments, ctx))
            return
        generator = tool.function(**_keywords(tool, arguments, ctx))
        try:
            while still_wanted():
                try:
                    item = next(generator)
                except StopIteration:
                    return
                except BaseException as raised:  # for the reason given in _call
                    yield _raised_error(raised)
                    return
                outcome = _converted(tool, item, "item")
                yield outcome
                if isinstance(outcome, errors_pb2.ToolError):
                    return
        finally:
            generator.close()

    def _checked_tool(self, name: str, arguments: dict[str, Any], streaming_allowed: bool) -> Tool:
        tool = self._tools.get(name)
        if tool is None:
            known = ", ".join(sorted(self._tools))
            raise _Refused(_tool_error(Kind.UNKNOWN_TOOL, f"no tool {name!r} (tools: {known})"))
        if tool.streaming and not streaming_allowed:
            message = f"tool {name} streams: call it with ExecuteStream"
            raise _Refused(_tool_error(Kind.BAD_ARGUMENTS, message))
        try:
            check_arguments(tool, arguments)
        except BadArguments as bad:
            raise _Refused(_tool_error(Kind.BAD_ARGUMENTS, str(bad))) from None
        return tool


class _Refused(Exception):
    def __init__(self, error: errors_pb2.ToolError) -> None:
        super().__init__(error.message)
        self.error = error


def _keywords(tool: Tool, arguments: dict[str, Any], ctx: Context) -> dict[str, Any]:
    if tool.context_parameter is None:
        return arguments
    return {**arguments, tool.context_parameter: ctx}


def _call(tool: Tool, keywords: dict[str, Any]) -> Outcome:
    try:
        result = tool.function(**keywords)
    # BaseException too: a tool's sys.exit() ends only its call (this runs
    # on a server thread) and deserves an answer rather than a dead thread.
    except BaseException as raised:
        return _raised_error(raised)
    return _converted(tool, result, "result")


def _converted(tool: Tool, obj: Any, what: str) -> Outcome:
    try:
        return to_value(obj, what)
    except (TypeError, RecursionError) as unconvertible:
        return _tool_error(
            Kind.RAISED,
            f"{what} of tool {tool.name} is not a Value: {unconvertible}",
            exception_type="builtins.TypeError",
        )


def _raised_error(raised: BaseException) -> errors_pb2.ToolError:
    kind = Kind.PRECONDITION if isinstance(raised, PreconditionError) else Kind.RAISED
    exception_type = type(raised)
    # The first frame is ours (the line that called into the tool): callers want theirs.
    frames = raised.__traceback__
    if frames is not None and frames.tb_next is not None:
        frames = frames.tb_next
    return _tool_error(
        kind,
        str(raised),
        exception_type=f"{exception_type.__module__}.{exception_type.__qualname__}",
        formatted_traceback="".join(traceback.format_exception(exception_type, raised, frames)),
    )


def _tool_error(
    kind: Kind,
    message: str,
    exception_type: str = "",
    formatted_traceback: str = "",
) -> errors_pb2.ToolError:
    return errors_pb2.ToolError(
        kind=kind, message=message, type=exception_type, traceback=formatted_traceback
    )
