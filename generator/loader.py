"""From a pattern file to a Pattern with its parameters applied.

Two steps with different failure modes:

- load(): the file against the schema and against the registry of kinds and
  connectors. Every error names the file, line and field.
- Pattern.resolve(values): parameters applied; the components and flows that
  are active, numbered and ready for the renderers.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator import PATTERNS_DIR
from generator.connectors import find_connector, targets_of
from generator.errors import ArchgenError, did_you_mean
from generator.kinds import UnknownKind, get_kind
from generator.kinds.base import ANY, Connector, Kind, Props
from generator.model import IDENT, LABEL, PROSE, SLUG, Component, Flow, Group, PatternFile
from generator.naming import pascal
from generator.parameters import (
    Condition,
    parse_condition,
    references,
    resolve_values,
    substitute,
)
from generator.source import Source, read_yaml


@dataclass(frozen=True)
class ActiveComponent:
    spec: Component
    kind: type[Kind]
    props: Props
    refs: dict[str, ActiveComponent] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def label(self) -> str:
        return self.spec.label or self.kind.title

    @property
    def ref(self) -> str:
        """The Python expression for this component's construct (its class) in the stack."""
        return f"self.{self.spec.id}"

    @property
    def scope(self) -> str:
        """The construct scope a connector puts the resources it adds on this side into."""
        return self.ref

    @property
    def construct_id(self) -> str:
        """The component's construct id, the first segment of its resources' aws:cdk:path,
        and the name of its generated class."""
        return pascal(self.spec.id)

    @property
    def exports(self) -> Exports:
        return Exports(self)


class UndeclaredExport(Exception):
    """A template used an attribute of a component that its kind does not export."""


@dataclass(frozen=True)
class Exports:
    """What templates may use of a component: `c.exports.bucket` renders `self.raw.bucket`.

    Any name the kind does not declare in `exports` fails the render, so a
    renamed or missing attribute is found when the code is generated, not in synth.
    """

    component: ActiveComponent

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        kind = self.component.kind
        if name not in kind.exports:
            raise UndeclaredExport(
                f"kind {kind.name} exports no '{name}' (component '{self.component.id}'); "
                f"it exports: {', '.join(kind.exports) or 'nothing'}"
            )
        return f"{self.component.ref}.{name}"


@dataclass(frozen=True)
class ActiveFlow:
    number: int
    spec: Flow
    source: ActiveComponent
    target: ActiveComponent
    connector: Connector
    props: Props
    # The components its props name (the database a step's queries run in), by prop name.
    refs: dict[str, ActiveComponent] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.number}. {self.spec.label}"

    @property
    def type(self) -> str:
        return self.spec.type


@dataclass
class Pattern:
    """A loaded pattern file: valid, every kind and connector known."""

    file: PatternFile
    source: Source
    kinds: dict[str, type[Kind]]
    conditions: dict[tuple, Condition]

    @property
    def id(self) -> str:
        return self.file.id

    @property
    def path(self) -> Path:
        return self.source.path

    def resolve(self, given: Mapping[str, Any] | None = None) -> Resolved:
        values = resolve_values(self.id, self.file.parameters, given or {})
        return _resolve(self, values)


@dataclass
class Resolved:
    """A pattern with its parameters applied: what every renderer takes."""

    pattern: Pattern
    values: dict[str, bool | int | str]
    components: list[ActiveComponent]
    flows: list[ActiveFlow]
    slots: dict[str, dict[str, list[ActiveFlow]]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.pattern.id

    @property
    def file(self) -> PatternFile:
        return self.pattern.file

    @property
    def module_name(self) -> str:
        return self.id.replace("-", "_") + "_stack"

    @property
    def class_name(self) -> str:
        return pascal(self.id) + "Stack"

    @property
    def stack_name(self) -> str:
        return pascal(self.id)

    @cached_property
    def groups(self) -> list[Group]:
        """Groups that hold an active component, or enclose a group that does."""
        used = {c.spec.group for c in self.components if c.spec.group}
        by_id = {g.id: g for g in self.file.groups}
        for group_id in list(used):
            parent = by_id[group_id].parent
            while parent:
                used.add(parent)
                parent = by_id[parent].parent
        return [g for g in self.file.groups if g.id in used]

    def non_default_values(self) -> dict[str, bool | int | str]:
        defaults = {name: p.default for name, p in self.file.parameters.items()}
        return {k: v for k, v in self.values.items() if defaults.get(k) != v}

    def rebuild_command(self) -> str:
        parts = ["archgen build", self.id]
        for key, value in self.non_default_values().items():
            shown = str(value).lower() if isinstance(value, bool) else value
            parts.append(f"--param {key}={shown}")
        return " ".join(parts)


def pattern_files(directory: Path = PATTERNS_DIR) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))


