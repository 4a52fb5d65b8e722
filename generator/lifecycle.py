"""Deploying, running, paying for and tearing down a stack: what its README and page say.

Each kind declares its part (Kind.lifecycle: context flags, costs, why it keeps a
resource, what it leaves behind, how to run it); this module joins those
declarations with the synthesized template, so the text is about the resources
the stack has. What `cdk destroy` keeps is read from the template's DeletionPolicy
values, never from a list kept by hand; the kinds only say why.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from generator.inventory import TemplateResource, resources_by_component
from generator.kinds.base import ContextFlag, Cost, Lifecycle, Props, Shared
from generator.loader import ActiveComponent, Resolved
from generator.render.code import render_slots
from generator.render.shared import SHARED
from generator.templating import render

# DeletionPolicy values under which `cdk destroy` leaves something in the account.
KEEPING_POLICIES = ("Retain", "RetainExceptOnCreate", "Snapshot")
ASSETS = re.compile(r"cdk-[a-z0-9]+-assets-")  # the bootstrap bucket's name in a template


@dataclass(frozen=True)
class Owner:
    """A component, or a stack-wide resource (the logs key), with its lifecycle."""

    label: str
    lifecycle: Lifecycle
    props: Props | None = None
    component: ActiveComponent | None = None


@dataclass(frozen=True)
class Kept:
    """A resource `cdk destroy` keeps, as its DeletionPolicy says, and why."""

    owner: str
    logical_id: str
    type: str
    policy: str
    reason: str | None  # None: the owner's kind gives no reason (a test fails on it)


@dataclass(frozen=True)
class CostLine:
    """How a component's resources of one type are billed."""

    owner: str
    resource_type: str
    count: int
    billed: str
    pricing: str
    checked: str
    idle: bool


@dataclass(frozen=True)
class FlagUse:
    """A context flag of the active kinds, the components that read it, and its default."""

    flag: ContextFlag
    components: tuple[ActiveComponent, ...]
    default: str


def shared_construct_id(shared: Shared) -> str:
    """The construct id of a stack-wide resource: logs_key is made as LogsKey."""
    return "".join(part.capitalize() for part in shared.name.split("_"))


def owners(resolved: Resolved, template: dict) -> list[tuple[Owner, list[TemplateResource]]]:
    """Each component, then each stack-wide resource, with the template resources it owns."""
    grouped = resources_by_component(resolved, template)
    found = [
        (Owner(c.label, c.kind.lifecycle, c.props, c), grouped.get(c.id, []))
        for c in resolved.components
        if not c.kind.is_external()
    ]
    for shared in SHARED.values():
        own = [
            r
            for r in grouped.get(None, [])
            if r.path.split("/")[1:2] == [shared_construct_id(shared)]
        ]
        if own:
            found.append((Owner(shared.label or shared.name, shared.lifecycle), own))
    return found


def kept(resolved: Resolved, template: dict) -> list[Kept]:
    """Every resource whose DeletionPolicy keeps it after `cdk destroy`, owner by owner."""
    resources = template.get("Resources", {})
    found = []
    claimed = set()
    for owner, owned in owners(resolved, template):
        for item in owned:
            claimed.add(item.logical_id)
            policy = resources[item.logical_id].get("DeletionPolicy", "Delete")
            if policy in KEEPING_POLICIES:
                reason = owner.lifecycle.kept.get(item.type)
                found.append(Kept(owner.label, item.logical_id, item.type, policy, reason))
    for logical_id, resource in resources.items():  # CDK's own, outside every component
        policy = resource.get("DeletionPolicy", "Delete")
        if logical_id not in claimed and policy in KEEPING_POLICIES:
            found.append(Kept("added by CDK", logical_id, resource["Type"], policy, None))
    return found


def condition_prop(when: str) -> str:
    """The prop a condition reads: "prop", "not prop" or "prop=value"."""
    return when.removeprefix("not ").split("=", 1)[0]


