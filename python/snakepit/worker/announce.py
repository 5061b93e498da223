"""Lines for the node on standard output: a word that says what happened, then one JSON object."""

from __future__ import annotations

import json
import os
from typing import Any, Mapping

STDOUT = 1


def announce(word: str, payload: Mapping[str, Any], descriptor: int = STDOUT) -> None:
    # The whole line in one write, past Python's buffers: the workers of a fork
    # server share its stdout pipe, which keeps a write of up to PIPE_BUF (4 KiB)
    # whole, and print() would write the line and its end separately.
    line = f"{word} {json.dumps(payload)}\n".encode()
    while line:
        line = line[os.write(descriptor, line) :]
