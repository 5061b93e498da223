"""A real worker process serving the example adapter, called over its Unix socket."""

from __future__ import annotations

import json

import grpc
import pytest

from snakepit.v1 import errors_pb2
from snakepit.values import from_value
from snakepit.worker.v1 import worker_pb2
from worker_process import EXAMPLE_ADAPTER, WorkerProcess, execute_request

Kind = errors_pb2.ToolError.Kind


def result_of(response: worker_pb2.ExecuteResponse) -> object:
    assert response.WhichOneof("outcome") == "result", response.error
    return from_value(response.result)


def test_ready_line_names_pid_socket_and_worker(example_worker: WorkerProcess) -> None:
    assert example_worker.ready == {
        "pid": example_worker.process.pid,
        "socket": example_worker.socket_path,
        "worker_id": "w1",
    }


def test_describe_lists_tools_with_descriptions_and_schemas(example_worker: WorkerProcess) -> None:
    described = example_worker.call("Describe", worker_pb2.DescribeRequest())
    assert described.adapter == EXAMPLE_ADAPTER
    assert described.pid == example_worker.process.pid
    tools = {info.name: info for info in described.tools}
    assert set(tools) == set(
        "ping echo add sleep fail count count_until_closed array_summary counter call_tool crash"
        " segfault spawn_child freeze_soon hold_gil time_left pid".split()
    )
    assert tools["ping"].description == 'Answers "pong".'
    assert tools["count"].streaming and not tools["add"].streaming
    assert json.loads(tools["add"].parameters_schema) == {
        "type": "object",
        "properties": {
            "a": {"type": ["integer", "number"]},
            "b": {"type": ["integer", "number"]},
        },
        "required": ["a", "b"],
        "additionalProperties": False,
    }
    counter = json.loads(tools["counter"].parameters_schema)
    assert list(counter["properties"]) == ["name", "by"]


def test_execute_returns_values(example_worker: WorkerProcess) -> None:
    assert result_of(example_worker.execute("ping")) == "pong"
    assert result_of(example_worker.execute("add", a=2, b=3)) == 5
    assert isinstance(result_of(example_worker.execute("add", a=2, b=3)), int)
    assert result_of(example_worker.execute("add", a=2, b=0.5)) == 2.5
    assert result_of(example_worker.execute("pid")) == example_worker.process.pid
    nested = {"b": b"\x00\x01", "a": [2**63 - 1, None, {"x": -1.5}]}
    assert result_of(example_worker.execute("echo", value=nested)) == nested


def test_bad_arguments_and_unknown_tool(example_worker: WorkerProcess) -> None:
    wrong = example_worker.execute("add", a="2", b=3).error
    assert wrong.kind == Kind.BAD_ARGUMENTS
    assert "argument 'a' must be int | float, got '2'" in wrong.message
    unknown = example_worker.execute("missing").error
    assert unknown.kind == Kind.UNKNOWN_TOOL
    streams = example_worker.execute("count", n=2).error
    assert streams.kind == Kind.BAD_ARGUMENTS
    assert streams.message == "tool count streams: call it with ExecuteStream"


def test_raising_tool_returns_type_message_and_traceback(example_worker: WorkerProcess) -> None:
    error = example_worker.execute("fail", type="KeyError", message="nope").error
    assert error.kind == Kind.RAISED
    assert error.type == "builtins.KeyError"
    assert error.message == "'nope'"
    assert "in fail\n    raise _exception_named(type)(message)" in error.traceback
    precondition = example_worker.execute("fail", type="PreconditionError").error
    assert precondition.kind == Kind.PRECONDITION
    assert precondition.type == "snakepit.PreconditionError"
    assert example_worker.execute("fail", type="NoSuchError").error.type == "builtins.RuntimeError"


def test_execute_stream_streams_items(example_worker: WorkerProcess) -> None:
    chunks = list(example_worker.stream("count", n=4))
    assert [from_value(chunk.item) for chunk in chunks] == [0, 1, 2, 3]
    assert [from_value(chunk.item) for chunk in example_worker.stream("ping")] == ["pong"]
    (failure,) = example_worker.stream("fail")
    assert failure.error.type == "builtins.ValueError"


def test_health_answers_while_a_tool_runs(example_worker: WorkerProcess) -> None:
    before = example_worker.health()
    sleeping = example_worker.execute_in_background("sleep", ms=2000)
    during = example_worker.wait_until_calls(before.calls + 1)
    assert not sleeping.done(), "answered while the tool was still running"
    assert result_of(sleeping.result()) == 2000
    assert during.pid == example_worker.process.pid
    assert during.calls == before.calls + 1
    assert 1_000_000 < during.rss_bytes < 1_000_000_000


@pytest.mark.parametrize(
    "method, request_message",
    [
        ("Describe", worker_pb2.DescribeRequest()),
        ("Execute", execute_request("ping")),
        ("Health", worker_pb2.HealthRequest()),
    ],
)
def test_wrong_secret_is_unauthenticated(
    example_worker: WorkerProcess, method: str, request_message: object
) -> None:
    with pytest.raises(grpc.RpcError) as refused:
        example_worker.call(method, request_message, secret="wrong")
    assert refused.value.code() is grpc.StatusCode.UNAUTHENTICATED


def test_wrong_secret_is_unauthenticated_for_streams_too(example_worker: WorkerProcess) -> None:
    chunks = example_worker.call("ExecuteStream", execute_request("count", n=2), secret="")
    with pytest.raises(grpc.RpcError) as refused:
        next(chunks)
    assert refused.value.code() is grpc.StatusCode.UNAUTHENTICATED
