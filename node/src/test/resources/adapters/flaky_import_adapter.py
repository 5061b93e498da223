"""An adapter whose module imports until told not to: a test's stand-in for one that an update
broke while its pool ran (a new version on disk, a library gone)."""

import os

from snakepit import Adapter, tool

# Beside this file, so that a fork server started later sees it without any shared environment.
MARKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "refuse-to-import")

if os.path.exists(MARKER):
    raise RuntimeError("refusing to import: the marker file is there")


class FlakyImportAdapter(Adapter):
    @tool
    def ping(self) -> str:
        """Answers "pong"."""
        return "pong"

    @tool
    def pid(self) -> int:
        """The worker's process id."""
        return os.getpid()