def find_pattern(pattern_id: str, directory: Path = PATTERNS_DIR) -> Path:
    path = directory / f"{pattern_id}.yaml"
    if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pattern_id) and path.is_file():
        return path
    known = [p.stem for p in pattern_files(directory)]
    raise ArchgenError(
        f"unknown pattern '{pattern_id}'",
        expected=f"one of: {', '.join(known)}",
        suggestion=did_you_mean(pattern_id, known) or "`archgen list` shows the catalog",
    )


def load_all(directory: Path = PATTERNS_DIR) -> list[Pattern]:
    return [load(path) for path in pattern_files(directory)]


def load(path: Path) -> Pattern:
    """Read and check one pattern file; raise ArchgenError on the first problem."""
    source = read_yaml(path)
    if not isinstance(source.data, dict):
        raise source.error((), "a pattern file must be a YAML mapping", expected="id, title, ...")
    try:
        spec = PatternFile.model_validate(source.data)
    except ValidationError as exc:
        raise _schema_error(source, exc) from None
    if spec.id != path.stem:
        raise source.error(
            ("id",),
            f"id '{spec.id}' does not match the file name",
            suggestion=f"rename the file to {spec.id}.yaml",
        )
    return _check(source, spec)


def _schema_error(source: Source, exc: ValidationError) -> ArchgenError:
    error = exc.errors()[0]
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        return source.error(
            loc,
            f"unknown field '{loc[-1]}'",
            expected=f"one of: {', '.join(allowed)}" if allowed else None,
            suggestion=did_you_mean(str(loc[-1]), allowed),
        )
    if kind == "missing":
        return source.error(loc, "required field is missing")
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        message = f"{error['input']!r} {PATTERN_MEANINGS.get(pattern, 'has the wrong form')}"
    if kind == "literal_error":
        message = f"{error['input']!r} is not allowed; {error['msg'].lower()}"
    return source.error(loc, message)


PATTERN_MEANINGS = {
    SLUG: "is not a slug (lower-case words joined by '-')",
    IDENT: "is not a snake_case identifier",
    LABEL: "must not contain double quotes, backslashes, braces or line breaks",
    PROSE: "must not contain double quotes or backslashes",
}


def _allowed_keys(loc: tuple) -> list[str]:
    """The field names the schema accepts at loc (to list them and suggest one)."""
    model: Any = PatternFile
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        info = model.model_fields.get(str(part))
        if info is None:
            return []
        model = info.annotation
        while typing.get_origin(model) in (list, dict, typing.Union, type(int | None)):
            args = [a for a in typing.get_args(model) if a is not type(None)]
            model = args[-1]
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [f.alias or name for name, f in model.model_fields.items()]
    return []


