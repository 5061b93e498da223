"""The worker's own memory use, which the node weighs to recycle workers."""

from __future__ import annotations

import os

_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def resident_set_bytes() -> int:
    """Current resident set size (unlike getrusage's ru_maxrss, which is the peak)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * _PAGE_BYTES
