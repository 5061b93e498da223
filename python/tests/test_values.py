from __future__ import annotations

from collections import OrderedDict

import pytest

from snakepit.v1 import value_pb2
from snakepit.values import INT64_MAX, INT64_MIN, from_value, to_value


@pytest.mark.parametrize(
    "obj",
    [
        None,
        True,
        False,
        0,
        -7,
        2**63 - 1,
        -(2**63),
        1.5,
        float("inf"),
        "",
        "héllo",
        b"",
        b"\x00\xff",
        [],
        {},
        [1, "two", 3.0, None, [b"x"]],
        {"z": 1, "a": {"nested": [True, {"deep": None}]}},
    ],
)
def test_round_trip_is_exact(obj: object) -> None:
    back = from_value(to_value(obj))
    assert back == obj
    assert type(back) is type(obj)


def test_bool_is_not_stored_as_int() -> None:
    assert to_value(True).WhichOneof("kind") == "bool_value"
    assert to_value(1).WhichOneof("kind") == "int_value"


def test_empty_containers_keep_their_kind() -> None:
    assert to_value([]).WhichOneof("kind") == "list_value"
    assert to_value({}).WhichOneof("kind") == "map_value"


def test_int64_bounds_and_beyond() -> None:
    assert from_value(to_value(INT64_MAX)) == 2**63 - 1
    assert from_value(to_value(INT64_MIN)) == -(2**63)
    with pytest.raises(TypeError, match=r"value\[0\]\['n'\]: int 9223372036854775808 does not fit"):
        to_value([{"n": 2**63}])
    with pytest.raises(TypeError, match="does not fit"):
        to_value(-(2**63) - 1)


def test_bytes_like_objects_read_back_as_bytes() -> None:
    assert from_value(to_value(bytearray(b"ab"))) == b"ab"
    assert from_value(to_value(memoryview(b"cd"))) == b"cd"


def test_tuples_read_back_as_lists() -> None:
    assert from_value(to_value((1, (2, 3)))) == [1, [2, 3]]


def test_map_keeps_key_order() -> None:
    ordered = OrderedDict([("b", 1), ("a", 2), ("c", {"y": 1, "x": 2})])
    back = from_value(to_value(ordered))
    assert list(back) == ["b", "a", "c"]
    assert list(back["c"]) == ["y", "x"]
    assert [entry.key for entry in to_value(ordered).map_value.entries] == ["b", "a", "c"]


def test_value_with_no_kind_is_none() -> None:
    assert from_value(value_pb2.Value()) is None


def test_unconvertible_objects_are_named_with_their_place() -> None:
    with pytest.raises(TypeError, match=r"value\['s'\]: cannot convert set"):
        to_value({"s": {1, 2}})
    with pytest.raises(TypeError, match="map keys must be str, got int 1"):
        to_value({1: "one"})
