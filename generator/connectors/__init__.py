"""The registry of connectors: one module per (source kind, target kind) pair.

Modules are discovered, not listed, so adding a connector is adding one module
(plus its templates under templates/connectors/). Each module holds CONNECTOR.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from generator.kinds.base import Connector


@cache
def all_connectors() -> dict[tuple[str, str], Connector]:
    """Every connector by (source kind, target kind), in name order."""
    found: dict[tuple[str, str], Connector] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        connector = getattr(module, "CONNECTOR", None)
        if not isinstance(connector, Connector):
            raise RuntimeError(f"{module.__name__} must define CONNECTOR = Connector(...)")
        expected = connector.module_name
        if info.name != expected:
            raise RuntimeError(
                f"{module.__name__} declares {connector.source} -> "
                f"{connector.target}; name the module {expected}"
            )
        found[(connector.source, connector.target)] = connector
    return dict(sorted(found.items()))


def find_connector(source: str, target: str) -> Connector | None:
    return all_connectors().get((source, target))


def targets_of(source: str) -> list[str]:
    """The kinds a kind can flow to."""
    return [t for (s, t) in all_connectors() if s == source]
