"""The worker process: `python3 -m snakepit.worker` serves one adapter to its node."""

from pkgutil import extend_path

# Split like the parent package: protoc generates snakepit.worker.v1 elsewhere.
__path__ = extend_path(__path__, __name__)
