from __future__ import annotations

from typing import Iterator

import pytest

from fake_node import FakeNode
from worker_process import SECRET, WorkerProcess, short_temp_dir, start_worker


@pytest.fixture
def socket_dir() -> Iterator[str]:
    with short_temp_dir() as path:
        yield path


@pytest.fixture(scope="module")
def example_worker() -> Iterator[WorkerProcess]:
    with short_temp_dir() as path:
        worker = start_worker(path)
        yield worker
        worker.stop()


@pytest.fixture(scope="module")
def node() -> Iterator[FakeNode]:
    with short_temp_dir() as path:
        fake = FakeNode(SECRET).start(f"{path}/node.sock")
        yield fake
        fake.stop()


@pytest.fixture(scope="module")
def worker_with_node(node: FakeNode) -> Iterator[WorkerProcess]:
    with short_temp_dir() as path:
        worker = start_worker(path, node_socket=node.socket_path)
        yield worker
        worker.stop()
