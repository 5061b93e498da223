"""Finds and instantiates the adapter named by --adapter MODULE:CLASS."""

from __future__ import annotations

import importlib

from snakepit.adapter import Adapter
from snakepit.worker.options import StartupError


def adapter_class(spec: str) -> type[Adapter]:
    """Imports the adapter's module; a fork server does this once, before it forks any worker."""
    module_name, _, class_path = spec.partition(":")
    if not module_name or not class_path:
        raise StartupError(f"--adapter must be MODULE:CLASS, got {spec!r}")
    # Import errors propagate with their traceback: they are the adapter's own bugs.
    target: object = importlib.import_module(module_name)
    for part in class_path.split("."):
        if not hasattr(target, part):
            raise StartupError(f"module {module_name} has no {class_path!r}")
        target = getattr(target, part)
    if not (isinstance(target, type) and issubclass(target, Adapter)):
        raise StartupError(f"{spec} is not a subclass of snakepit.Adapter")
    return target


def load_adapter(spec: str, concurrent_calls: int) -> Adapter:
    """Instantiates the adapter, once it is known to bear as many calls at once as it will get."""
    cls = adapter_class(spec)
    if concurrent_calls > 1 and not cls.thread_safe:
        raise StartupError(
            f"{spec} does not declare thread_safe = True, but its pool's thread profile runs up to"
            f" {concurrent_calls} calls at once on each worker: declare it once its tools may run"
            " on several threads at once, or give the pool the process profile"
        )
    return cls()