def _check(source: Source, spec: PatternFile) -> Pattern:
    declared = spec.parameters
    conditions: dict[tuple, Condition] = {}

    def condition(loc: tuple, text: str | None) -> None:
        if text is None:
            return
        try:
            conditions[loc] = parse_condition(text, declared)
        except ValueError as exc:
            raise source.error(loc + ("when",), str(exc)) from None

    group_ids = _unique(source, "groups", [g.id for g in spec.groups])
    parents = {g.id: g.parent for g in spec.groups}
    for index, group in enumerate(spec.groups):
        if group.parent and group.parent not in group_ids:
            raise source.error(
                ("groups", index, "parent"),
                f"unknown group '{group.parent}'",
                suggestion=did_you_mean(group.parent, group_ids),
            )
        seen, parent = {group.id}, group.parent
        while parent:
            if parent in seen:
                raise source.error(
                    ("groups", index, "parent"),
                    f"group '{group.id}' ends up inside itself through its parents",
                    suggestion="a group's parents must lead to a top-level group",
                )
            seen.add(parent)
            parent = parents.get(parent)

    component_ids = _unique(source, "components", [c.id for c in spec.components])
    _class_names_are_free(source, spec, component_ids)
    kinds: dict[str, type[Kind]] = {}
    defaults = {name: p.default for name, p in declared.items()}
    for index, comp in enumerate(spec.components):
        loc = ("components", index)
        try:
            kinds[comp.id] = get_kind(comp.kind)
        except UnknownKind as exc:
            raise source.error(
                loc + ("kind",),
                f"unknown kind '{comp.kind}'",
                suggestion=exc.hint or "`archgen kinds` lists the kinds",
            ) from None
        if comp.group and comp.group not in group_ids:
            raise source.error(
                loc + ("group",),
                f"unknown group '{comp.group}'",
                expected=f"one of: {', '.join(group_ids) or 'no groups declared'}",
                suggestion=did_you_mean(comp.group, group_ids),
            )
        _check_parameters(source, loc, comp.props, declared)
        _validate_props(
            source, loc, kinds[comp.id].props, substitute(comp.props, defaults),
            f"kind {comp.kind}",
        )  # fmt: skip
        condition(loc, comp.when)

    for index, comp in enumerate(spec.components):
        props = _validate_props(
            source, ("components", index), kinds[comp.id].props,
            substitute(comp.props, defaults), f"kind {comp.kind}",
        )  # fmt: skip
        _references_exist(source, ("components", index), props, kinds)

    for index, group in enumerate(spec.groups):
        if group.component and group.component not in kinds:
            raise source.error(
                ("groups", index, "component"),
                f"unknown component '{group.component}'",
                suggestion=did_you_mean(group.component, kinds),
            )

    boxed = {g.component: g.id for g in spec.groups if g.component}
    seen_flows: dict[tuple, int] = {}
    for index, flow in enumerate(spec.flows):
        loc = ("flows", index)
        for end, name in (("from", flow.source), ("to", flow.target)):
            if name not in component_ids:
                raise source.error(
                    loc + (end,),
                    f"unknown component '{name}'",
                    suggestion=did_you_mean(name, component_ids),
                )
            if name in boxed:
                raise source.error(
                    loc + (end,),
                    f"component '{name}' is drawn as the box of group '{boxed[name]}', "
                    "so no flow can start or end at it",
                    suggestion="draw it as a node (drop the group's component:) or remove the flow",
                )
        source_kind, target_kind = kinds[flow.source], kinds[flow.target]
        if find_connector(source_kind.name, target_kind.name) is None:
            targets = targets_of(source_kind.name)
            raise source.error(
                loc,
                f"no connector from {source_kind.name} to {target_kind.name}",
                expected="a target among: "
                + (", ".join(targets) or "none (this kind has no outgoing flows)"),
                suggestion="reverse the flow, or add generator/connectors/"
                f"{source_kind.module_name()}__{target_kind.module_name()}.py",
            )
        condition(loc, flow.when)
        _check_parameters(source, loc, flow.props, declared)
        connector = find_connector(source_kind.name, target_kind.name)
        props = _validate_props(
            source, loc, connector.props, substitute(flow.props, defaults), _owner(connector)
        )
        _references_exist(source, loc, props, kinds)
        # Two flows between the same components are two steps when their props differ
        # (a state machine running two queries in one workgroup).
        key = (flow.source, flow.target, flow.when, json.dumps(flow.props, sort_keys=True))
        if key in seen_flows:
            raise source.error(
                loc,
                f"flow {flow.source} -> {flow.target} repeats flow {seen_flows[key] + 1} "
                "(same from, to, when and props)",
                suggestion="merge the two into one flow, or give them different `when:`",
            )
        seen_flows[key] = index

    pattern = Pattern(file=spec, source=source, kinds=kinds, conditions=conditions)
    pattern.resolve()  # the defaults must give a complete stack (required slots filled)
    return pattern


def _references_exist(
    source: Source, loc: tuple, props: Props, kinds: dict[str, type[Kind]]
) -> None:
    """Each component a prop names (a component's or a flow's) exists and has an allowed kind."""
    for name, target in props.references().items():
        allowed = type(props).reference_fields()[name].kinds
        where = loc + ("props", name)
        if target not in kinds:
            raise source.error(
                where, f"unknown component '{target}'", suggestion=did_you_mean(target, kinds)
            )
        if kinds[target].name not in allowed:
            raise source.error(
                where,
                f"component '{target}' is a {kinds[target].name}",
                expected=f"a component of kind {' or '.join(allowed)}",
            )


