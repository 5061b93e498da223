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


def load_adapter(spec: str) -> Adapter:
    return adapter_class(spec)()
