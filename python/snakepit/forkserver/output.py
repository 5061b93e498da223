"""A forked worker's output, relayed to the node line by line under the worker's pid and id."""

from __future__ import annotations

import os

from snakepit.forkserver.protocol import OUTPUT, tell_node

# The workers write their own lines to the stdout they share with the fork server, each in one
# write of at most PIPE_BUF (4 KiB), which the kernel keeps whole only among writes that small:
# a relayed line must stay under it too. JSON spends at most 6 bytes on a character (\u001b),
# so longer lines are relayed in pieces.
MAX_LINE_CHARACTERS = 512
READ_BYTES = 65536


class WorkerOutput:
    """The pipe that is a worker's stderr and stdout, and those of whatever its tools start."""

    def __init__(self, descriptor: int, pid: int, worker_id: str) -> None:
        os.set_blocking(descriptor, False)
        self.descriptor = descriptor
        self.pid = pid
        self.worker_id = worker_id
        self._unfinished = b""

    def relay(self) -> bool:
        """Relays the lines that can be read now; False once no process writes to the pipe."""
        chunk = self._read()
        if chunk is None:
            return True
        if not chunk:
            self._relay_unfinished()
            return False
        self._relay_lines(chunk)
        return True

    def drain(self) -> None:
        """Relays what the pipe holds, a last line without its end included, and closes it.

        The worker has ended: whatever it wrote is in the pipe by now.
        """
        chunk = self._read()
        while chunk:
            self._relay_lines(chunk)
            chunk = self._read()
        self._relay_unfinished()
        os.close(self.descriptor)

    def _read(self) -> bytes | None:
        """What the pipe holds, b"" at its end, None when nothing is there yet."""
        try:
            return os.read(self.descriptor, READ_BYTES)
        except BlockingIOError:
            return None

    def _relay_lines(self, chunk: bytes) -> None:
        *lines, self._unfinished = (self._unfinished + chunk).split(b"\n")
        for line in lines:
            self._relay(line)
        if len(self._unfinished) >= READ_BYTES:  # no end in sight, as with a progress bar
            self._relay_unfinished()

    def _relay_unfinished(self) -> None:
        if self._unfinished:
            self._relay(self._unfinished)
            self._unfinished = b""

    def _relay(self, line: bytes) -> None:
        text = line.rstrip(b"\r").decode("utf-8", errors="replace")
        for start in range(0, max(len(text), 1), MAX_LINE_CHARACTERS):
            piece = text[start : start + MAX_LINE_CHARACTERS]
            tell_node(OUTPUT, {"pid": self.pid, "worker_id": self.worker_id, "line": piece})
