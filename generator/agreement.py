"""The agreement check: the diagram describes the stack it comes with.

- every active component owns resources of each type its kind declares
  (ownership comes from aws:cdk:path, see inventory.py);
- every active flow between two deployed components shows up as a reference
  between their resources: a Ref, a GetAtt or a ${...} in a Sub, anywhere in
  a resource's properties (an ARN in a policy, a destination, an event source);
- every resource belongs to a component, or is of a supporting type (roles,
  policies, log groups, keys, and the handlers CDK adds for custom resources).

Each mismatch is a finding that names the component or the flow.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.inventory import missing_resource_types, resources_by_component
from generator.loader import Resolved

TOOL = "agreement"
SUPPORTING_TYPES = frozenset(
    {
        "AWS::IAM::Role",
        "AWS::IAM::Policy",
        "AWS::IAM::ManagedPolicy",
        "AWS::Logs::LogGroup",
        "AWS::KMS::Key",
        "AWS::KMS::Alias",
        "AWS::Lambda::LayerVersion",
        "AWS::CDK::Metadata",
    }
)


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


def _is_custom_resource_handler(resource_type: str, path: str) -> bool:
    top = path.split("/")[1] if "/" in path else ""
    return resource_type == "AWS::Lambda::Function" and (
        top.startswith("Custom") or "Provider" in top or "CustomResource" in top
    )


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

    owned_ids = {cid: {r.logical_id for r in items} for cid, items in grouped.items()}
    for flow in resolved.flows:
        if flow.source.kind.is_external() or flow.target.kind.is_external():
            continue
        source_ids = owned_ids.get(flow.source.id, set())
        target_ids = owned_ids.get(flow.target.id, set())
        linked = any(
            ref in target_ids for lid in source_ids for ref in _referenced(resources[lid])
        ) or any(ref in source_ids for lid in target_ids for ref in _referenced(resources[lid]))
        if not linked:
            findings.append(
                Finding(
                    TOOL,
                    "AG2",
                    "error",
                    f"flow {flow.label} ({flow.source.id} -> {flow.target.id}) has no reference "
                    "between the two components' resources",
                    resource=f"{flow.source.id}->{flow.target.id}",
                    hint=f"the connector {flow.source.kind.name} -> {flow.target.kind.name} "
                    "must emit a reference, a grant or a destination",
                )
            )

    for item in grouped.get(None, []):
        if item.type in SUPPORTING_TYPES or _is_custom_resource_handler(item.type, item.path):
            continue
        findings.append(
            Finding(
                TOOL,
                "AG3",
                "error",
                f"{item.type} {item.logical_id} belongs to no component of the diagram",
                resource=item.logical_id,
                hint="name the construct after its component (<ConstructId><Suffix>) or add a "
                "component for it",
            )
        )
    return sorted(findings)