def applies(when: str | None, props: Props | None) -> bool:
    """Whether a prop condition holds: "prop" (truthy), "not prop", or "prop=value" (a
    choice, such as a delivery stream's destination)."""
    if when is None:
        return True
    if "=" in when:
        name, value = when.split("=", 1)
        return str(getattr(props, name, None)) == value
    negated = when.startswith("not ")
    value = bool(getattr(props, when.removeprefix("not "), None))
    return value != negated


def _fields(props: Props | None) -> dict[str, Any]:
    if props is None:
        return {}
    return {
        key: f"{value:g}" if isinstance(value, float) else value
        for key, value in props.model_dump().items()
    }


def costs(resolved: Resolved, template: dict) -> list[CostLine]:
    """How each owner's resources are billed, for the types it has in the template."""
    found = []
    for owner, owned in owners(resolved, template):
        for cost in owner.lifecycle.costs:
            count = sum(1 for r in owned if r.type == cost.resource_type)
            if count and applies(cost.when, owner.props):
                found.append(_line(owner, cost, count))
    return found


def _line(owner: Owner, cost: Cost, count: int) -> CostLine:
    billed = cost.billed.format_map(_fields(owner.props))
    return CostLine(
        owner.label, cost.resource_type, count, billed, cost.pricing, cost.checked, cost.idle
    )


def context_flags(resolved: Resolved) -> list[FlagUse]:
    """The context flags the active components read, each once, in pattern order."""
    uses: dict[str, list[ActiveComponent]] = {}
    flags: dict[str, ContextFlag] = {}
    for comp in resolved.components:
        for flag in comp.kind.lifecycle.context_flags:
            flags.setdefault(flag.name, flag)
            uses.setdefault(flag.name, []).append(comp)
    return [
        FlagUse(
            flags[name],
            tuple(comps),
            ", ".join(sorted({_shown(getattr(c.props, flags[name].prop)) for c in comps})),
        )
        for name, comps in uses.items()
    ]


def _shown(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def leaves_behind(resolved: Resolved, template: dict) -> list[tuple[str, str]]:
    """(owner, what) for what the services make outside the stack and a destroy leaves."""
    found = [
        (owner.label, text)
        for owner, _ in owners(resolved, template)
        for text in owner.lifecycle.leaves_behind
    ]
    if ASSETS.search(json.dumps(template)):
        found.append(
            (
                "CDK",
                "the files `cdk deploy` uploaded (function code, scripts, DAGs) to the bucket "
                "of the CDK bootstrap stack of the account and Region",
            )
        )
    return found


def one_resource(
    resolved: Resolved, template: dict, component: ActiveComponent, resource_type: str,
    construct: str | None = None,
) -> str:  # fmt: skip
    """The logical id of the one resource of a type a component owns (in construct, if given).

    Run instructions name resources by logical id; a kind whose component has none, or
    several, of the type is a bug in its run template, so this fails loudly.
    """
    grouped = resources_by_component(resolved, template)
    matching = [
        r.logical_id
        for r in grouped.get(component.id, [])
        if r.type == resource_type and (construct is None or r.path.split("/")[2] == construct)
    ]
    if len(matching) != 1:
        raise ValueError(
            f"{component.id} owns {len(matching)} {resource_type} resources"
            + (f" in {construct}" if construct else "")
            + ", not one"
        )
    return matching[0]


def run_sections(
    resolved: Resolved, template: dict, stack_name: str
) -> list[tuple[ActiveComponent, str]]:
    """Each component's "how to run it", from its kind's run template."""
    slots = render_slots(resolved)

    def resource(component, resource_type, construct=None):
        return one_resource(resolved, template, component, resource_type, construct)

    sections = []
    for comp in resolved.components:
        if comp.kind.lifecycle.run is None:
            continue
        text = render(
            comp.kind.lifecycle.run,
            c=comp,
            p=comp.props,
            slots=slots[comp.id],
            r=resolved,
            stack=stack_name,
            resource=resource,
        ).strip()
        sections.append((comp, text))
    return sections
