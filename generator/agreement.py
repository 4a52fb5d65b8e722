"""The agreement check: the diagram describes the stack it comes with.

- every active component owns resources of each type its kind declares
  (ownership comes from aws:cdk:path, see inventory.py);
- every active flow between two deployed components shows up as a reference
  between their resources: a Ref, a GetAtt or a ${...} in a Sub, anywhere in
  a resource's properties (an ARN in a policy, a destination, an event source),
  or, for a connector whose evidence is "dependency", as a DependsOn between
  them (what a nested Serverless Application Repository application offers:
  its functions are made by another template, so nothing can Ref or GetAtt them);
- every resource a component owns is of a type its kind declares (made or
  supporting), and every resource at the stack's top level is one the active
  kinds say CDK adds for them, or a stack-wide resource a kind needs.

What may exist is declared by the kinds themselves (generator/kinds/), so no
list here grows with the catalog.

Each mismatch is a finding that names the component or the flow.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.inventory import missing_resource_types, resources_by_component
from generator.loader import Resolved

TOOL = "agreement"
ALWAYS_AT_TOP = frozenset({"AWS::CDK::Metadata"})


def allowed_at_top(resolved: Resolved) -> frozenset[str]:
    """Types that may sit at the stack's top level: what the active kinds declare CDK adds
    for them, and the stack-wide resources they need."""
    from generator.render.code import shared_needed
    from generator.render.shared import SHARED

    allowed = set(ALWAYS_AT_TOP)
    for comp in resolved.components:
        allowed.update(comp.kind.stack_level_types)
    for name in shared_needed(resolved):
        allowed.update(SHARED[name].resource_types)
    return frozenset(allowed)


def _referenced(value: object) -> Iterator[str]:
    """Logical ids a piece of a template refers to."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "Ref" and isinstance(item, str):
                yield item
            elif key == "Fn::GetAtt":
                target = item[0] if isinstance(item, list) else str(item).split(".")[0]
                yield target
            elif key == "Fn::Sub":
                text = item[0] if isinstance(item, list) else item
                for part in str(text).split("${")[1:]:
                    yield part.split("}")[0].split(".")[0]
                if isinstance(item, list) and len(item) > 1:
                    yield from _referenced(item[1])
            else:
                yield from _referenced(item)
    elif isinstance(value, list):
        for item in value:
            yield from _referenced(item)


def _depends_on(resource: dict) -> Iterator[str]:
    """Logical ids a resource names in its DependsOn."""
    value = resource.get("DependsOn", [])
    yield from [value] if isinstance(value, str) else value


def check(resolved: Resolved, template: dict) -> list[Finding]:
    resources = template.get("Resources", {})
    grouped = resources_by_component(resolved, template)
    findings: list[Finding] = []

    missing = missing_resource_types(resolved, template)
    for comp in resolved.components:
        for resource_type in missing.get(comp.id, []):
            findings.append(
                Finding(
                    TOOL,
                    "AG1",
                    "error",
                    f"component '{comp.id}' ({comp.kind.name}) has no {resource_type}",
                    resource=comp.id,
                    hint="the kind's template must create what the kind declares",
                )
            )
        if comp.kind.is_external() and grouped.get(comp.id):
            findings.append(
                Finding(TOOL, "AG1", "error", f"external component '{comp.id}' deploys resources",
                        resource=comp.id)
            )  # fmt: skip

    for comp in resolved.components:
        allowed = comp.kind.owned_types()
        for item in grouped.get(comp.id, []):
            if item.type not in allowed:
                findings.append(
                    Finding(
                        TOOL,
                        "AG3",
                        "error",
                        f"component '{comp.id}' ({comp.kind.name}) owns {item.type} "
                        f"{item.logical_id}, which its kind does not declare",
                        resource=item.logical_id,
                        hint="add the type to the kind's resource_types or supporting_types",
                    )
                )

    owned_ids = {cid: {r.logical_id for r in items} for cid, items in grouped.items()}
    for flow in resolved.flows:
        if flow.connector.evidence == "none":
            continue
        source_ids = owned_ids.get(flow.source.id, set())
        target_ids = owned_ids.get(flow.target.id, set())
        links = _depends_on if flow.connector.evidence == "dependency" else _referenced
        linked = any(
            ref in target_ids for lid in source_ids for ref in links(resources[lid])
        ) or any(ref in source_ids for lid in target_ids for ref in links(resources[lid]))
        if not linked:
            findings.append(
                Finding(
                    TOOL,
                    "AG2",
                    "error",
                    f"flow {flow.label} ({flow.source.id} -> {flow.target.id}) has no "
                    f"{'dependency' if flow.connector.evidence == 'dependency' else 'reference'} "
                    "between the two components' resources",
                    resource=f"{flow.source.id}->{flow.target.id}",
                    hint=f"the connector {flow.source.kind.name} -> {flow.target.kind.name} "
                    "must emit a reference, a grant or a destination",
                )
            )

    at_top = allowed_at_top(resolved)
    for item in grouped.get(None, []):
        if item.type in at_top:
            continue
        findings.append(
            Finding(
                TOOL,
                "AG3",
                "error",
                f"{item.type} {item.logical_id} belongs to no component of the diagram",
                resource=item.logical_id,
                hint="create it inside its component's construct (the kind's template), or "
                "declare it in the kind's stack_level_types if CDK adds it at the top level",
            )
        )
    return sorted(findings)
