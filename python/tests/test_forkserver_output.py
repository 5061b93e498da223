"""A forked worker's output as the fork server relays it: whole lines, in pieces when long."""

from __future__ import annotations

import json
import os

import pytest

from snakepit.forkserver.output import MAX_LINE_CHARACTERS, WorkerOutput


def relayed(capfd: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    lines = capfd.readouterr().out.splitlines()
    assert all(line.startswith("SNAKEPIT_OUTPUT ") for line in lines)
    return [json.loads(line.partition(" ")[2]) for line in lines]


def test_lines_are_relayed_tagged_and_long_ones_in_pieces(
    capfd: pytest.CaptureFixture[str],
) -> None:
    read_end, write_end = os.pipe()
    output = WorkerOutput(read_end, 42, "w1")
    long_line = "x" * (2 * MAX_LINE_CHARACTERS + 10)
    os.write(write_end, f"{long_line}\nsecond\r\nno end yet".encode())

    assert output.relay()

    assert relayed(capfd) == [
        {"pid": 42, "worker_id": "w1", "line": long_line[:MAX_LINE_CHARACTERS]},
        {"pid": 42, "worker_id": "w1", "line": long_line[MAX_LINE_CHARACTERS:-10]},
        {"pid": 42, "worker_id": "w1", "line": "x" * 10},
        {"pid": 42, "worker_id": "w1", "line": "second"},
    ]
    os.close(write_end)
    output.drain()
    assert [line["line"] for line in relayed(capfd)] == ["no end yet"]


def test_the_end_of_the_pipe_relays_the_unfinished_line_and_says_so(
    capfd: pytest.CaptureFixture[str],
) -> None:
    read_end, write_end = os.pipe()
    output = WorkerOutput(read_end, 7, "w2")
    os.write(write_end, "caf\xe9 \ud83d\udc0d".encode("utf-8", "surrogatepass")[:-1])
    os.close(write_end)

    assert output.relay()  # the bytes
    assert not output.relay()  # the end

    (line,) = relayed(capfd)
    assert line["line"].startswith("café ")  # an invalid byte sequence is replaced, not fatal
    output.drain()
    assert relayed(capfd) == []
