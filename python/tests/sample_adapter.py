"""An adapter whose tools cover the shapes of signatures that schemas and checks must handle."""

from __future__ import annotations

from typing import Any, Iterator, Optional

from snakepit import Adapter, Context, tool


class SampleAdapter(Adapter):
    @tool
    def typed(
        self,
        n: int,
        x: float,
        s: str,
        flag: bool,
        data: bytes,
        items: list[int],
        table: dict[str, float],
        maybe: Optional[int] = None,
        either: int | str = 0,
        anything=b"\x00",
    ) -> None:
        """Takes one of everything.

        Second paragraph.
        """

    @tool(name="renamed", description="Explicit words.")
    def original(self) -> str:
        """Not the description."""
        return "original"

    @tool
    def with_context(self, ctx: Context, count: int = 1) -> list[Any]:
        return [ctx.session_id, ctx.call_id, count]

    @tool
    def annotated_context(self, context: Context) -> Optional[str]:
        return context.session_id

    @tool
    def numbers(self, n: int) -> Iterator[int]:
        yield from range(n)

    @tool
    def options(self, name: str, **rest: int) -> dict[str, Any]:
        return {"name": name, **rest}

    def helper(self) -> str:
        return "not a tool"


class SubAdapter(SampleAdapter):
    def helper(self) -> str:
        return "still not a tool"

    def numbers(self, n: int) -> Iterator[int]:  # overridden without @tool: no longer a tool
        yield n
