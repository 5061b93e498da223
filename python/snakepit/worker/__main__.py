"""The worker's entry point, as its node runs it:

    python3 -u -m snakepit.worker --adapter MODULE:CLASS --socket PATH --worker-id ID
        [--node-socket PATH]

Contract with the node:
- environment: SNAKEPIT_SECRET (required; every call must carry it in the
  x-snakepit-secret header), SNAKEPIT_RUN_ID (shown in logs),
  SNAKEPIT_MAX_MESSAGE_BYTES (default 16 MiB);
- once it serves, exactly one line on stdout:
  SNAKEPIT_READY {"pid": <pid>, "socket": "<path>"}
- a failure before that: the reason (a traceback for the adapter's own errors)
  on stderr, and exit code 3;
- stdin is a pipe from the node: end of file (the node died) exits at once
  with code 0; SIGTERM stops serving after a short grace and exits with 0.
"""

import os
import sys
import traceback

from snakepit.worker.options import EXIT_STARTUP_FAILED

# Importing is part of starting: a python3 without grpcio must fail with the
# same exit code as any other start failure (and a traceback naming the module).
try:
    from snakepit.worker.main import main
except Exception:
    traceback.print_exc()
    os._exit(EXIT_STARTUP_FAILED)

exit_code = main()
sys.stdout.flush()
sys.stderr.flush()
# os._exit, not sys.exit: a tool still running past the stop grace must not
# hold the process open, as the interpreter's exit would wait for its thread.
os._exit(exit_code)
