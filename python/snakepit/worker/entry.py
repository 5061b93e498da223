"""Runs the main() of a process the node starts: a worker or a fork server.

Standard library only: importing main is part of starting, so a python3 without
grpcio must fail with the same exit code as any other start failure (and a
traceback naming the module).
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from typing import NoReturn

from snakepit.worker.options import EXIT_STARTUP_FAILED


def run(module_name: str) -> NoReturn:
    try:
        main = importlib.import_module(module_name).main
    except Exception:
        traceback.print_exc()
        os._exit(EXIT_STARTUP_FAILED)
    exit_code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # os._exit, not sys.exit: a tool still running past the stop grace must not
    # hold the process open, as the interpreter's exit would wait for its thread.
    os._exit(exit_code)
