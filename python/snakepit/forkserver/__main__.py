"""The fork server's entry point, as its node runs it, one per pool:

    python3 -u -m snakepit.forkserver --adapter MODULE:CLASS [--node-socket PATH]

It imports the adapter's module, grpc and the worker runtime once, then forks
each worker from that warm state: a worker starts in tens of milliseconds
instead of an interpreter's start and imports. It creates no gRPC channel or
server itself (grpcio 1.51 does not survive a fork with one); each worker
builds its own server after the fork.

Contract with the node:
- environment: as a spawned worker's (see snakepit.worker), SNAKEPIT_SECRET
  required; every worker inherits it.
- a failure before it is ready (bad options, the adapter's module not
  importable, the class not found): the reason on stderr, and exit code 3.
  Constructing the adapter is left to each worker. While the adapter's module
  imports, the end of stdin kills the fork server at once (SIGIO), even if
  the import hangs.
- once it takes commands, one line on stdout:
  SNAKEPIT_FORKSERVER_READY {"pid": <pid>}
  The node sends no command before that line.
- stdin carries commands, one JSON object per line:
  {"spawn": {"worker_id": "<id>", "socket": "<path>"}}
  forks a worker that serves on that Unix socket, and says so at once:
  SNAKEPIT_FORKED {"pid": <worker pid>, "worker_id": "<id>"}
  The worker leads its own process group, reads nothing from stdin
  (/dev/null), and is SIGKILLed by the kernel when the fork server ends.
  When it serves, it says so on the fork server's stdout, as a spawned
  worker does (this line may come before the FORKED one):
  SNAKEPIT_READY {"pid": <worker pid>, "socket": "<path>", "worker_id": "<id>"}
  A worker that fails before that writes the reason (a traceback for the
  adapter's own errors) on stderr and exits with 3, reported as below.
- what a worker (or anything its tools start) writes on its stdout or
  stderr, line by line, in pieces of at most 512 characters:
  SNAKEPIT_OUTPUT {"pid": <pid>, "worker_id": "<id>", "line": "<text>"}
- a command it cannot carry out (not JSON, not a spawn, a field missing or
  empty, fork() failing) gets, with the worker id when there is one:
  SNAKEPIT_REJECTED {"worker_id": "<id>" | null, "error": "<why>"}
- every worker's end, whatever the cause, once it has been reaped and its
  last output relayed:
  SNAKEPIT_EXITED {"pid": <pid>, "worker_id": "<id>", "exit_code": <n> | null,
  "signal": <n> | null}
  (exit_code for an exit, signal for a death by signal). The processes left
  in the worker's group, those its tools started, are SIGKILLed first.
- stdout carries these lines alone, each written whole. The fork server's
  own stderr carries its own errors only.
- end of file on stdin (the node died, or it stops the pool): every worker's
  process group is SIGKILLed, then the fork server exits with 0. SIGTERM (or
  SIGINT): every worker is sent SIGTERM and has a few seconds to drain, then
  the same. Either way it waits (a few seconds at most) for its workers to
  end, so that its own exit means they are gone.

A worker is told to stop like a spawned one, by a signal to its pid: SIGTERM
drains it, SIGKILL to its process group also ends what its tools started.
"""

from snakepit.worker.entry import run

run("snakepit.forkserver.main")
