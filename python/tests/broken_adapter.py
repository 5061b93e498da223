"""An adapter whose module imports, but which cannot be constructed."""

from snakepit import Adapter, tool


class BrokenAdapter(Adapter):
    def __init__(self) -> None:
        raise RuntimeError("the model file is missing")

    @tool
    def ping(self) -> str:
        """Never answers: no instance exists."""
        return "pong"
