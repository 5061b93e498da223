"""Starts a real fork server, as the node does, and speaks its protocol on stdin and stdout."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from typing import Any

import grpc

from worker_process import (
    EXAMPLE_ADAPTER,
    READY_TIMEOUT_SECONDS,
    WorkerClient,
    environment,
    read_stderr,
    stderr_path,
)

TESTS_DIRECTORY = os.path.dirname(os.path.abspath(__file__))


class ForkServer:
    def __init__(self, process: subprocess.Popen[bytes], socket_dir: str) -> None:
        self.process = process
        self.socket_dir = socket_dir
        self._unread = b""
        # Lines read while looking for another one, for whoever asks for them later.
        self._backlog: list[tuple[str, dict[str, Any]]] = []
        # Every line read so far, in order.
        self.history: list[tuple[str, dict[str, Any]]] = []
        self.channels: list[grpc.Channel] = []
        self.ready = self.next_line("SNAKEPIT_FORKSERVER_READY")

    @property
    def pid(self) -> int:
        return self.process.pid

    def send(self, line: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + b"\n")
        self.process.stdin.flush()

    def spawn(self, worker_id: str) -> None:
        socket_path = os.path.join(self.socket_dir, f"{worker_id}.sock")
        self.send(json.dumps({"spawn": {"worker_id": worker_id, "socket": socket_path}}).encode())

    def wait_ready(self, worker_id: str) -> dict[str, Any]:
        return self.next_line("SNAKEPIT_READY", worker_id=worker_id)

    def start_worker(self, worker_id: str) -> tuple[dict[str, Any], WorkerClient]:
        self.spawn(worker_id)
        ready = self.wait_ready(worker_id)
        return ready, self.client(ready)

    def client(self, ready: dict[str, Any]) -> WorkerClient:
        channel = grpc.insecure_channel(f"unix:{ready['socket']}")
        self.channels.append(channel)
        return WorkerClient(channel)

    def next_line(self, word: str, **fields: Any) -> dict[str, Any]:
        """The first line that starts with word and whose payload has these fields."""
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while True:
            for index, (line_word, payload) in enumerate(self._backlog):
                if line_word == word and fields.items() <= payload.items():
                    return self._backlog.pop(index)[1]
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no {word} {fields}; stderr:\n{read_stderr(self.socket_dir)}"
            self._read_lines(remaining)

    def output_of(self, worker_id: str) -> str:
        """What the worker wrote on stdout and stderr, as relayed so far."""
        return "\n".join(
            payload["line"]
            for word, payload in self.history
            if word == "SNAKEPIT_OUTPUT" and payload["worker_id"] == worker_id
        )

    def close_stdin_and_wait(self, timeout: float = 10.0) -> int:
        assert self.process.stdin is not None
        self.process.stdin.close()
        return self.process.wait(timeout)

    def stop(self) -> None:
        for channel in self.channels:
            channel.close()
        if self.process.poll() is None:
            self.process.kill()  # its workers end with it: their parent-death signal
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()

    def _read_lines(self, timeout: float) -> None:
        assert self.process.stdout is not None
        descriptor = self.process.stdout.fileno()
        readable, _, _ = select.select([descriptor], [], [], timeout)
        if not readable:
            return
        chunk = os.read(descriptor, 65536)
        assert chunk, f"the fork server ended; stderr:\n{read_stderr(self.socket_dir)}"
        *lines, self._unread = (self._unread + chunk).split(b"\n")
        for line in lines:
            word, _, payload = line.decode().partition(" ")
            self._backlog.append((word, json.loads(payload)))
            self.history.append(self._backlog[-1])


def launch_fork_server(
    socket_dir: str, adapter: str = EXAMPLE_ADAPTER, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-u", "-m", "snakepit.forkserver", "--adapter", adapter]
    # The tests' own modules, such as broken_adapter, become importable too.
    path = os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), TESTS_DIRECTORY]))
    with open(stderr_path(socket_dir), "wb") as stderr:
        return subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=environment({"PYTHONPATH": path, **(env or {})}),
        )


def start_fork_server(socket_dir: str, adapter: str = EXAMPLE_ADAPTER) -> ForkServer:
    return ForkServer(launch_fork_server(socket_dir, adapter), socket_dir)
