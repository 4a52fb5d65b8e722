"""Which component each template resource belongs to, through its aws:cdk:path.

Kind templates name every construct they create after their component: the
component's own construct is `<ConstructId>` and its helpers are
`<ConstructId><Suffix>` (CrawlerRole, TransformerLogs). So the owner of a
resource is the component whose construct id is the longest prefix of the
first path segment below the stack. Resources CDK adds on its own (custom
resource providers, for example) belong to no component.
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
    if len(parts) < 2:
        return None
    top = parts[1]
    best = None
    for construct_id, component_id in construct_ids.items():
        rest = top[len(construct_id) :]
        if top.startswith(construct_id) and (not rest or rest[0].isupper()):
            if best is None or len(construct_id) > len(best[0]):
                best = (construct_id, component_id)
    return best[1] if best else None


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
