"""The registry of component kinds: every Kind subclass in this package.

Modules are discovered, not listed, so adding a kind is adding one module.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from generator.errors import did_you_mean
from generator.kinds.base import Kind


@cache
def all_kinds() -> dict[str, type[Kind]]:
    """Every kind by name, in name order."""
    found: dict[str, type[Kind]] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Kind) and value is not Kind:
                if getattr(value, "__module__", None) != module.__name__:
                    continue
                if value.name in found:
                    raise RuntimeError(f"kind {value.name} is declared twice")
                found[value.name] = value
    return dict(sorted(found.items()))


class UnknownKind(LookupError):
    def __init__(self, name: str) -> None:
        self.name = name
        self.hint = did_you_mean(name, all_kinds())
        super().__init__(name)


def get_kind(name: str) -> type[Kind]:
    try:
        return all_kinds()[name]
    except KeyError:
        raise UnknownKind(name) from None
