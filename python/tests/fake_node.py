"""A dict-backed stand-in for the node's NodeCallback service, served over a real Unix socket."""

from __future__ import annotations

import threading
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any, Callable

import grpc

from snakepit.v1 import snakepit_pb2, value_pb2
from snakepit.values import from_value, to_value


@dataclass
class CallSeen:
    method: str
    metadata: dict[str, str]
    # Seconds the worker left before its deadline; None when it set none.
    time_remaining: float | None


@dataclass
class FakeNode:
    secret: str
    variables: dict[tuple[str, str], tuple[value_pb2.Value, int]] = field(default_factory=dict)
    calls: list[CallSeen] = field(default_factory=list)
    # Runs once, just before the next PutVariable is decided: how a test plays a concurrent writer.
    before_next_put: Callable[[], None] | None = None
    socket_path: str = ""
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _server: grpc.Server | None = None

    def start(self, socket_path: str) -> FakeNode:
        self.socket_path = socket_path
        handlers = {
            "GetVariable": self._handler(self._get, snakepit_pb2.GetVariableRequest),
            "PutVariable": self._handler(self._put, snakepit_pb2.PutVariableRequest),
            "DeleteVariable": self._handler(self._delete, snakepit_pb2.DeleteVariableRequest),
        }
        self._server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
        self._server.add_generic_rpc_handlers(
            [grpc.method_handlers_generic_handler("snakepit.worker.v1.NodeCallback", handlers)]
        )
        self._server.add_insecure_port(f"unix:{socket_path}")
        self._server.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop(None).wait()

    def set(self, session_id: str, name: str, obj: Any) -> None:
        with self._lock:
            _, version = self.variables.get((session_id, name), (None, 0))
            self.variables[(session_id, name)] = (to_value(obj), version + 1)

    def value_of(self, session_id: str, name: str) -> Any:
        with self._lock:
            return from_value(self.variables[(session_id, name)][0])

    def _handler(self, method: Callable[..., Any], request_type: Any) -> grpc.RpcMethodHandler:
        def handle(request: Any, context: grpc.ServicerContext) -> Any:
            metadata = dict(context.invocation_metadata())
            remaining = context.time_remaining()
            self.calls.append(
                CallSeen(
                    method.__name__.strip("_"), metadata, remaining if remaining < 1e9 else None
                )
            )
            if metadata.get("x-snakepit-secret") != self.secret:
                context.abort(grpc.StatusCode.UNAUTHENTICATED, "wrong secret")
            with self._lock:
                return method(request, context)

        return grpc.unary_unary_rpc_method_handler(
            handle,
            request_deserializer=request_type.FromString,
            response_serializer=lambda message: message.SerializeToString(),
        )

    def _get(self, request: Any, context: grpc.ServicerContext) -> snakepit_pb2.Variable:
        key = (request.session_id, request.name)
        if key not in self.variables:
            context.abort(grpc.StatusCode.NOT_FOUND, f"no variable {request.name!r}")
        value, version = self.variables[key]
        return snakepit_pb2.Variable(
            session_id=request.session_id, name=request.name, value=value, version=version
        )

    def _put(self, request: Any, context: grpc.ServicerContext) -> snakepit_pb2.Variable:
        if self.before_next_put is not None:
            interference, self.before_next_put = self.before_next_put, None
            interference()
        key = (request.session_id, request.name)
        _, version = self.variables.get(key, (None, 0))
        if request.HasField("expected_version") and request.expected_version != version:
            context.abort(grpc.StatusCode.ABORTED, f"{request.name!r} is at version {version}")
        self.variables[key] = (request.value, version + 1)
        return snakepit_pb2.Variable(
            session_id=request.session_id,
            name=request.name,
            value=request.value,
            version=version + 1,
        )

    def _delete(
        self, request: Any, context: grpc.ServicerContext
    ) -> snakepit_pb2.DeleteVariableResponse:
        key = (request.session_id, request.name)
        if key not in self.variables:
            return snakepit_pb2.DeleteVariableResponse(deleted=False)
        _, version = self.variables[key]
        if request.HasField("expected_version") and request.expected_version != version:
            context.abort(grpc.StatusCode.ABORTED, f"{request.name!r} is at version {version}")
        del self.variables[key]
        return snakepit_pb2.DeleteVariableResponse(deleted=True)
