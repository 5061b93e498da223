from __future__ import annotations

from typing import Any

import pytest

from sample_adapter import SampleAdapter
from snakepit.adapter import adapter_tools
from snakepit.arguments import BadArguments, check_arguments

TOOLS = adapter_tools(SampleAdapter())
VALID: dict[str, Any] = {
    "n": 1,
    "x": 2.5,
    "s": "s",
    "flag": True,
    "data": b"d",
    "items": [1, 2],
    "table": {"a": 1.0, "b": 2},
}


def check(tool: str, **arguments: Any) -> None:
    check_arguments(TOOLS[tool], arguments)


def test_fitting_arguments_pass() -> None:
    check("typed", **VALID)
    check("typed", **VALID, maybe=None, either="text", anything=object())
    check("typed", **{**VALID, "x": 3})  # an int will do for a float


def test_missing_and_unknown_arguments_are_named() -> None:
    with pytest.raises(BadArguments) as raised:
        check("with_context", counts=2)
    assert str(raised.value) == ("tool with_context: unknown argument 'counts' (it takes: count)")
    with pytest.raises(BadArguments, match="missing argument 'n'"):
        check("numbers")


def test_context_cannot_be_passed_by_callers() -> None:
    with pytest.raises(BadArguments, match="unknown argument 'ctx'"):
        check("with_context", ctx="forged")


@pytest.mark.parametrize(
    "name, wrong, expected",
    [
        ("n", True, "argument 'n' must be int, got True"),
        ("n", 1.0, "argument 'n' must be int, got 1.0"),
        ("x", "2", "argument 'x' must be float, got '2'"),
        ("flag", 1, "argument 'flag' must be bool, got 1"),
        ("s", None, "argument 's' must be str, got None"),
        ("data", "text", "argument 'data' must be bytes, got 'text'"),
        ("items", [1, "2"], "argument 'items' must be list[int], got [1, '2']"),
        ("table", {"a": "b"}, "argument 'table' must be dict[str, float], got {'a': 'b'}"),
        ("maybe", "1", "argument 'maybe' must be Optional[int], got '1'"),
    ],
)
def test_values_that_contradict_hints_are_refused(name: str, wrong: Any, expected: str) -> None:
    with pytest.raises(BadArguments) as raised:
        check("typed", **{**VALID, name: wrong})
    assert expected in str(raised.value)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(BadArguments) as raised:
        check("typed", **{**VALID, "n": "one", "extra": 1, "s": 2})
    message = str(raised.value)
    assert "argument 'n'" in message and "argument 's'" in message
    assert "unknown argument 'extra'" in message


def test_extra_keywords_are_checked_against_their_hint() -> None:
    check("options", name="n", depth=2)
    with pytest.raises(BadArguments, match="argument 'depth' must be int, got 'deep'"):
        check("options", name="n", depth="deep")
