"""Parameter values: typing them, checking their ranges, and using them.

Parameters reach a pattern in two places: `when:` conditions that switch a
component or flow on or off, and props whose whole value is `{{ name }}`.
Both are deliberately tiny languages: a pattern file can never run code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.errors import ArchgenError, did_you_mean

if TYPE_CHECKING:
    from generator.model import Parameter

REFERENCE = re.compile(r"^\{\{\s*([a-z][a-z0-9_]*)\s*\}\}$")
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def coerce(param: Parameter, value: Any) -> bool | int | str:
    """value as the parameter's type, or ValueError saying what was expected."""
    if param.type == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in _TRUE | _FALSE:
            return value.lower() in _TRUE
        raise ValueError(f"expected true or false, got {value!r}")
    if param.type == "int":
        if isinstance(value, bool):
            raise ValueError(f"expected an integer, got {value!r}")
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(f"expected an integer, got {value!r}") from None
        if param.min is not None and number < param.min:
            raise ValueError(f"expected an integer from {param.min} to {param.max}, got {number}")
        if param.max is not None and number > param.max:
            raise ValueError(f"expected an integer from {param.min} to {param.max}, got {number}")
        return number
    if param.type == "choice":
        if value not in (param.choices or []):
            hint = did_you_mean(str(value), param.choices or [])
            text = f"expected one of {', '.join(param.choices or [])}, got {value!r}"
            raise ValueError(text + (f" ({hint})" if hint else ""))
        return value
    if not isinstance(value, str) or not value:
        raise ValueError(f"expected a non-empty string, got {value!r}")
    return value


def parse_assignments(items: tuple[str, ...] | list[str]) -> dict[str, str]:
    """KEY=VALUE strings from the command line, as a dict of raw strings."""
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ArchgenError(
                f"--param {item!r} is not KEY=VALUE", suggestion="e.g. --param transform=true"
            )
        values[key.strip()] = value.strip()
    return values


def resolve_values(
    pattern_id: str, declared: Mapping[str, Parameter], given: Mapping[str, Any]
) -> dict[str, bool | int | str]:
    """Defaults overlaid with given values, each typed and range-checked."""
    for key in given:
        if key not in declared:
            hint = did_you_mean(key, declared)
            choices = ", ".join(declared) or "none"
            raise ArchgenError(
                f"unknown parameter '{key}' for pattern '{pattern_id}'",
                field=f"--param {key}",
                expected=f"one of: {choices}",
                suggestion=hint,
            )
    values: dict[str, bool | int | str] = {}
    for name, param in declared.items():
        raw = given.get(name, param.default)
        try:
            values[name] = coerce(param, raw)
        except ValueError as exc:
            raise ArchgenError(
                f"bad value for parameter '{name}' of pattern '{pattern_id}': {exc}",
                field=f"--param {name}",
                suggestion=f"`archgen show {pattern_id}` lists its parameters",
            ) from None
    return values


@dataclass(frozen=True)
class Condition:
    """A parsed `when:`: NAME, not NAME, NAME == VALUE, NAME != VALUE, NAME in [A, B]."""

    name: str
    op: str
    values: tuple[bool | int | str, ...] = ()  # typed like the parameter

    def holds(self, values: Mapping[str, Any]) -> bool:
        actual = values[self.name]
        if self.op == "truthy":
            return bool(actual)
        if self.op == "not":
            return not actual
        if self.op == "==":
            return actual == self.values[0]
        if self.op == "!=":
            return actual != self.values[0]
        return actual in self.values


_WHEN = re.compile(
    r"^\s*(?:(?P<not>not)\s+)?(?P<name>[a-z][a-z0-9_]*)\s*"
    r"(?:(?P<op>==|!=|in)\s*(?P<rest>.+?))?\s*$"
)


def parse_condition(text: str, declared: Mapping[str, Parameter]) -> Condition:
    """Parse a `when:`; ValueError names what is wrong."""
    match = _WHEN.match(text)
    if not match or (match.group("not") and match.group("op")):
        raise ValueError(
            f"cannot read condition {text!r}; write NAME, not NAME, NAME == VALUE, "
            "NAME != VALUE or NAME in [A, B]"
        )
    name = match.group("name")
    if name not in declared:
        hint = did_you_mean(name, declared)
        raise ValueError(
            f"condition names unknown parameter '{name}'" + (f" ({hint})" if hint else "")
        )
    op = match.group("op")
    if not op:
        if declared[name].type != "bool":
            raise ValueError(f"'{name}' is not a bool parameter; compare it with == or in")
        return Condition(name, "not" if match.group("not") else "truthy")
    rest = match.group("rest").strip()
    if op == "in":
        if not (rest.startswith("[") and rest.endswith("]")):
            raise ValueError(f"'in' takes a list such as [a, b], got {rest!r}")
        options = tuple(part.strip() for part in rest[1:-1].split(",") if part.strip())
    else:
        options = (rest,)
    typed = []
    for option in options:
        try:
            typed.append(coerce(declared[name], option))
        except ValueError as exc:
            raise ValueError(f"condition compares '{name}' with {option!r}: {exc}") from None
    return Condition(name, op, tuple(typed))


def substitute(value: Any, values: Mapping[str, Any]) -> Any:
    """Replace whole-string `{{ name }}` references in props with typed values."""
    if isinstance(value, str):
        match = REFERENCE.match(value)
        return values[match.group(1)] if match else value
    if isinstance(value, list):
        return [substitute(item, values) for item in value]
    if isinstance(value, dict):
        return {key: substitute(item, values) for key, item in value.items()}
    return value


def references(value: Any) -> list[str]:
    """Parameter names referenced anywhere inside a props value.

    ValueError for a string that mixes text with a reference: props take a
    parameter's value whole, so that its type survives.
    """
    if isinstance(value, str):
        match = REFERENCE.match(value)
        if not match and "{{" in value:
            raise ValueError(
                f"{value!r} mixes text and a reference; a prop is either text or exactly "
                "'{{ parameter }}'"
            )
        return [match.group(1)] if match else []
    if isinstance(value, list):
        return [name for item in value for name in references(item)]
    if isinstance(value, dict):
        return [name for item in value.values() for name in references(item)]
    return []
