"""JSON Schema (draft 2020-12) of a tool's keyword arguments, from its type hints.

int -> integer, float -> number, str -> string, bool -> boolean, None -> null,
list[T] / tuple[T, ...] -> array of T, dict[str, V] -> object of V,
Union / Optional / X | Y -> the members' types (or anyOf when they are not plain types).
bytes -> {"type": "string", "contentEncoding": "base64"}: that is how JSON
carries bytes, while the wire's Value carries them raw. A missing hint, Any,
and hints JSON Schema cannot express give {} (any value).
"""

from __future__ import annotations

import base64
import inspect
import json
import types
import typing
from typing import Any

from snakepit.tool import Tool

_PLAIN_TYPES: dict[Any, dict[str, Any]] = {
    int: {"type": "integer"},
    float: {"type": "number"},
    str: {"type": "string"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
    bytes: {"type": "string", "contentEncoding": "base64"},
}


def parameters_schema(tool: Tool) -> str:
    """The JSON text of the object schema that ToolInfo.parameters_schema carries."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for parameter in tool.parameters:
        properties[parameter.name] = _parameter_schema(
            parameter, tool.hints.get(parameter.name, Any)
        )
        if parameter.default is inspect.Parameter.empty:
            required.append(parameter.name)
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    extra = tool.extra_keywords
    schema["additionalProperties"] = (
        False if extra is None else type_schema(tool.hints.get(extra.name, Any))
    )
    return _to_json(schema)


def type_schema(hint: Any) -> dict[str, Any]:
    if hint in _PLAIN_TYPES:
        return dict(_PLAIN_TYPES[hint])
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is list or origin is list:
        return _array_schema(args[0] if args else Any)
    if hint is tuple or origin is tuple:
        homogeneous = len(args) == 2 and args[1] is Ellipsis
        return _array_schema(args[0] if homogeneous else Any)
    if hint is dict or origin is dict:
        values = type_schema(args[1]) if len(args) == 2 else {}
        return {"type": "object", "additionalProperties": values} if values else {"type": "object"}
    if origin is typing.Union or origin is types.UnionType:
        return _union_schema([type_schema(member) for member in args])
    return {}


def _parameter_schema(parameter: inspect.Parameter, hint: Any) -> dict[str, Any]:
    schema = type_schema(hint)
    if parameter.default is not inspect.Parameter.empty and _is_json(parameter.default):
        schema["default"] = parameter.default
    return schema


def _array_schema(item_hint: Any) -> dict[str, Any]:
    items = type_schema(item_hint)
    return {"type": "array", "items": items} if items else {"type": "array"}


def _union_schema(members: list[dict[str, Any]]) -> dict[str, Any]:
    if any(member == {} for member in members):
        return {}
    if all(member.keys() == {"type"} for member in members):
        names = list(dict.fromkeys(member["type"] for member in members))
        return {"type": names[0] if len(names) == 1 else names}
    return {"anyOf": members}


def _is_json(value: Any) -> bool:
    try:
        _to_json(value)
    except (TypeError, ValueError):
        # Not representable (an object, a NaN...): the schema then omits the default.
        return False
    return True


def _to_json(value: Any) -> str:
    return json.dumps(value, allow_nan=False, default=_bytes_as_base64)


def _bytes_as_base64(value: Any) -> str:
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"{type(value).__qualname__} is not JSON")
