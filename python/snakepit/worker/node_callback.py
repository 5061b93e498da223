"""The node's NodeCallback service, through which tools reach their session's variables."""

from __future__ import annotations

import threading
from typing import Any, Sequence

import grpc
from google.protobuf.message import Message

from snakepit.errors import NodeCallError, VariableNotFound, VersionConflict
from snakepit.v1 import snakepit_pb2
from snakepit.values import from_value, to_map, to_value
from snakepit.worker.auth import SECRET_HEADER

WORKER_HEADER = "x-snakepit-worker"
_SERVICE = "/snakepit.worker.v1.NodeCallback/"
_RESPONSE_TYPES: dict[str, type[Message]] = {
    "GetVariable": snakepit_pb2.Variable,
    "PutVariable": snakepit_pb2.Variable,
    "DeleteVariable": snakepit_pb2.DeleteVariableResponse,
    "Execute": snakepit_pb2.ExecuteResponse,
}


class NodeCallbackClient:
    """A VariableBackend and ToolCaller that asks the node; one per worker process, thread-safe."""

    def __init__(
        self,
        socket_path: str,
        secret: str,
        worker_id: str,
        channel_options: Sequence[tuple[str, Any]],
    ) -> None:
        self._target = f"unix:{socket_path}"
        self._channel_options = list(channel_options)
        self._metadata = ((SECRET_HEADER, secret), (WORKER_HEADER, worker_id))
        self._lock = threading.Lock()
        self._channel: grpc.Channel | None = None
        self._callables: dict[str, grpc.UnaryUnaryMultiCallable] = {}

    def get(self, session_id: str, name: str, timeout: float | None) -> tuple[Any, int]:
        request = snakepit_pb2.GetVariableRequest(session_id=session_id, name=name)
        variable = self._call("GetVariable", request, timeout)
        return from_value(variable.value), variable.version

    def put(
        self,
        session_id: str,
        name: str,
        value: Any,
        expected_version: int | None,
        timeout: float | None,
    ) -> int:
        request = snakepit_pb2.PutVariableRequest(
            session_id=session_id,
            name=name,
            value=to_value(value, f"variable {name!r}"),
            expected_version=expected_version,
        )
        return self._call("PutVariable", request, timeout).version

    def delete(
        self, session_id: str, name: str, expected_version: int | None, timeout: float | None
    ) -> bool:
        request = snakepit_pb2.DeleteVariableRequest(
            session_id=session_id, name=name, expected_version=expected_version
        )
        return self._call("DeleteVariable", request, timeout).deleted

    def call_tool(
        self, tool: str, args: dict[str, Any], session_id: str, pool: str, timeout: float | None
    ) -> Any:
        request = snakepit_pb2.ExecuteRequest(
            tool=tool, args=to_map(args), session_id=session_id, pool=pool
        )
        try:
            response = self._methods()["Execute"](request, timeout=timeout, metadata=self._metadata)
        except grpc.RpcError as error:
            raise NodeCallError(error.code(), error.details() or "") from None  # type: ignore[attr-defined]
        return from_value(response.result)

    def _call(self, method: str, request: Any, timeout: float | None) -> Any:
        call = self._methods()[method]
        try:
            return call(request, timeout=timeout, metadata=self._metadata)
        except grpc.RpcError as error:
            raise _translate(error, request.name) from None

    def _methods(self) -> dict[str, grpc.UnaryUnaryMultiCallable]:
        # Opened on first use, never at construction: a gRPC channel that
        # exists when a process forks breaks the child (see ENVIRONMENT.md).
        with self._lock:
            if self._channel is None:
                self._channel = grpc.insecure_channel(self._target, options=self._channel_options)
                self._callables = {
                    method: self._channel.unary_unary(
                        _SERVICE + method,
                        request_serializer=_serialize,
                        response_deserializer=response_type.FromString,
                    )
                    for method, response_type in _RESPONSE_TYPES.items()
                }
            return self._callables


def _serialize(message: Message) -> bytes:
    return message.SerializeToString()


def _translate(error: grpc.RpcError, variable: str) -> Exception:
    code: grpc.StatusCode = error.code()  # type: ignore[attr-defined]
    details: str = error.details() or ""  # type: ignore[attr-defined]
    if code is grpc.StatusCode.NOT_FOUND:
        return VariableNotFound(details or f"no variable {variable!r}")
    if code is grpc.StatusCode.ABORTED:
        return VersionConflict(details or f"variable {variable!r} is at another version")
    return NodeCallError(code, details)
