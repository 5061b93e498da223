"""Checks a call's keyword arguments against its tool's signature and simple type hints.

Only what the hints state plainly is checked: int, float (an int will do),
str, bool (which is not an int here), bytes, None, list[T], dict[str, V] and
unions of those. Any other hint is the tool's business.
"""

from __future__ import annotations

import inspect
import reprlib
import types
import typing
from typing import Any, Callable

from snakepit.tool import Tool


class BadArguments(Exception):
    """The arguments do not fit the tool; the message names every problem."""


_PLAIN_CHECKS: dict[Any, Callable[[Any], bool]] = {
    int: lambda value: isinstance(value, int) and not isinstance(value, bool),
    float: lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    bool: lambda value: isinstance(value, bool),
    str: lambda value: isinstance(value, str),
    bytes: lambda value: isinstance(value, bytes),
    type(None): lambda value: value is None,
}


def check_arguments(tool: Tool, arguments: dict[str, Any]) -> None:
    """Raises BadArguments unless the tool can be called with these keyword arguments."""
    problems: list[str] = []
    named = {parameter.name for parameter in tool.parameters}
    for parameter in tool.parameters:
        if parameter.name in arguments:
            problems += _type_problems(tool, parameter.name, arguments[parameter.name])
        elif parameter.default is inspect.Parameter.empty:
            problems.append(f"missing argument {parameter.name!r}")
    for name in (name for name in arguments if name not in named):
        if tool.extra_keywords is None:
            problems.append(f"unknown argument {name!r}")
        else:
            problems += _type_problems(tool, name, arguments[name], tool.extra_keywords.name)
    if problems:
        takes = ", ".join(parameter.name for parameter in tool.parameters) or "no arguments"
        raise BadArguments(f"tool {tool.name}: {'; '.join(problems)} (it takes: {takes})")


def _type_problems(tool: Tool, name: str, value: Any, hint_name: str | None = None) -> list[str]:
    hint = tool.hints.get(hint_name or name, Any)
    if _matches(value, hint):
        return []
    return [f"argument {name!r} must be {_describe(hint)}, got {reprlib.repr(value)}"]


def _matches(value: Any, hint: Any) -> bool:
    if hint in _PLAIN_CHECKS:
        return _PLAIN_CHECKS[hint](value)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is list or origin is list:
        return isinstance(value, list) and (
            not args or all(_matches(item, args[0]) for item in value)
        )
    if hint is dict or origin is dict:
        return isinstance(value, dict) and (
            len(args) != 2 or all(_matches(item, args[1]) for item in value.values())
        )
    if origin is typing.Union or origin is types.UnionType:
        return any(_matches(value, member) for member in args)
    return True


def _describe(hint: Any) -> str:
    if isinstance(hint, type):
        return "None" if hint is type(None) else hint.__name__
    return repr(hint).replace("typing.", "")
