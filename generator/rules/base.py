"""The base of archgen's template rules (see generator/rules/__init__.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from generator.findings import Finding, severity_from_id


@dataclass(frozen=True)
class RuleMatch:
    resource: str
    message: str


class Rule:
    id: ClassVar[str]
    shortdesc: ClassVar[str]
    description: ClassVar[str]
    source_url: ClassVar[str]
    fix: ClassVar[str]
    resource_types: ClassVar[tuple[str, ...]]

    def match(self, logical_id: str, properties: dict) -> Iterator[str]:
        """Messages for one resource of one of resource_types."""
        raise NotImplementedError

    def findings(self, template: dict) -> list[Finding]:
        found = []
        for logical_id, resource in template.get("Resources", {}).items():
            if resource.get("Type") in self.resource_types:
                for message in self.match(logical_id, resource.get("Properties", {})):
                    found.append(
                        Finding(
                            tool="archgen",
                            rule_id=self.id,
                            severity=severity_from_id(self.id),
                            message=message,
                            resource=logical_id,
                            hint=self.fix,
                        )
                    )
        return found


def is_true(value: object) -> bool:
    return value is True or value == "true"
