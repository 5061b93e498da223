"""How the node starts a worker or a fork server: command line, environment, exit code.

Standard library only, so that a failed start can be reported without grpcio.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from dataclasses import asdict, dataclass
from typing import Mapping, NoReturn, Sequence

# Any failure before the worker (or fork server) announces readiness exits with this code.
EXIT_STARTUP_FAILED = 3

SECRET_ENV = "SNAKEPIT_SECRET"
RUN_ID_ENV = "SNAKEPIT_RUN_ID"
MAX_MESSAGE_BYTES_ENV = "SNAKEPIT_MAX_MESSAGE_BYTES"
DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024
# How many calls the node may run at once on one worker: 1 in the process profile, the pool's
# thread count in the thread profile.
CONCURRENT_CALLS_ENV = "SNAKEPIT_CONCURRENT_CALLS"


class StartupError(Exception):
    """The worker cannot start as asked; the message says why, no traceback needed."""


@dataclass(frozen=True)
class PoolOptions:
    """What every worker of a pool shares, and all that a fork server is told."""

    adapter: str
    node_socket_path: str | None
    secret: str
    run_id: str
    max_message_bytes: int
    concurrent_calls: int

    @property
    def grpc_options(self) -> list[tuple[str, int]]:
        """Message size bounds, for the worker's server and its channel to the node alike."""
        return [
            ("grpc.max_send_message_length", self.max_message_bytes),
            ("grpc.max_receive_message_length", self.max_message_bytes),
        ]

    def worker(self, worker_id: str, socket_path: str) -> WorkerOptions:
        return WorkerOptions(**asdict(self), worker_id=worker_id, socket_path=socket_path)


@dataclass(frozen=True)
class WorkerOptions(PoolOptions):
    worker_id: str
    socket_path: str


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise StartupError(message)


def parse_options(argv: Sequence[str] | None, environ: Mapping[str, str]) -> WorkerOptions:
    """The options of a worker that its node starts as `python3 -m snakepit.worker`."""
    parser = _parser("snakepit.worker", "Serves one adapter's tools on a Unix socket.")
    parser.add_argument("--socket", required=True, help="the Unix socket path to serve on")
    parser.add_argument("--worker-id", required=True, help="this worker's id, for logs")
    arguments = parser.parse_args(argv)
    return _pool_options(arguments, environ).worker(arguments.worker_id, arguments.socket)


def parse_pool_options(argv: Sequence[str] | None, environ: Mapping[str, str]) -> PoolOptions:
    """The options of a fork server, `python3 -m snakepit.forkserver`."""
    parser = _parser(
        "snakepit.forkserver",
        "Forks workers of one adapter on commands read from standard input.",
    )
    return _pool_options(parser.parse_args(argv), environ)


def _parser(module: str, purpose: str) -> _Parser:
    parser = _Parser(
        prog=f"python3 -m {module}",
        description=(
            f"{purpose} Environment: {SECRET_ENV} (required),"
            f" {RUN_ID_ENV}, {MAX_MESSAGE_BYTES_ENV} (default {DEFAULT_MAX_MESSAGE_BYTES}),"
            f" {CONCURRENT_CALLS_ENV} (default 1)."
            " Exits when its standard input reaches end of file."
        ),
    )
    parser.add_argument("--adapter", required=True, help="the adapter class, as MODULE:CLASS")
    parser.add_argument("--node-socket", help="the node's NodeCallback socket, for ctx.variables")
    return parser


def _pool_options(arguments: argparse.Namespace, environ: Mapping[str, str]) -> PoolOptions:
    secret = environ.get(SECRET_ENV, "")
    if not secret:
        raise StartupError(f"{SECRET_ENV} must be set")
    return PoolOptions(
        adapter=arguments.adapter,
        node_socket_path=arguments.node_socket,
        secret=secret,
        run_id=environ.get(RUN_ID_ENV, ""),
        max_message_bytes=_max_message_bytes(environ.get(MAX_MESSAGE_BYTES_ENV)),
        concurrent_calls=_concurrent_calls(environ.get(CONCURRENT_CALLS_ENV)),
    )


# gRPC keeps message limits in a C int.
_MAX_GRPC_MESSAGE_BYTES = 2**31 - 1


def _max_message_bytes(text: str | None) -> int:
    if text is None:
        return DEFAULT_MAX_MESSAGE_BYTES
    size = int(text) if text.strip().isdigit() else 0
    if not 0 < size <= _MAX_GRPC_MESSAGE_BYTES:
        raise StartupError(
            f"{MAX_MESSAGE_BYTES_ENV} must be a number of bytes from 1 to {_MAX_GRPC_MESSAGE_BYTES},"
            f" got {text!r}"
        )
    return size


def _concurrent_calls(text: str | None) -> int:
    if text is None:
        return 1
    count = int(text) if text.strip().isdigit() else 0
    if count < 1:
        raise StartupError(f"{CONCURRENT_CALLS_ENV} must be a positive number, got {text!r}")
    return count


def startup_failed(program: str, error: Exception) -> int:
    """Says on stderr why a start failed and returns the exit code that tells the node so."""
    if isinstance(error, StartupError):
        print(f"{program}: {error}", file=sys.stderr, flush=True)
    else:
        # The adapter's own bug, or a broken environment: where it happened matters.
        traceback.print_exception(error)
    return EXIT_STARTUP_FAILED
