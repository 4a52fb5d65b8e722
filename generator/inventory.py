"""Which component each template resource belongs to, through its aws:cdk:path.

Every component's resources are created inside the component's own construct
(its generated class), whose construct id is the component's: so the first
segment of a resource's path below the stack is exactly its owner. Resources
at the stack's top level belong to no component: the stack-wide ones archgen
makes (the logs key) and those CDK adds on its own (custom-resource handlers).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.loader import Resolved


@dataclass(frozen=True)
class TemplateResource:
    logical_id: str
    type: str
    path: str


def owner_of(path: str, construct_ids: dict[str, str]) -> str | None:
    """The component id owning a construct path, given construct id -> component id."""
    parts = path.split("/")
    return construct_ids.get(parts[1]) if len(parts) > 2 else None


def resources_by_component(
    resolved: Resolved, template: dict
) -> dict[str | None, list[TemplateResource]]:
    """Template resources grouped by owning component id (None: no component)."""
    construct_ids = {c.construct_id: c.id for c in resolved.components}
    grouped: dict[str | None, list[TemplateResource]] = {}
    for logical_id, resource in template.get("Resources", {}).items():
        path = resource.get("Metadata", {}).get("aws:cdk:path", "")
        owner = owner_of(path, construct_ids)
        grouped.setdefault(owner, []).append(TemplateResource(logical_id, resource["Type"], path))
    return grouped


def missing_resource_types(resolved: Resolved, template: dict) -> dict[str, list[str]]:
    """For each active component, the declared resource types its resources lack."""
    grouped = resources_by_component(resolved, template)
    missing: dict[str, list[str]] = {}
    for comp in resolved.components:
        have = {r.type for r in grouped.get(comp.id, [])}
        lacking = [t for t in comp.kind.resource_types if t not in have]
        if lacking:
            missing[comp.id] = lacking
    return missing
