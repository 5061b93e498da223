"""Exact conversion between Python objects and snakepit.v1.Value.

Python          Value kind
None            null_value (and a Value with no kind set)
bool            bool_value
int             int_value (signed 64-bit; larger ints are refused, not rounded)
float           double_value
str             string_value
bytes-like      bytes_value (bytes, bytearray, memoryview; read back as bytes)
list, tuple     list_value (read back as list)
dict[str, ...]  map_value, keys in insertion order
"""

from __future__ import annotations

from typing import Any

from snakepit.v1 import value_pb2

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


def to_value(obj: Any, path: str = "value") -> value_pb2.Value:
    """Converts obj to a Value; a TypeError names the offending place inside obj."""
    value = value_pb2.Value()
    _fill_value(value, obj, path)
    return value


def to_map(mapping: dict[str, Any], path: str = "value") -> value_pb2.MapValue:
    map_value = value_pb2.MapValue()
    _fill_map(map_value, mapping, path)
    return map_value


def from_value(value: value_pb2.Value) -> Any:
    kind = value.WhichOneof("kind")
    if kind is None or kind == "null_value":
        return None
    if kind == "list_value":
        return [from_value(item) for item in value.list_value.items]
    if kind == "map_value":
        return from_map(value.map_value)
    return getattr(value, kind)


def from_map(map_value: value_pb2.MapValue) -> dict[str, Any]:
    return {entry.key: from_value(entry.value) for entry in map_value.entries}


# Nested messages are filled in place: building them apart and copying them in
# would copy every level once per enclosing level.
def _fill_value(value: value_pb2.Value, obj: Any, path: str) -> None:
    # bool before int: bool is a subclass of int.
    if obj is None:
        value.null_value = value_pb2.NULL_VALUE
    elif isinstance(obj, bool):
        value.bool_value = obj
    elif isinstance(obj, int):
        if not INT64_MIN <= obj <= INT64_MAX:
            raise TypeError(f"{path}: int {obj} does not fit in a signed 64-bit integer")
        value.int_value = obj
    elif isinstance(obj, float):
        value.double_value = obj
    elif isinstance(obj, str):
        value.string_value = obj
    elif isinstance(obj, (bytes, bytearray, memoryview)):
        value.bytes_value = bytes(obj)
    elif isinstance(obj, (list, tuple)):
        items = value.list_value.items
        value.list_value.SetInParent()  # an empty list is still a list, not null
        for index, item in enumerate(obj):
            _fill_value(items.add(), item, f"{path}[{index}]")
    elif isinstance(obj, dict):
        value.map_value.SetInParent()  # an empty dict is still a map, not null
        _fill_map(value.map_value, obj, path)
    else:
        raise TypeError(f"{path}: cannot convert {type(obj).__qualname__} to a snakepit Value")


def _fill_map(map_value: value_pb2.MapValue, mapping: dict[str, Any], path: str) -> None:
    for key, item in mapping.items():
        if not isinstance(key, str):
            raise TypeError(f"{path}: map keys must be str, got {type(key).__qualname__} {key!r}")
        _fill_value(map_value.entries.add(key=key).value, item, f"{path}[{key!r}]")
