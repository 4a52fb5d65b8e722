"""The parameter combinations that exercise a pattern: its defaults, then each
parameter moved away from its default one at a time (a bool flipped, every
other choice, an int at its bounds), then all of them moved at once.

Tests synthesize and lint every variant; one stack per variant in one App.
"""

from __future__ import annotations

import re

from generator.loader import Pattern
from generator.model import Parameter
from generator.naming import pascal


def other_values(param: Parameter) -> list[bool | int | str]:
    if param.type == "bool":
        return [not param.default]
    if param.type == "choice":
        return [c for c in param.choices or [] if c != param.default]
    if param.type == "int":
        return [
            v for v in dict.fromkeys([param.min, param.max]) if v is not None and v != param.default
        ]
    return []


def variants(pattern: Pattern) -> list[dict[str, bool | int | str]]:
    combos: list[dict[str, bool | int | str]] = [{}]
    for name, param in pattern.file.parameters.items():
        combos += [{name: value} for value in other_values(param)]
    everything = {
        name: values[0]
        for name, param in pattern.file.parameters.items()
        if (values := other_values(param))
    }
    if len(everything) > 1:
        combos.append(everything)
    return combos


def variant_name(pattern: Pattern, values: dict[str, bool | int | str]) -> str:
    """A readable CloudFormation stack name for a variant."""
    base = pascal(pattern.id)
    if not values:
        return base
    suffix = "-".join(f"{k}-{str(v).lower()}" for k, v in sorted(values.items()))
    suffix = re.sub(r"[^A-Za-z0-9-]+", "-", suffix)
    return f"{base}-{suffix}"[:128].rstrip("-")
