"""Exceptions that tools raise or catch."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Only named in annotations, so that adapters can be imported (and unit
    # tested) where grpcio is not installed.
    import grpc


class PreconditionError(Exception):
    """The call cannot run in the current state; the caller sees FAILED_PRECONDITION.

    Raise it (or a subclass) from a tool when retrying the same call cannot
    succeed until something else changes.
    """


class VariableNotFound(LookupError):
    """The session has no variable of that name."""


class VersionConflict(Exception):
    """A compare-and-set on a session variable met another version."""


class NodeCallError(Exception):
    """The node refused or failed a call made on behalf of a tool."""

    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        super().__init__(f"{code.name}: {details}")
        self.code = code
        self.details = details


# These types travel to clients by name ("snakepit.VersionConflict"), so they
# carry the public module rather than this file's, which may move.
for _public in (PreconditionError, VariableNotFound, VersionConflict, NodeCallError):
    _public.__module__ = "snakepit"
del _public
