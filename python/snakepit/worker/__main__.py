"""The worker's entry point, as its node runs it:

    python3 -u -m snakepit.worker --adapter MODULE:CLASS --socket PATH --worker-id ID
        [--node-socket PATH]

Contract with the node:
- environment: SNAKEPIT_SECRET (required; every call must carry it in the
  x-snakepit-secret header), SNAKEPIT_RUN_ID (shown in logs),
  SNAKEPIT_MAX_MESSAGE_BYTES (default 16 MiB);
- once it serves, exactly one line on stdout:
  SNAKEPIT_READY {"pid": <pid>, "socket": "<path>", "worker_id": "<id>"}
- a failure before that: the reason (a traceback for the adapter's own errors)
  on stderr, and exit code 3;
- stdin is a pipe from the node: end of file (the node died) exits at once
  with code 0; SIGTERM stops serving after a short grace and exits with 0.
"""

from snakepit.worker.entry import run

run("snakepit.worker.main")
