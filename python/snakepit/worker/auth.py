"""Refuses every call that does not carry the run's secret."""

from __future__ import annotations

import hmac
from typing import Any, Callable

import grpc

SECRET_HEADER = "x-snakepit-secret"


def _refuse(request: Any, context: grpc.ServicerContext) -> None:
    context.abort(grpc.StatusCode.UNAUTHENTICATED, f"missing or wrong {SECRET_HEADER}")


# Refused before any request is read, so one unary handler serves every method, streaming or not.
_REFUSED = grpc.unary_unary_rpc_method_handler(_refuse)


class SecretCheck(grpc.ServerInterceptor):
    def __init__(self, secret: str) -> None:
        self._secret = secret.encode()

    def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler | None],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler | None:
        presented = dict(handler_call_details.invocation_metadata).get(SECRET_HEADER, "")
        # compare_digest: a comparison that stops at the first difference leaks timing.
        if hmac.compare_digest(presented.encode(), self._secret):
            return continuation(handler_call_details)
        return _REFUSED
