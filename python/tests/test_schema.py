from __future__ import annotations

import json
from typing import Any

import pytest

from sample_adapter import SampleAdapter, SubAdapter
from snakepit import Adapter, tool
from snakepit.adapter import adapter_name, adapter_tools
from snakepit.schema import parameters_schema

TOOLS = adapter_tools(SampleAdapter())


def schema_of(name: str) -> dict[str, Any]:
    return json.loads(parameters_schema(TOOLS[name]))


def test_types_map_to_json_schema() -> None:
    properties = schema_of("typed")["properties"]
    assert properties["n"] == {"type": "integer"}
    assert properties["x"] == {"type": "number"}
    assert properties["s"] == {"type": "string"}
    assert properties["flag"] == {"type": "boolean"}
    assert properties["data"] == {"type": "string", "contentEncoding": "base64"}
    assert properties["items"] == {"type": "array", "items": {"type": "integer"}}
    assert properties["table"] == {"type": "object", "additionalProperties": {"type": "number"}}


def test_optional_adds_null_and_defaults_are_not_required() -> None:
    schema = schema_of("typed")
    assert schema["properties"]["maybe"] == {"type": ["integer", "null"], "default": None}
    assert schema["properties"]["either"] == {"type": ["integer", "string"], "default": 0}
    assert schema["properties"]["anything"] == {"default": "AA=="}
    assert schema["required"] == ["n", "x", "s", "flag", "data", "items", "table"]
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


def test_context_is_injected_not_described() -> None:
    assert schema_of("with_context") == {
        "type": "object",
        "properties": {"count": {"type": "integer", "default": 1}},
        "additionalProperties": False,
    }
    assert schema_of("annotated_context")["properties"] == {}
    assert TOOLS["with_context"].context_parameter == "ctx"
    assert TOOLS["annotated_context"].context_parameter == "context"


def test_extra_keywords_allow_additional_properties_of_their_type() -> None:
    assert schema_of("options")["additionalProperties"] == {"type": "integer"}


def test_description_is_the_cleaned_docstring_unless_given() -> None:
    assert TOOLS["typed"].description == "Takes one of everything.\n\nSecond paragraph."
    assert TOOLS["renamed"].description == "Explicit words."
    assert TOOLS["numbers"].description == ""


def test_names_streaming_and_discovery() -> None:
    assert set(TOOLS) == {
        "typed",
        "renamed",
        "with_context",
        "annotated_context",
        "numbers",
        "options",
    }
    assert TOOLS["numbers"].streaming
    assert not TOOLS["typed"].streaming
    assert "numbers" not in adapter_tools(SubAdapter())
    assert "renamed" in adapter_tools(SubAdapter())
    assert adapter_name(SampleAdapter()) == "sample_adapter:SampleAdapter"


def test_tools_must_take_keyword_arguments() -> None:
    class Positional(Adapter):
        @tool
        def only_positional(self, a: int, /) -> int:
            return a

    with pytest.raises(TypeError, match="cannot be passed by keyword"):
        adapter_tools(Positional())


def test_async_tools_are_refused() -> None:
    with pytest.raises(TypeError, match="async tools are not supported"):

        @tool
        async def later() -> None:
            pass


def test_two_tools_cannot_share_a_name() -> None:
    class Twins(Adapter):
        @tool(name="same")
        def first(self) -> None:
            pass

        @tool(name="same")
        def second(self) -> None:
            pass

    with pytest.raises(TypeError, match="two tools named 'same'"):
        adapter_tools(Twins())