def _class_names_are_free(source: Source, spec: PatternFile, ids: list[str]) -> None:
    """Each component becomes a class named after it (raw_zone: RawZone) in a module that
    imports CDK names: two ids may not give one class name, nor one that is taken."""
    from generator.render.names import taken_names

    seen: dict[str, str] = {}
    taken = taken_names(pascal(spec.id) + "Stack")
    for index, component_id in enumerate(ids):
        name = pascal(component_id)
        if name in seen:
            raise source.error(
                ("components", index, "id"),
                f"ids '{seen[name]}' and '{component_id}' both become the class name {name}",
                suggestion="rename one of them",
            )
        if name in taken:
            raise source.error(
                ("components", index, "id"),
                f"id '{component_id}' becomes the class name {name}, which the stack module "
                "already uses",
                suggestion=f"rename it, e.g. '{component_id}_component'",
            )
        seen[name] = component_id


def _unique(source: Source, section: str, ids: list[str]) -> list[str]:
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            raise source.error(
                (section, index, "id"), f"duplicate id '{item}'", suggestion="ids must be unique"
            )
        seen.add(item)
    return ids


def _check_parameters(source: Source, loc: tuple, props: dict, declared) -> None:
    """Props may name parameters ({{ name }}); each must be declared."""
    try:
        referenced = references(props)
    except ValueError as exc:
        raise source.error(loc + ("props",), str(exc)) from None
    for name in referenced:
        if name not in declared:
            raise source.error(
                loc + ("props",),
                f"props refer to unknown parameter '{name}'",
                suggestion=did_you_mean(name, declared),
            )


def _owner(connector: Connector) -> str:
    return f"flows from {connector.source} to {connector.target}"


def _validate_props(
    source: Source, loc: tuple, model: type[Props], props: dict, owner: str
) -> Props:
    """props checked against a kind's (or a connector's) model; owner names it in errors."""
    try:
        return model.model_validate(props)
    except ValidationError as exc:
        error = exc.errors()[0]
        field_loc = loc + ("props",) + tuple(error["loc"])
        allowed = list(model.model_fields)
        if error["type"] == "extra_forbidden":
            raise source.error(
                field_loc,
                f"unknown prop '{error['loc'][-1]}' for {owner}",
                expected=f"one of: {', '.join(allowed) or 'no props'}",
                suggestion=did_you_mean(str(error["loc"][-1]), allowed),
            ) from None
        if not error["loc"]:  # a rule over the props as a whole, its message says it all
            raise source.error(field_loc, error["msg"].removeprefix("Value error, ")) from None
        raise source.error(field_loc, f"{error['msg']} (got {error['input']!r})") from None


