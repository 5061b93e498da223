"""The base class of adapters, and how a worker finds an adapter's tools."""

from __future__ import annotations

from typing import Any, ClassVar

from snakepit.tool import Tool, bind_tool, tool_mark


class Adapter:
    """Subclass it and mark methods with @tool: those methods are what a pool serves.

    A worker process creates one instance, without arguments. Keep warm state
    (models, caches) on the instance. In a pool with the process profile a
    worker runs one call at a time; with the thread profile it runs up to the
    pool's thread count at once, each on its own thread, which only an adapter
    that declares thread_safe = True may do (its workers refuse to start
    otherwise).
    """

    # True when the adapter's tools may run on several threads at once.
    thread_safe: ClassVar[bool] = False


def adapter_name(adapter: Adapter) -> str:
    """The adapter's "module:Class", as given to a worker's --adapter."""
    cls = type(adapter)
    return f"{cls.__module__}:{cls.__qualname__}"


def adapter_tools(adapter: Adapter) -> dict[str, Tool]:
    """The adapter's tools by name, including inherited ones."""
    attributes: dict[str, Any] = {}
    # Base classes first, so that a subclass's attribute (tool or not) wins.
    for cls in reversed(type(adapter).__mro__):
        attributes.update(vars(cls))
    tools: dict[str, Tool] = {}
    for attribute_name, attribute in attributes.items():
        mark = tool_mark(attribute)
        if mark is None:
            continue
        if mark.name in tools:
            raise TypeError(f"{adapter_name(adapter)} has two tools named {mark.name!r}")
        tools[mark.name] = bind_tool(getattr(adapter, attribute_name), mark)
    return tools
