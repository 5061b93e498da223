"""Snakepit's Python side: an Adapter whose @tool methods a pool of workers serves.

    from snakepit import Adapter, Context, tool

    class Greeter(Adapter):
        @tool
        def greet(self, ctx: Context, name: str) -> str:
            "Greets someone in the session's chosen words."
            return f"{ctx.variables.get('greeting', 'hello')} {name}"

A worker runs it with `python3 -m snakepit.worker --adapter greeter:Greeter ...`.
"""

from pkgutil import extend_path

# The package is split over two directories, these sources and the modules that
# protoc generates (snakepit.v1, snakepit.worker.v1) into the build's output:
# the imports below come after __path__ covers both.
__path__ = extend_path(__path__, __name__)

from snakepit.adapter import Adapter
from snakepit.context import Context, Variables
from snakepit.errors import NodeCallError, PreconditionError, VariableNotFound, VersionConflict
from snakepit.tool import tool

__all__ = [
    "Adapter",
    "Context",
    "NodeCallError",
    "PreconditionError",
    "VariableNotFound",
    "Variables",
    "VersionConflict",
    "tool",
]
