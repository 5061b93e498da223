"""How worker processes start, fail to start, and end."""

from __future__ import annotations

import os
import signal

import grpc
import pytest

from snakepit.values import from_value
from snakepit.worker.lifecycle import STOP_GRACE_SECONDS
from worker_process import (
    exit_code_with_stdin_open,
    launch,
    read_stderr,
    start_worker,
    wait_until_gone,
)


def test_closing_stdin_exits_the_worker(socket_dir: str) -> None:
    worker = start_worker(socket_dir)
    try:
        assert worker.close_stdin_and_wait() == 0
    finally:
        worker.stop()


def test_sigterm_stops_serving_and_exits_cleanly(socket_dir: str) -> None:
    worker = start_worker(socket_dir)
    try:
        worker.process.send_signal(signal.SIGTERM)
        assert worker.process.wait(10) == 0
        assert not os.path.exists(worker.socket_path)
        assert "stopped" in read_stderr(socket_dir)
    finally:
        worker.stop()


def test_sigterm_does_not_wait_for_a_tool_beyond_the_grace(socket_dir: str) -> None:
    worker = start_worker(socket_dir)
    try:
        sleeping = worker.execute_in_background("sleep", ms=60_000)
        worker.wait_until_calls(1)
        worker.process.send_signal(signal.SIGTERM)
        assert worker.process.wait(STOP_GRACE_SECONDS + 5) == 0
        assert sleeping.exception(5) is not None
    finally:
        worker.stop()


def test_stale_socket_file_is_replaced(socket_dir: str) -> None:
    with open(os.path.join(socket_dir, "worker.sock"), "w") as stale:
        stale.write("left by a dead worker")
    worker = start_worker(socket_dir)
    try:
        assert worker.execute("ping").result.string_value == "pong"
    finally:
        worker.stop()


def test_crash_mid_call_fails_the_call_and_ends_the_process(socket_dir: str) -> None:
    worker = start_worker(socket_dir)
    try:
        with pytest.raises(grpc.RpcError) as failed:
            worker.execute("crash")
        assert failed.value.code() is grpc.StatusCode.UNAVAILABLE
        assert worker.process.wait(10) == 1
    finally:
        worker.stop()


@pytest.mark.parametrize(
    "adapter, expected",
    [
        ("no_such_module:Adapter", "ModuleNotFoundError: No module named 'no_such_module'"),
        ("snakepit.examples.example_adapter:Missing", "has no 'Missing'"),
        ("snakepit.examples.example_adapter:os", "is not a subclass of snakepit.Adapter"),
        ("no-colon", "--adapter must be MODULE:CLASS"),
    ],
)
def test_bad_adapter_exits_with_3_and_says_why(
    socket_dir: str, adapter: str, expected: str
) -> None:
    process = launch(socket_dir, adapter=adapter)
    assert exit_code_with_stdin_open(process) == 3
    assert expected in read_stderr(socket_dir)


def test_missing_secret_exits_with_3(socket_dir: str) -> None:
    process = launch(socket_dir, env={"SNAKEPIT_SECRET": ""})
    assert exit_code_with_stdin_open(process) == 3
    assert "SNAKEPIT_SECRET must be set" in read_stderr(socket_dir)


def test_message_size_bound_comes_from_the_environment(socket_dir: str) -> None:
    worker = start_worker(socket_dir, env={"SNAKEPIT_MAX_MESSAGE_BYTES": "1024"})
    try:
        assert worker.execute("echo", value=b"x" * 100).result.bytes_value == b"x" * 100
        with pytest.raises(grpc.RpcError) as refused:
            worker.execute("echo", value=b"x" * 4096)
        assert refused.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
    finally:
        worker.stop()


def test_invalid_message_size_exits_with_3(socket_dir: str) -> None:
    process = launch(socket_dir, env={"SNAKEPIT_MAX_MESSAGE_BYTES": "16MiB"})
    assert exit_code_with_stdin_open(process) == 3
    assert "SNAKEPIT_MAX_MESSAGE_BYTES must be a number of bytes" in read_stderr(socket_dir)


def test_closing_stdin_also_kills_what_a_tool_started(socket_dir: str) -> None:
    worker = start_worker(socket_dir)
    try:
        child = from_value(worker.execute("spawn_child").result)
        assert worker.close_stdin_and_wait() == 0
        assert wait_until_gone(child)
    finally:
        worker.stop()
