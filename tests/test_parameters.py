"""Parameter values: typing, ranges, `when:` conditions and `{{ name }}` props."""

from __future__ import annotations

import pytest

from generator.errors import ArchgenError
from generator.model import Parameter
from generator.parameters import (
    coerce,
    parse_assignments,
    parse_condition,
    references,
    substitute,
)

DECLARED = {
    "transform": Parameter(type="bool", default=False, doc="d"),
    "mode": Parameter(type="choice", default="cdc", choices=["full-load", "cdc"], doc="d"),
    "size": Parameter(type="int", default=5, min=1, max=10, doc="d"),
}


@pytest.mark.parametrize(
    ("name", "raw", "value"),
    [
        ("transform", "true", True),
        ("transform", "No", False),
        ("size", "7", 7),
        ("mode", "full-load", "full-load"),
    ],
)
def test_command_line_strings_become_typed_values(name, raw, value):
    assert coerce(DECLARED[name], raw) == value


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("transform", "perhaps", "expected true or false"),
        ("size", "11", "from 1 to 10, got 11"),
        ("size", True, "expected an integer"),
        ("mode", "ful-load", "did you mean 'full-load'?"),
    ],
)
def test_bad_values_say_what_was_expected(name, raw, message):
    with pytest.raises(ValueError, match=message):
        coerce(DECLARED[name], raw)


@pytest.mark.parametrize(
    ("text", "values", "holds"),
    [
        ("transform", {"transform": True}, True),
        ("not transform", {"transform": True}, False),
        ("mode == cdc", {"mode": "cdc"}, True),
        ("mode != cdc", {"mode": "cdc"}, False),
        ("mode in [full-load, cdc]", {"mode": "full-load"}, True),
        ("size == 5", {"size": 5}, True),
    ],
)
def test_conditions(text, values, holds):
    assert parse_condition(text, DECLARED).holds(values) is holds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("size", "not a bool parameter"),
        ("mode == full", "expected one of full-load, cdc"),
        ("nope", "unknown parameter 'nope'"),
        ("mode in cdc", "takes a list"),
        ("transform and size", "cannot read condition"),
    ],
)
def test_bad_conditions_are_explained(text, message):
    with pytest.raises(ValueError, match=message):
        parse_condition(text, DECLARED)


def test_whole_string_references_take_typed_values():
    props = {"a": "{{ size }}", "b": ["{{transform}}", "x"]}
    assert references(props) == ["size", "transform"]
    assert substitute(props, {"size": 3, "transform": True}) == {"a": 3, "b": [True, "x"]}


def test_text_around_a_reference_is_refused():
    with pytest.raises(ValueError, match="mixes text and a reference"):
        references({"name": "bucket-{{ size }}"})


def test_assignments_need_key_and_value():
    assert parse_assignments(["a=1", "b = two"]) == {"a": "1", "b": "two"}
    with pytest.raises(ArchgenError, match="is not KEY=VALUE"):
        parse_assignments(["novalue"])


def test_conditions_compare_typed_values():
    """'flag == yes' means flag is true: the value is typed like the parameter, not text."""
    condition = parse_condition("transform == yes", DECLARED)
    assert condition.holds({"transform": True}) and not condition.holds({"transform": False})
    assert parse_condition("size in [5, 7]", DECLARED).holds({"size": 7})


def test_a_default_must_have_its_parameters_type():
    with pytest.raises(ValueError, match="must be a YAML int, got '7'"):
        Parameter(type="int", default="7", min=1, max=10, doc="d")
