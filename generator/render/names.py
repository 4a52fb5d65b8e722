"""The names a generated stack module binds at its top level, which no component class may take."""

from __future__ import annotations

import re
from functools import cache

IMPORTED = re.compile(r"^from \S+ import (\S+)(?: as (\S+))?$|^import (\S+)(?: as (\S+))?$")
# The module's own top-level names besides the component classes and the stack.
MODULE_NAMES = frozenset(
    {"APP_CODE", "PruneImpliedDependsOn", "_DependsOnNotImplied", "_references"}
)


@cache
def _imported() -> frozenset[str]:
    from generator.connectors import all_connectors
    from generator.kinds import all_kinds
    from generator.render.code import BASE_IMPORTS
    from generator.render.shared import SHARED

    lines = list(BASE_IMPORTS)
    lines += [line for kind in all_kinds().values() for line in kind.imports]
    lines += [line for c in all_connectors().values() for line in c.imports]
    lines += [line for s in SHARED.values() for line in s.imports]
    names = set()
    for line in lines:
        match = IMPORTED.match(line.strip())
        if match:
            names.add(match.group(2) or match.group(1) or match.group(4) or match.group(3))
    return frozenset(names)


def taken_names(stack_class: str) -> frozenset[str]:
    return MODULE_NAMES | _imported() | {stack_class}
