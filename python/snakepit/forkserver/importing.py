"""The fork server's import of the adapter, which must not outlive the node either."""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
from typing import Iterator

STDIN = 0


@contextlib.contextmanager
def ended_with_the_node() -> Iterator[None]:
    """While in this block, the kernel kills the process when its stdin, the node's pipe, ends.

    The fork server sees that end in its command loop, which is not running yet
    while the adapter's modules import; and an import may hang (on a lock, a
    network file system, native code holding the GIL). So until then stdin
    raises SIGIO when it becomes readable, and the default action of SIGIO
    ends the process, whatever Python is doing. The node writes no command
    before the fork server says it is ready: readable means ended.
    """
    flags = fcntl.fcntl(STDIN, fcntl.F_GETFL)
    fcntl.fcntl(STDIN, fcntl.F_SETOWN, os.getpid())
    fcntl.fcntl(STDIN, fcntl.F_SETFL, flags | os.O_ASYNC)
    try:
        # An end that came before the signal was armed raises none.
        if select.select([STDIN], [], [], 0)[0]:
            os._exit(0)
        yield
    finally:
        fcntl.fcntl(STDIN, fcntl.F_SETFL, flags)
