"""An adapter that starts until told not to: a test's stand-in for one that breaks while running."""

import os

from snakepit import Adapter, tool

# Beside this file, so that workers started later see it without any shared environment.
MARKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "refuse-to-start")


class FlakyAdapter(Adapter):
    def __init__(self) -> None:
        if os.path.exists(MARKER):
            raise RuntimeError("refusing to start: the marker file is there")

    @tool
    def break_and_die(self) -> None:
        """Makes every later worker fail to start, then kills this one."""
        open(MARKER, "w").close()
        os._exit(1)
