"""The fork server: workers forked from one warm parent, their ends reported, none outliving it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from typing import Iterator

import grpc
import pytest

from forkserver_process import ForkServer, launch_fork_server, start_fork_server
from snakepit.values import from_value
from snakepit.worker.v1 import worker_pb2
from worker_process import (
    EXAMPLE_ADAPTER,
    WorkerClient,
    launch,
    read_ready_line,
    read_stderr,
    wait_until_gone,
)


@pytest.fixture
def fork_server(socket_dir: str) -> Iterator[ForkServer]:
    server = start_fork_server(socket_dir)
    yield server
    server.stop()


def test_forked_workers_answer_each_on_its_own_socket(fork_server: ForkServer) -> None:
    assert fork_server.ready == {"pid": fork_server.pid}
    workers = [fork_server.start_worker(f"w{number}") for number in range(3)]
    pids = {ready["pid"] for ready, _ in workers}
    assert len(pids) == 3 and fork_server.pid not in pids
    for ready, client in workers:
        forked = fork_server.next_line("SNAKEPIT_FORKED", worker_id=ready["worker_id"])
        assert forked == {"pid": ready["pid"], "worker_id": ready["worker_id"]}
        described = client.call("Describe", worker_pb2.DescribeRequest())
        assert described.adapter == EXAMPLE_ADAPTER
        assert described.pid == ready["pid"]
        assert client.execute("ping").result.string_value == "pong"
        assert _parent_of(ready["pid"]) == fork_server.pid
        assert os.getpgid(ready["pid"]) == ready["pid"]


def test_a_worker_killed_is_reported_with_its_signal(fork_server: ForkServer) -> None:
    ready, _ = fork_server.start_worker("doomed")
    os.kill(ready["pid"], signal.SIGKILL)
    exited = fork_server.next_line("SNAKEPIT_EXITED", pid=ready["pid"])
    assert exited == {"pid": ready["pid"], "worker_id": "doomed", "exit_code": None, "signal": 9}


def test_closing_stdin_kills_every_worker_and_what_its_tools_started(
    fork_server: ForkServer,
) -> None:
    workers = [fork_server.start_worker(f"w{number}") for number in range(2)]
    tool_child = from_value(workers[0][1].execute("spawn_child").result)
    assert fork_server.close_stdin_and_wait() == 0
    for pid in [ready["pid"] for ready, _ in workers] + [tool_child]:
        assert wait_until_gone(pid, timeout=3.0), f"process {pid} outlived the fork server"


def test_sigterm_lets_workers_drain_then_exits(fork_server: ForkServer) -> None:
    ready, _ = fork_server.start_worker("w1")
    fork_server.process.send_signal(signal.SIGTERM)
    assert fork_server.process.wait(10) == 0
    exited = fork_server.next_line("SNAKEPIT_EXITED", pid=ready["pid"])
    assert (exited["exit_code"], exited["signal"]) == (0, None)
    assert not os.path.exists(ready["socket"])


def test_a_worker_whose_adapter_fails_exits_with_3_and_its_traceback(socket_dir: str) -> None:
    server = start_fork_server(socket_dir, adapter="broken_adapter:BrokenAdapter")
    try:
        server.spawn("broken")
        exited = server.next_line("SNAKEPIT_EXITED", worker_id="broken")
        assert (exited["exit_code"], exited["signal"]) == (3, None)
        # Relayed before the news of its end, so that the node can report it with that end.
        output = server.output_of("broken")
        assert "Traceback" in output
        assert "RuntimeError: the model file is missing" in output
        assert "the model file" not in read_stderr(socket_dir), "the fork server's own stderr"
        assert server.process.poll() is None, "one worker's failure does not end the pool"
    finally:
        server.stop()


def test_each_workers_output_is_relayed_under_its_own_pid_and_id(
    fork_server: ForkServer,
) -> None:
    workers = [fork_server.start_worker(f"w{number}")[0] for number in range(2)]
    for ready in workers:
        # The worker logs that it serves just before it says it is ready.
        relayed = fork_server.next_line("SNAKEPIT_OUTPUT", pid=ready["pid"])
        assert relayed["worker_id"] == ready["worker_id"]
        assert f"worker {ready['worker_id']}]" in relayed["line"]
        assert "serving" in relayed["line"]


def test_a_segfault_is_reported_after_the_python_stack_it_left(fork_server: ForkServer) -> None:
    ready, client = fork_server.start_worker("doomed")
    with pytest.raises(grpc.RpcError):
        client.execute("segfault")
    exited = fork_server.next_line("SNAKEPIT_EXITED", pid=ready["pid"])
    assert exited["signal"] == signal.SIGSEGV
    output = fork_server.output_of("doomed")
    assert "Fatal Python error: Segmentation fault" in output
    assert "example_adapter.py" in output


def test_a_fork_server_still_importing_its_adapter_ends_with_its_node(socket_dir: str) -> None:
    marker = os.path.join(socket_dir, "importing")
    process = launch_fork_server(
        socket_dir, "hanging_import_adapter:Adapter", env={"HANGING_IMPORT_MARKER": marker}
    )
    try:
        assert wait_until_exists(marker), read_stderr(socket_dir)
        assert process.stdin is not None
        process.stdin.close()
        assert process.wait(10) == -signal.SIGIO
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        assert process.stdout is not None
        process.stdout.close()


def test_a_command_it_cannot_carry_out_is_rejected(fork_server: ForkServer) -> None:
    fork_server.send(b"not json")
    fork_server.send(b'{"spawn": {"worker_id": "w1"}}')
    assert fork_server.next_line("SNAKEPIT_REJECTED", worker_id=None)["error"].startswith(
        "not a JSON command"
    )
    assert fork_server.next_line("SNAKEPIT_REJECTED", worker_id="w1")["error"] == (
        "spawn needs a socket, a non-empty path"
    )
    assert fork_server.start_worker("w2")[1].execute("ping").result.string_value == "pong"


@pytest.mark.parametrize(
    "adapter, expected",
    [
        ("no_such_module:Adapter", "ModuleNotFoundError: No module named 'no_such_module'"),
        ("snakepit.examples.example_adapter:Missing", "has no 'Missing'"),
    ],
)
def test_an_adapter_that_cannot_be_found_stops_the_fork_server_with_3(
    socket_dir: str, adapter: str, expected: str
) -> None:
    process = launch_fork_server(socket_dir, adapter)
    # Not communicate(): that closes stdin at once, which would end the fork server first.
    assert process.wait(10) == 3
    assert process.stdout is not None and process.stdin is not None
    assert process.stdout.read() == b""
    process.stdout.close()
    process.stdin.close()
    assert expected in read_stderr(socket_dir)


def test_a_missing_secret_stops_the_fork_server_with_3(socket_dir: str) -> None:
    process = launch_fork_server(socket_dir, env={"SNAKEPIT_SECRET": ""})
    process.communicate(timeout=10)
    assert process.returncode == 3
    assert "SNAKEPIT_SECRET must be set" in read_stderr(socket_dir)


def test_time_until_16_workers_answer_forked_and_spawned(
    socket_dir: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Prints the times only: they depend on the machine and what else runs on it."""
    workers = 16
    started = time.monotonic()
    server = start_fork_server(socket_dir)
    try:
        server_ready = time.monotonic()
        for number in range(workers):
            server.spawn(f"w{number}")
        readies = [server.wait_ready(f"w{number}") for number in range(workers)]
        _all_answer([server.client(ready) for ready in readies])
        forked = time.monotonic()
    finally:
        server.stop()
    spawned_started = time.monotonic()
    processes = _spawn_workers(socket_dir, workers)
    try:
        readies = [read_ready_line(process, directory) for directory, process in processes]
        channels = [grpc.insecure_channel(f"unix:{ready['socket']}") for ready in readies]
        _all_answer([WorkerClient(channel) for channel in channels])
        spawned = time.monotonic()
        for channel in channels:
            channel.close()
    finally:
        for _, process in processes:
            process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
    with capsys.disabled():
        print(
            f"\n{workers} workers answering: forked {forked - started:.2f} s"
            f" (fork server ready after {server_ready - started:.2f} s,"
            f" then {forked - server_ready:.2f} s), spawned {spawned - spawned_started:.2f} s"
        )


def _all_answer(clients: list[WorkerClient]) -> None:
    assert all(client.execute("ping").result.string_value == "pong" for client in clients)


def _spawn_workers(socket_dir: str, count: int) -> list[tuple[str, subprocess.Popen[bytes]]]:
    processes = []
    for number in range(count):
        directory = os.path.join(socket_dir, f"s{number}")
        os.mkdir(directory)
        processes.append((directory, launch(directory)))
    return processes


def wait_until_exists(path: str, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def _parent_of(pid: int) -> int:
    with open(f"/proc/{pid}/stat", "rb") as stat:
        return int(stat.read().rsplit(b")", 1)[1].split()[1])


def test_killing_the_fork_server_ends_its_workers(fork_server: ForkServer) -> None:
    workers = [fork_server.start_worker(f"w{number}") for number in range(2)]
    fork_server.process.kill()
    fork_server.process.wait()
    for ready, _ in workers:
        assert wait_until_gone(ready["pid"], timeout=3.0), "the parent-death signal did not come"
