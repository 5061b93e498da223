"""A client that cancels a stream closes the tool's generator (in-process server, real gRPC)."""

from __future__ import annotations

import threading
from typing import Iterator

import grpc

from snakepit import Adapter, tool
from snakepit.adapter import adapter_tools
from snakepit.values import from_value
from snakepit.worker.options import WorkerOptions
from snakepit.worker.server import start_server
from snakepit.worker.service import WorkerService
from worker_process import SECRET, WorkerClient, execute_request, short_temp_dir


class Endless(Adapter):
    def __init__(self) -> None:
        self.closed = threading.Event()

    @tool
    def numbers(self) -> Iterator[int]:
        try:
            number = 0
            while True:
                yield number
                number += 1
        finally:
            self.closed.set()


def test_cancelled_stream_closes_the_generator() -> None:
    adapter = Endless()
    service = WorkerService(adapter, adapter_tools(adapter), node=None)
    with short_temp_dir() as directory:
        options = WorkerOptions(
            adapter="test_stream_cancellation:Endless",
            socket_path=f"{directory}/worker.sock",
            worker_id="in-process",
            node_socket_path=None,
            secret=SECRET,
            run_id="test",
            max_message_bytes=1024 * 1024,
            concurrent_calls=1,
        )
        server = start_server(service.handler(), options)
        channel = grpc.insecure_channel(f"unix:{options.socket_path}")
        try:
            chunks = WorkerClient(channel).call("ExecuteStream", execute_request("numbers"))
            assert [from_value(next(chunks).item) for _ in range(3)] == [0, 1, 2]
            chunks.cancel()
            assert adapter.closed.wait(5)
        finally:
            channel.close()
            server.stop(None).wait()
