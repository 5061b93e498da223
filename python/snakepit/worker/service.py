"""The Worker gRPC service: decodes calls, runs them through the Invoker, answers health checks."""

from __future__ import annotations

import collections
import contextlib
import functools
import os
import threading
from typing import Iterator, Mapping

import grpc

from snakepit.adapter import Adapter, adapter_name
from snakepit.context import Context, NodeServices
from snakepit.schema import parameters_schema
from snakepit.tool import Tool
from snakepit.v1 import snakepit_pb2, value_pb2
from snakepit.values import from_map
from snakepit.worker.invocation import Invoker
from snakepit.worker.memory import resident_set_bytes
from snakepit.worker.v1 import worker_pb2

SERVICE_NAME = "snakepit.worker.v1.Worker"

# grpcio reports a call without a deadline as about 9.2e18 seconds away (its
# infinite future); anything this far off is treated as no deadline.
_NO_DEADLINE_SECONDS = 1e15


class WorkerService:
    def __init__(
        self,
        adapter: Adapter,
        tools: Mapping[str, Tool],
        node: NodeServices | None,
    ) -> None:
        self._adapter_name = adapter_name(adapter)
        # Built at start so that a tool whose schema cannot be built stops the start.
        self._tool_infos = [_tool_info(tool) for tool in tools.values()]
        self._invoker = Invoker(tools)
        self._node = node
        self._calls = 0
        # The ids of the calls running now (counted: calls made by hand may share the empty id);
        # the node asks after a call it cancelled.
        self._running: collections.Counter[str] = collections.Counter()
        self._calls_lock = threading.Lock()

    def handler(self) -> grpc.GenericRpcHandler:
        return grpc.method_handlers_generic_handler(
            SERVICE_NAME,
            {
                "Describe": grpc.unary_unary_rpc_method_handler(
                    self.describe,
                    request_deserializer=worker_pb2.DescribeRequest.FromString,
                    response_serializer=worker_pb2.DescribeResponse.SerializeToString,
                ),
                "Execute": grpc.unary_unary_rpc_method_handler(
                    self.execute,
                    request_deserializer=worker_pb2.ExecuteRequest.FromString,
                    response_serializer=worker_pb2.ExecuteResponse.SerializeToString,
                ),
                "ExecuteStream": grpc.unary_stream_rpc_method_handler(
                    self.execute_stream,
                    request_deserializer=worker_pb2.ExecuteRequest.FromString,
                    response_serializer=worker_pb2.ExecuteChunk.SerializeToString,
                ),
                "Health": grpc.unary_unary_rpc_method_handler(
                    self.health,
                    request_deserializer=worker_pb2.HealthRequest.FromString,
                    response_serializer=worker_pb2.HealthResponse.SerializeToString,
                ),
            },
        )

    def describe(
        self, request: worker_pb2.DescribeRequest, context: grpc.ServicerContext
    ) -> worker_pb2.DescribeResponse:
        return worker_pb2.DescribeResponse(
            adapter=self._adapter_name, tools=self._tool_infos, pid=os.getpid()
        )

    def execute(
        self, request: worker_pb2.ExecuteRequest, context: grpc.ServicerContext
    ) -> worker_pb2.ExecuteResponse:
        with self._running_call(request.call_id):
            outcome = self._invoker.call(
                request.tool, from_map(request.args), self._tool_context(request, context)
            )
        if isinstance(outcome, value_pb2.Value):
            return worker_pb2.ExecuteResponse(result=outcome)
        return worker_pb2.ExecuteResponse(error=outcome)

    def execute_stream(
        self, request: worker_pb2.ExecuteRequest, context: grpc.ServicerContext
    ) -> Iterator[worker_pb2.ExecuteChunk]:
        outcomes = self._invoker.stream(
            request.tool,
            from_map(request.args),
            self._tool_context(request, context),
            still_wanted=context.is_active,
        )
        # closing(): gRPC drops this generator when the client cancels, and the
        # tool's generator must then be closed now, not whenever it is collected.
        with self._running_call(request.call_id), contextlib.closing(outcomes):
            for outcome in outcomes:
                if isinstance(outcome, value_pb2.Value):
                    yield worker_pb2.ExecuteChunk(item=outcome)
                else:
                    yield worker_pb2.ExecuteChunk(error=outcome)

    def health(
        self, request: worker_pb2.HealthRequest, context: grpc.ServicerContext
    ) -> worker_pb2.HealthResponse:
        with self._calls_lock:
            calls, in_flight = self._calls, sum(self._running.values())
            call_running = bool(request.call_id) and self._running[request.call_id] > 0
        return worker_pb2.HealthResponse(
            pid=os.getpid(),
            rss_bytes=resident_set_bytes(),
            calls=calls,
            in_flight=in_flight,
            call_running=call_running,
        )

    @contextlib.contextmanager
    def _running_call(self, call_id: str) -> Iterator[None]:
        with self._calls_lock:
            self._calls += 1
            self._running[call_id] += 1
        try:
            yield
        finally:
            with self._calls_lock:
                self._running[call_id] -= 1
                if not self._running[call_id]:
                    del self._running[call_id]

    def _tool_context(
        self, request: worker_pb2.ExecuteRequest, context: grpc.ServicerContext
    ) -> Context:
        return Context(
            session_id=request.session_id or None,
            call_id=request.call_id,
            time_remaining=functools.partial(_time_remaining, context),
            variable_backend=self._node,
            tool_caller=self._node,
        )


def _tool_info(tool: Tool) -> snakepit_pb2.ToolInfo:
    return snakepit_pb2.ToolInfo(
        name=tool.name,
        description=tool.description,
        parameters_schema=parameters_schema(tool),
        streaming=tool.streaming,
    )


def _time_remaining(context: grpc.ServicerContext) -> float | None:
    remaining = context.time_remaining()
    return None if remaining is None or remaining > _NO_DEADLINE_SECONDS else remaining