def _resolve(pattern: Pattern, values: dict[str, bool | int | str]) -> Resolved:
    spec, source = pattern.file, pattern.source

    def active(loc: tuple) -> bool:
        cond = pattern.conditions.get(loc)
        return cond is None or cond.holds(values)

    components: dict[str, ActiveComponent] = {}
    for index, comp in enumerate(spec.components):
        if active(("components", index)):
            kind = pattern.kinds[comp.id]
            props = _validate_props(
                source, ("components", index), kind.props, substitute(comp.props, values),
                f"kind {kind.name}",
            )  # fmt: skip
            components[comp.id] = ActiveComponent(spec=comp, kind=kind, props=props)
    for index, comp in enumerate(spec.components):
        if comp.id not in components:
            continue
        for name, target in components[comp.id].props.references().items():
            if target not in components:
                raise source.error(
                    ("components", index, "props", name),
                    f"'{comp.id}' needs component '{target}', which parameters "
                    f"{_shown(values)} switch off",
                    suggestion=f"give '{comp.id}' the same `when:` as '{target}'",
                )
            components[comp.id].refs[name] = components[target]

    flows: list[ActiveFlow] = []
    for index, flow in enumerate(spec.flows):
        if flow.source in components and flow.target in components and active(("flows", index)):
            src, dst = components[flow.source], components[flow.target]
            connector = find_connector(src.kind.name, dst.kind.name)
            assert connector is not None  # checked at load time
            _meets_requirements(source, ("flows", index), connector, src, dst)
            props = _validate_props(
                source, ("flows", index), connector.props, substitute(flow.props, values),
                _owner(connector),
            )  # fmt: skip
            if connector.check and (problem := connector.check(props, src.props, dst.props)):
                raise source.error(
                    ("flows", index, "props"),
                    f"flow {flow.source} -> {flow.target}: {problem}",
                    suggestion=connector.doc,
                )
            refs = {}
            for name, target in props.references().items():
                if target not in components:
                    raise source.error(
                        ("flows", index, "props", name),
                        f"flow {flow.source} -> {flow.target} needs component '{target}', "
                        f"which parameters {_shown(values)} switch off",
                        suggestion=f"give the flow the same `when:` as '{target}'",
                    )
                refs[name] = components[target]
            flows.append(ActiveFlow(len(flows) + 1, flow, src, dst, connector, props, refs))

    slots: dict[str, dict[str, list[ActiveFlow]]] = {cid: {} for cid in components}
    for flow in flows:
        if flow.connector.fills:
            side, slot = flow.connector.fills
            owner = flow.source if side == "source" else flow.target
            slots[owner.id].setdefault(slot, []).append(flow)
    for index, comp in enumerate(spec.components):
        if comp.id not in components:
            continue
        for name, slot in pattern.kinds[comp.id].slots.items():
            filled = slots[comp.id].get(name, [])
            where = ("components", index)
            shown = _shown(values)
            if slot.required and not filled:
                raise source.error(
                    where,
                    f"component '{comp.id}' ({comp.kind}) needs a flow that sets its "
                    f"{name} ({slot.doc})",
                    suggestion=f"add a flow for it that is active with parameters {shown}",
                )
            if len(filled) > 1 and not slot.collects:
                raise source.error(
                    where,
                    f"component '{comp.id}' ({comp.kind}) takes one {name}, "
                    f"but {len(filled)} flows set it",
                    suggestion="keep one of flows " + ", ".join(str(f.number) for f in filled),
                )
    for index, comp in enumerate(spec.components):
        if comp.id in components:
            filled = {name: len(items) for name, items in slots[comp.id].items()}
            active = components[comp.id]
            refs = {name: other.props for name, other in active.refs.items()}
            kind = pattern.kinds[comp.id]
            problem = kind.check(active.props, filled) or kind.check_refs(
                active.props, filled, refs
            )
            if problem:
                raise source.error(
                    ("components", index),
                    f"component '{comp.id}' ({comp.kind}): {problem}",
                    suggestion=f"(parameters: {_shown(values)})" if values else None,
                )
    return Resolved(pattern, values, list(components.values()), flows, slots)


def _meets_requirements(
    source: Source, loc: tuple, connector: Connector, src: ActiveComponent, dst: ActiveComponent
) -> None:
    """What the service behind a connector enforces at run time, checked before any code runs
    (Aurora exports only to SSE-KMS buckets, for example)."""
    for side, wanted in connector.requires.items():
        comp = src if side == "source" else dst
        for prop, value in wanted.items():
            actual = getattr(comp.props, prop)
            if value == ANY and actual is None:
                raise source.error(
                    loc,
                    f"flow {src.id} -> {dst.id} needs {prop} set on '{comp.id}' "
                    f"({comp.kind.name}), which has none",
                    suggestion=f"{connector.doc}; set props: {{{prop}: ...}} on '{comp.id}'",
                )
            if value != ANY and actual != value:
                wanted, found = _as_yaml(value), _as_yaml(actual)
                raise source.error(
                    loc,
                    f"flow {src.id} -> {dst.id} needs {prop}: {wanted} on '{comp.id}' "
                    f"({comp.kind.name}), which has {prop}: {found}",
                    suggestion=f"{connector.doc}; set props: {{{prop}: {wanted}}} on '{comp.id}'",
                )

    for prop in connector.same:
        mine, theirs = getattr(src.props, prop), getattr(dst.props, prop)
        if mine != theirs:
            raise source.error(
                loc,
                f"flow {src.id} -> {dst.id} needs the same {prop} on both ends; '{src.id}' has "
                f"{prop}: {_as_yaml(mine)}, '{dst.id}' has {prop}: {_as_yaml(theirs)}",
                suggestion=f"{connector.doc}; set props: {{{prop}: {_as_yaml(theirs)}}} on "
                f"'{src.id}'",
            )


def _as_yaml(value: Any) -> str:
    """A prop value as a pattern file writes it (null, true), for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _shown(values: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items()) or "defaults"
