"""Secure defaults, as the kinds declare them: matched here, and rendered for a project's tests.

A kind's SecureDefault pattern is data (dicts, ANY, ArrayWith, literals), so it
means the same in archgen's catalog tests (matches) and, rendered as
aws_cdk.assertions patterns (assertion_source), in each starter project's own tests.
"""

from __future__ import annotations

from typing import Any

from generator.inventory import resources_by_component
from generator.kinds.base import ANY, ArrayWith
from generator.loader import Resolved


def matches(pattern: Any, value: Any) -> bool:
    """Whether a template value keeps a pattern: dicts as a deep subset, lists exactly."""
    if pattern is ANY:
        return value is not None
    if isinstance(pattern, ArrayWith):
        return isinstance(value, list) and all(
            any(matches(item, candidate) for candidate in value) for item in pattern.items
        )
    if isinstance(pattern, dict):
        return isinstance(value, dict) and all(
            key in value and matches(item, value[key]) for key, item in pattern.items()
        )
    if isinstance(pattern, list):
        return (
            isinstance(value, list)
            and len(value) == len(pattern)
            and all(matches(p, v) for p, v in zip(pattern, value, strict=True))
        )
    return pattern == value


def assertion_source(pattern: Any) -> str:
    """The aws_cdk.assertions pattern (Python source) that means the same as pattern."""
    if pattern is ANY:
        return "Match.any_value()"
    if isinstance(pattern, ArrayWith):
        items = ", ".join(f"Match.object_like({assertion_source(i)})" if isinstance(i, dict)
                          else assertion_source(i) for i in pattern.items)  # fmt: skip
        return f"Match.array_with([{items}])"
    if isinstance(pattern, dict):
        return "{" + ", ".join(f"{k!r}: {assertion_source(v)}" for k, v in pattern.items()) + "}"
    if isinstance(pattern, list):
        return "[" + ", ".join(assertion_source(v) for v in pattern) + "]"
    return repr(pattern)


def as_generated(pattern: Any, value: Any) -> Any:
    """The pattern with each ANY replaced by the value it matched: what a resource has.

    A starter project pins some settings (TLS modes) at exactly what they were generated
    with, while the kind's pattern only asks that they be set.
    """
    if pattern is ANY:
        return value
    if isinstance(pattern, dict) and isinstance(value, dict):
        return {key: as_generated(item, value.get(key)) for key, item in pattern.items()}
    return pattern


def violations(resolved: Resolved, template: dict) -> list[str]:
    """Every resource a component owns that breaks a secure default of the component's kind."""
    resources = template.get("Resources", {})
    grouped = resources_by_component(resolved, template)
    found = []
    for comp in resolved.components:
        for default in comp.kind.secure_defaults:
            if not default.applies(comp.props):
                continue
            for item in grouped.get(comp.id, []):
                if item.type != default.resource_type:
                    continue
                if not matches(default.properties, resources[item.logical_id].get("Properties")):
                    found.append(f"{comp.id}: {item.type} {item.logical_id}: {default.doc}")
    return found
