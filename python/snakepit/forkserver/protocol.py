"""The fork server's lines: the commands it reads on stdin and the words it writes on stdout."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Mapping

from snakepit.worker.announce import announce

FORKSERVER_READY = "SNAKEPIT_FORKSERVER_READY"
FORKED = "SNAKEPIT_FORKED"
OUTPUT = "SNAKEPIT_OUTPUT"
EXITED = "SNAKEPIT_EXITED"
REJECTED = "SNAKEPIT_REJECTED"


def tell_node(word: str, payload: Mapping[str, Any]) -> None:
    """Announces a line on stdout, unless the node is gone (the end of stdin follows then)."""
    try:
        announce(word, payload)
    except BrokenPipeError:
        pass


class RejectedCommand(Exception):
    """A command the fork server cannot carry out; the message says why."""

    def __init__(self, message: str, worker_id: str | None = None) -> None:
        super().__init__(message)
        self.worker_id = worker_id

    def payload(self) -> dict[str, Any]:
        return {"worker_id": self.worker_id, "error": str(self)}


@dataclass(frozen=True)
class Spawn:
    worker_id: str
    socket_path: str


def parse_command(line: bytes) -> Spawn:
    try:
        command = json.loads(line)
    except ValueError as error:
        raise RejectedCommand(f"not a JSON command: {error}") from None
    spawn = command.get("spawn") if isinstance(command, dict) else None
    if not isinstance(spawn, dict) or len(command) != 1:
        raise RejectedCommand('expected {"spawn": {"worker_id": ..., "socket": ...}}')
    worker_id = spawn.get("worker_id")
    if not isinstance(worker_id, str) or not worker_id:
        raise RejectedCommand("spawn needs a worker_id, a non-empty string")
    socket_path = spawn.get("socket")
    if not isinstance(socket_path, str) or not socket_path:
        raise RejectedCommand("spawn needs a socket, a non-empty path", worker_id)
    return Spawn(worker_id, socket_path)
