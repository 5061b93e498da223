"""Starts real worker processes, as the node does, and calls them over their socket."""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Any, Iterator

import grpc
from google.protobuf.message import Message

from snakepit.values import to_map
from snakepit.worker.v1 import worker_pb2

SECRET = "test-secret"
EXAMPLE_ADAPTER = "snakepit.examples.example_adapter:ExampleAdapter"
READY_TIMEOUT_SECONDS = 15.0
CALL_TIMEOUT_SECONDS = 10.0

_METHODS: dict[str, tuple[type[Message], bool]] = {
    "Describe": (worker_pb2.DescribeResponse, False),
    "Execute": (worker_pb2.ExecuteResponse, False),
    "ExecuteStream": (worker_pb2.ExecuteChunk, True),
    "Health": (worker_pb2.HealthResponse, False),
}


@dataclass
class WorkerClient:
    channel: grpc.Channel

    def call(
        self,
        method: str,
        request: Message,
        secret: str = SECRET,
        timeout: float = CALL_TIMEOUT_SECONDS,
    ) -> Any:
        """Calls a Worker method; a streaming one returns its iterator (which can be cancelled)."""
        response_type, streaming = _METHODS[method]
        factory = self.channel.unary_stream if streaming else self.channel.unary_unary
        callable_ = factory(
            f"/snakepit.worker.v1.Worker/{method}",
            request_serializer=lambda message: message.SerializeToString(),
            response_deserializer=response_type.FromString,
        )
        return callable_(request, timeout=timeout, metadata=(("x-snakepit-secret", secret),))

    def execute(self, tool: str, session_id: str = "", **args: Any) -> worker_pb2.ExecuteResponse:
        return self.call("Execute", execute_request(tool, session_id, **args))

    def stream(self, tool: str, **args: Any) -> Iterator[worker_pb2.ExecuteChunk]:
        return self.call("ExecuteStream", execute_request(tool, **args))

    def execute_in_background(self, tool: str, **args: Any) -> grpc.Future:
        execute = self.channel.unary_unary(
            "/snakepit.worker.v1.Worker/Execute",
            request_serializer=lambda message: message.SerializeToString(),
            response_deserializer=worker_pb2.ExecuteResponse.FromString,
        )
        return execute.future(
            execute_request(tool, **args),
            timeout=CALL_TIMEOUT_SECONDS,
            metadata=(("x-snakepit-secret", SECRET),),
        )

    def health(self) -> worker_pb2.HealthResponse:
        return self.call("Health", worker_pb2.HealthRequest(), timeout=1.0)

    def wait_until_calls(self, calls: int) -> worker_pb2.HealthResponse:
        """Polls Health until the worker has counted this many tool calls."""
        deadline = time.monotonic() + CALL_TIMEOUT_SECONDS
        health = self.health()
        while health.calls < calls:
            assert time.monotonic() < deadline, f"the worker never counted {calls} calls"
            time.sleep(0.01)
            health = self.health()
        return health


@dataclass
class WorkerProcess(WorkerClient):
    process: subprocess.Popen[bytes]
    socket_path: str
    ready: dict[str, Any]

    def close_stdin_and_wait(self, timeout: float = 10.0) -> int:
        assert self.process.stdin is not None
        self.process.stdin.close()
        return self.process.wait(timeout)

    def stop(self) -> None:
        self.channel.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


def execute_request(tool: str, session_id: str = "", **args: Any) -> worker_pb2.ExecuteRequest:
    return worker_pb2.ExecuteRequest(
        tool=tool, args=to_map(args), session_id=session_id, call_id=f"test-{tool}"
    )


def launch(
    socket_dir: str,
    *,
    adapter: str = EXAMPLE_ADAPTER,
    node_socket: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """Starts `python3 -m snakepit.worker` with pipes for stdin and stdout, stderr to a file.

    A file rather than a pipe: nobody reads stderr while the test runs, and a
    full pipe would block the worker.
    """
    command = [sys.executable, "-u", "-m", "snakepit.worker", "--adapter", adapter]
    command += ["--socket", os.path.join(socket_dir, "worker.sock"), "--worker-id", "w1"]
    if node_socket is not None:
        command += ["--node-socket", node_socket]
    with open(stderr_path(socket_dir), "wb") as stderr:
        return subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=environment(env),
        )


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a node gives its workers (and fork servers), with extra on top."""
    return {**os.environ, "SNAKEPIT_SECRET": SECRET, "SNAKEPIT_RUN_ID": "test-run", **(extra or {})}


def stderr_path(socket_dir: str) -> str:
    return os.path.join(socket_dir, "stderr.log")


def read_stderr(socket_dir: str) -> str:
    with open(stderr_path(socket_dir), encoding="utf-8", errors="replace") as stderr:
        return stderr.read()


def start_worker(socket_dir: str, **launch_options: Any) -> WorkerProcess:
    process = launch(socket_dir, **launch_options)
    ready = read_ready_line(process, socket_dir)
    channel = grpc.insecure_channel(f"unix:{ready['socket']}")
    return WorkerProcess(channel, process, ready["socket"], ready)


def read_ready_line(process: subprocess.Popen[bytes], socket_dir: str) -> dict[str, Any]:
    assert process.stdout is not None
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        readable, _, _ = select.select([process.stdout], [], [], 0.1)
        if readable:
            line = process.stdout.readline().decode()
            if not line:
                break
            prefix, _, payload = line.partition(" ")
            assert prefix == "SNAKEPIT_READY", f"unexpected stdout line {line!r}"
            return json.loads(payload)
    process.kill()
    process.wait()
    raise AssertionError(f"worker did not become ready; stderr:\n{read_stderr(socket_dir)}")


def exit_code_with_stdin_open(process: subprocess.Popen[bytes]) -> int:
    """Waits for a worker that fails to start; closing stdin first would make it exit 0 instead."""
    exit_code = process.wait(10)
    assert process.stdout is not None and process.stdin is not None
    assert process.stdout.read() == b"", "no READY line before a failure"
    process.stdout.close()
    process.stdin.close()
    return exit_code


def wait_until_gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not running(pid):
            return True
        time.sleep(0.05)
    return False


def running(pid: int) -> bool:
    """False once the process is gone or a zombie (dead, waiting for a parent to reap it)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except FileNotFoundError:
        return False


@contextlib.contextmanager
def short_temp_dir() -> Iterator[str]:
    # Under /tmp with a short name: a Unix socket path must fit in 107 bytes,
    # which pytest's own tmp_path does not promise.
    path = tempfile.mkdtemp(prefix="sp-", dir="/tmp")
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
