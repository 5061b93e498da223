"""ctx.variables, from a real worker to a fake node over real sockets."""

from __future__ import annotations

import itertools

import grpc
import pytest

from fake_node import FakeNode
from snakepit import NodeCallError, VariableNotFound, VersionConflict
from snakepit.v1 import errors_pb2
from snakepit.values import from_value
from snakepit.worker.node_callback import NodeCallbackClient
from worker_process import CALL_TIMEOUT_SECONDS, SECRET, WorkerProcess

Kind = errors_pb2.ToolError.Kind
_sessions = itertools.count()


@pytest.fixture
def session() -> str:
    # A fresh session per test: the fake node lives as long as the module.
    return f"session-{next(_sessions)}"


def count(worker: WorkerProcess, session: str, **args: object) -> object:
    response = worker.execute("counter", session_id=session, **args)
    assert response.WhichOneof("outcome") == "result", response.error
    return from_value(response.result)


def test_counter_creates_then_increments(
    worker_with_node: WorkerProcess, node: FakeNode, session: str
) -> None:
    assert count(worker_with_node, session) == 1
    assert count(worker_with_node, session, by=5) == 6
    assert count(worker_with_node, session, name="other") == 1
    assert node.value_of(session, "counter") == 6
    assert node.variables[(session, "counter")][1] == 2


def test_counter_retries_after_a_concurrent_write(
    worker_with_node: WorkerProcess, node: FakeNode, session: str
) -> None:
    assert count(worker_with_node, session) == 1
    puts_before = sum(call.method == "put" for call in node.calls)
    node.before_next_put = lambda: node.set(session, "counter", 10)
    assert count(worker_with_node, session) == 11
    assert sum(call.method == "put" for call in node.calls) == puts_before + 2
    assert node.value_of(session, "counter") == 11


def test_worker_identifies_itself_and_passes_its_deadline_down(
    worker_with_node: WorkerProcess, node: FakeNode, session: str
) -> None:
    count(worker_with_node, session)
    last = node.calls[-1]
    assert last.metadata["x-snakepit-secret"] == SECRET
    assert last.metadata["x-snakepit-worker"] == "w1"
    # A little over the call's own timeout: gRPC rounds the deadline it sends up.
    assert last.time_remaining is not None
    assert 0 < last.time_remaining < CALL_TIMEOUT_SECONDS + 1


def test_variables_without_a_session_are_a_precondition_error(
    worker_with_node: WorkerProcess,
) -> None:
    error = worker_with_node.execute("counter").error
    assert error.kind == Kind.PRECONDITION
    assert error.message == "this call has no session"


def test_node_statuses_become_python_exceptions(node: FakeNode, session: str) -> None:
    client = NodeCallbackClient(node.socket_path, SECRET, "w2", [])
    with pytest.raises(VariableNotFound):
        client.get(session, "absent", timeout=5)
    assert client.put(session, "v", [1, b"2"], expected_version=0, timeout=5) == 1
    assert client.get(session, "v", timeout=5) == ([1, b"2"], 1)
    with pytest.raises(VersionConflict):
        client.put(session, "v", "again", expected_version=0, timeout=5)
    assert client.put(session, "v", "blind", expected_version=None, timeout=5) == 2
    with pytest.raises(VersionConflict):
        client.delete(session, "v", expected_version=1, timeout=5)
    assert client.delete(session, "v", expected_version=2, timeout=5) is True
    assert client.delete(session, "v", expected_version=None, timeout=5) is False
    intruder = NodeCallbackClient(node.socket_path, "wrong", "w3", [])
    with pytest.raises(NodeCallError) as refused:
        intruder.get(session, "v", timeout=5)
    assert refused.value.code is grpc.StatusCode.UNAUTHENTICATED
