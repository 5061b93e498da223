"""The @tool decorator, and the description of a tool that the worker serves."""

from __future__ import annotations

import inspect
import typing
from dataclasses import dataclass
from typing import Any, Callable, Mapping, TypeVar, overload

from snakepit.context import Context

Function = TypeVar("Function", bound=Callable[..., Any])

_MARK_ATTRIBUTE = "__snakepit_tool__"
_CONTEXT_PARAMETER_NAME = "ctx"


@dataclass(frozen=True)
class ToolMark:
    """What @tool records on a function until its adapter is instantiated."""

    name: str
    description: str | None


@dataclass(frozen=True)
class Tool:
    """A tool bound to its adapter instance, with what the worker needs to call and describe it."""

    name: str
    description: str
    streaming: bool
    function: Callable[..., Any]
    # The parameters callers pass by keyword: neither self nor the context.
    parameters: tuple[inspect.Parameter, ...]
    hints: Mapping[str, Any]
    # The name under which the tool receives its Context, if it asks for one.
    context_parameter: str | None
    # The **kwargs parameter, if the tool accepts arguments beyond its named ones.
    extra_keywords: inspect.Parameter | None


@overload
def tool(function: Function) -> Function:
    ...


@overload
def tool(
    *, name: str | None = None, description: str | None = None
) -> Callable[[Function], Function]:
    ...


def tool(
    function: Function | None = None,
    *,
    name: str | None = None,
    description: str | None = None,
) -> Function | Callable[[Function], Function]:
    """Marks an adapter method as a tool: `@tool` or `@tool(name=..., description=...)`.

    The name defaults to the method's name and the description to its docstring.
    A generator method is a streaming tool.
    """

    def mark(target: Function) -> Function:
        _require_synchronous_function(target)
        setattr(target, _MARK_ATTRIBUTE, ToolMark(name or target.__name__, description))
        return target

    return mark if function is None else mark(function)


def _require_synchronous_function(target: object) -> None:
    if not inspect.isfunction(target):
        raise TypeError(f"@tool marks functions, not {type(target).__qualname__}")
    if inspect.iscoroutinefunction(target) or inspect.isasyncgenfunction(target):
        raise TypeError(f"@tool {target.__qualname__}: async tools are not supported")


def tool_mark(attribute: object) -> ToolMark | None:
    """The mark @tool left on a class attribute, or None if it is not a tool."""
    return getattr(attribute, _MARK_ATTRIBUTE, None) if inspect.isfunction(attribute) else None


def bind_tool(method: Callable[..., Any], mark: ToolMark) -> Tool:
    """Describes a marked method bound to its adapter instance."""
    function = getattr(method, "__func__", method)
    # Resolved here rather than in @tool: string annotations may name classes
    # defined after the method, which exist only once the module has loaded.
    hints = typing.get_type_hints(function)
    parameters: list[inspect.Parameter] = []
    context_parameter = None
    extra_keywords = None
    for parameter in inspect.signature(method).parameters.values():
        if parameter.name == _CONTEXT_PARAMETER_NAME or hints.get(parameter.name) is Context:
            context_parameter = parameter.name
        elif parameter.kind is inspect.Parameter.VAR_KEYWORD:
            extra_keywords = parameter
        elif parameter.kind in (
            inspect.Parameter.POSITIONAL_ONLY,
            inspect.Parameter.VAR_POSITIONAL,
        ):
            raise TypeError(
                f"tool {mark.name}: parameter {parameter.name!r} cannot be passed by keyword,"
                " and tools receive keyword arguments only"
            )
        else:
            parameters.append(parameter)
    return Tool(
        name=mark.name,
        description=inspect.cleandoc(mark.description or inspect.getdoc(function) or ""),
        streaming=inspect.isgeneratorfunction(function),
        function=method,
        parameters=tuple(parameters),
        hints=hints,
        context_parameter=context_parameter,
        extra_keywords=extra_keywords,
    )
