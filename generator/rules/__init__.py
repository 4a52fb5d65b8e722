"""archgen's own template rules, for what cdk-nag does not check.

Modelled on cfn-lint's rules: one rule per module, metadata as class
attributes (id, shortdesc, description, source_url), severity from the id's
first letter (E error, W warning, I info), and a good and a bad fixture
template per rule under tests/fixtures/rules/<id>/. Rules are discovered, so
adding a rule is adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from generator.findings import Finding
from generator.rules.base import Rule


@cache
def all_rules() -> list[type[Rule]]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, Rule)
            and value is not Rule
            and value.__module__ == module.__name__
        ]
    return sorted(found, key=lambda rule: rule.id)


def run_rules(template: dict) -> list[Finding]:
    """Every archgen rule on one template."""
    findings = []
    for rule in all_rules():
        findings += rule().findings(template)
    return sorted(findings)
