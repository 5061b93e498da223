"""A worker runs as many calls at once as its node says, and only for a thread-safe adapter."""

from __future__ import annotations

from snakepit.values import from_value
from snakepit.worker.v1 import worker_pb2
from worker_process import exit_code_with_stdin_open, launch, read_stderr, start_worker

THREADED_ADAPTER = "snakepit.examples.threaded_adapter:ThreadedAdapter"


def test_a_thread_profile_worker_runs_its_calls_at_once(socket_dir: str) -> None:
    worker = start_worker(
        socket_dir, adapter=THREADED_ADAPTER, env={"SNAKEPIT_CONCURRENT_CALLS": "3"}
    )
    try:
        calls = [worker.execute_in_background("meet", parties=3) for _ in range(3)]
        pids = {from_value(call.result().result) for call in calls}
        assert pids == {worker.process.pid}
    finally:
        worker.stop()


def test_a_worker_says_whether_a_call_still_runs(socket_dir: str) -> None:
    marker = f"{socket_dir}/go"
    worker = start_worker(
        socket_dir, adapter=THREADED_ADAPTER, env={"SNAKEPIT_CONCURRENT_CALLS": "2"}
    )
    try:
        waiting = worker.execute_in_background("wait_for_file", path=marker)
        worker.wait_until_calls(1)
        running = worker.call("Health", worker_pb2.HealthRequest(call_id="test-wait_for_file"))
        other = worker.call("Health", worker_pb2.HealthRequest(call_id="another"))
        assert running.call_running and running.in_flight == 1
        assert not other.call_running

        open(marker, "w").close()
        waiting.result()
        after = worker.call("Health", worker_pb2.HealthRequest(call_id="test-wait_for_file"))
        assert not after.call_running and after.in_flight == 0
    finally:
        worker.stop()


def test_an_adapter_not_declared_thread_safe_refuses_the_thread_profile(socket_dir: str) -> None:
    process = launch(socket_dir, env={"SNAKEPIT_CONCURRENT_CALLS": "4"})
    assert exit_code_with_stdin_open(process) == 3
    stderr = read_stderr(socket_dir)
    assert "ExampleAdapter does not declare thread_safe = True" in stderr
    assert "up to 4 calls at once" in stderr


def test_a_bad_concurrent_call_count_exits_with_3(socket_dir: str) -> None:
    process = launch(socket_dir, env={"SNAKEPIT_CONCURRENT_CALLS": "0"})
    assert exit_code_with_stdin_open(process) == 3
    assert "SNAKEPIT_CONCURRENT_CALLS must be a positive number" in read_stderr(socket_dir)

