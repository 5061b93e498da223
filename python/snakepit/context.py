"""What a tool learns about its call, its session's variables, and how it calls other tools."""

from __future__ import annotations

from typing import Any, Callable, Protocol

from snakepit.errors import PreconditionError, VariableNotFound


class VariableBackend(Protocol):
    """Where session variables live: the node, reached by the worker."""

    def get(self, session_id: str, name: str, timeout: float | None) -> tuple[Any, int]:
        """Returns (value, version); raises VariableNotFound."""

    def put(
        self,
        session_id: str,
        name: str,
        value: Any,
        expected_version: int | None,
        timeout: float | None,
    ) -> int:
        """Returns the new version; raises VersionConflict."""

    def delete(
        self, session_id: str, name: str, expected_version: int | None, timeout: float | None
    ) -> bool:
        """Returns whether the variable existed; raises VersionConflict."""


class ToolCaller(Protocol):
    """Runs a tool through the node: any pool, the same session, the remaining deadline."""

    def call_tool(
        self, tool: str, args: dict[str, Any], session_id: str, pool: str, timeout: float | None
    ) -> Any:
        """Returns the tool's result; raises NodeCallError when the node reports a failure."""


class NodeServices(VariableBackend, ToolCaller, Protocol):
    """Everything a worker's node does for its tools."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Variables:
    """The variables of the call's session, read and written through the node.

    Versions start at 1 and grow with every write. An expected_version makes a
    write compare-and-set (0: the variable must not exist yet) and raises
    VersionConflict when the variable is elsewhere.
    """

    def __init__(
        self,
        backend: VariableBackend,
        session_id: str,
        time_remaining: Callable[[], float | None],
    ) -> None:
        self._backend = backend
        self._session_id = session_id
        self._time_remaining = time_remaining

    def get(self, name: str, default: Any = MISSING) -> Any:
        """The variable's value; default if it does not exist (VariableNotFound without one)."""
        try:
            return self.get_versioned(name)[0]
        except VariableNotFound:
            if default is MISSING:
                raise
            return default

    def get_versioned(self, name: str) -> tuple[Any, int]:
        """(value, version); raises VariableNotFound."""
        return self._backend.get(self._session_id, name, self._time_remaining())

    def put(self, name: str, value: Any, expected_version: int | None = None) -> int:
        """Writes the variable and returns its new version."""
        return self._backend.put(
            self._session_id, name, value, expected_version, self._time_remaining()
        )

    def delete(self, name: str, expected_version: int | None = None) -> bool:
        """Deletes the variable; False if it did not exist."""
        return self._backend.delete(
            self._session_id, name, expected_version, self._time_remaining()
        )


class Context:
    """Passed to tools that declare a `ctx` parameter (or one annotated Context)."""

    def __init__(
        self,
        *,
        session_id: str | None,
        call_id: str,
        time_remaining: Callable[[], float | None],
        variable_backend: VariableBackend | None,
        tool_caller: ToolCaller | None = None,
    ) -> None:
        self.session_id = session_id
        self.call_id = call_id
        self._time_remaining = time_remaining
        self._variable_backend = variable_backend
        self._tool_caller = tool_caller

    def time_remaining(self) -> float | None:
        """Seconds left before the call's deadline; None when it has none."""
        return self._time_remaining()

    @property
    def variables(self) -> Variables:
        """The session's variables; PreconditionError when the call has no session."""
        if self.session_id is None:
            raise PreconditionError("this call has no session")
        if self._variable_backend is None:
            raise PreconditionError(
                "this worker was started without --node-socket: session variables are unavailable"
            )
        return Variables(self._variable_backend, self.session_id, self._time_remaining)

    def call(self, tool: str, args: dict[str, Any] | None = None, *, pool: str = "") -> Any:
        """Calls another tool through the node and returns its result.

        The call may run in any pool of the node (the default pool when pool is
        empty), or be one of the node's Java tools (pool "java"), with this
        call's session and what is left of its deadline. A
        failure raises NodeCallError with the node's status and message. A tool
        calling into its own pool needs a free worker there: with every worker
        busy, the inner call waits in the queue like any other.
        """
        if self._tool_caller is None:
            raise PreconditionError(
                "this worker was started without --node-socket: it cannot call other tools"
            )
        return self._tool_caller.call_tool(
            tool, args or {}, self.session_id or "", pool, self._time_remaining()
        )
