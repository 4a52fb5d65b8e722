"""Generate the CDK v2 Python for a resolved pattern.

Each deployed component becomes one `Construct` class, generated from its
kind's template, whose constructor takes what the component needs from its
neighbours (slots that connectors fill, components its props refer to, and
stack-wide resources such as the logs key) and whose attributes are the
kind's exports. The stack constructs the components in an order where every
argument exists first, then wires the remaining flows. So one diagram node
reads as one unit of code, and the first segment of every resource's
aws:cdk:path is exactly its component. ruff prunes and sorts the imports and
formats the result, so it is byte-identical for the same input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator import __version__
from generator.errors import ArchgenError
from generator.loader import ActiveComponent, ActiveFlow, Resolved
from generator.pyformat import format_files
from generator.render.shared import SHARED
from generator.templating import render


@dataclass
class GeneratedCode:
    """The files of a generated CDK app, by path relative to its folder."""

    stack_module: str
    files: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SlotFill:
    """One flow's value for a slot: the expression (in the stack) and the flow behind it.

    other: the component at the flow's other end, so that application code (an
    Airflow DAG, say) can say what each entry is.
    """

    expression: str
    flow: ActiveFlow
    other: ActiveComponent


# What every stack module imports: its classes, and the Aspect in templates/aspects.py.j2.
BASE_IMPORTS = (
    "from constructs import Construct",
    "from constructs import IConstruct",
    "import jsii",
    "from aws_cdk import Aspects",
    "from aws_cdk import CfnResource",
    "from aws_cdk import IAnyProducer",
    "from aws_cdk import IAspect",
    "from aws_cdk import IResolveContext",
    "from aws_cdk import Lazy",
    "from aws_cdk import Stack",
    "from pathlib import Path",
)


def flow_context(flow: ActiveFlow) -> dict:
    return {"flow": flow, "source": flow.source, "target": flow.target}


def render_slots(resolved: Resolved) -> dict[str, dict[str, list[SlotFill]]]:
    """Each component's slot values, rendered from the connectors that fill them."""
    filled: dict[str, dict[str, list[SlotFill]]] = {
        c.id: {name: [] for name in c.kind.slots} for c in resolved.components
    }
    for owner, slots in resolved.slots.items():
        for name, flows in slots.items():
            filled[owner][name] = [
                SlotFill(
                    render(f.connector.expression, **flow_context(f)).strip(),
                    f,
                    f.target if f.source.id == owner else f.source,
                )
                for f in flows
            ]
    return filled


def construction_order(resolved: Resolved) -> list[ActiveComponent]:
    """Components in pattern order, moved after whatever their slots refer to."""
    needs: dict[str, set[str]] = {
        c.id: {ref.id for ref in c.refs.values()} for c in resolved.components
    }
    for flow in resolved.flows:
        if flow.connector.fills:
            side = flow.connector.fills[0]
            owner, other = (
                (flow.source, flow.target) if side == "source" else (flow.target, flow.source)
            )
            needs[owner.id].add(other.id)
            # The slot's value uses the components the flow's props name, too.
            needs[owner.id].update(ref.id for ref in flow.refs.values())
    ordered: list[ActiveComponent] = []
    done: set[str] = set()
    pending = list(resolved.components)
    while pending:
        ready = next((c for c in pending if needs[c.id] <= done), None)
        if ready is None:
            cycle = ", ".join(c.id for c in pending)
            raise ArchgenError(
                f"components {cycle} need each other to be built first",
                file=resolved.pattern.path,
                suggestion="one of their flows should wire after construction, not fill a slot",
            )
        ordered.append(ready)
        done.add(ready.id)
        pending.remove(ready)
    return ordered


def shared_needed(resolved: Resolved) -> list[str]:
    """The stack-wide resources the active components need, in a fixed order."""
    wanted = {name for c in resolved.components for name in c.kind.needs}
    return [name for name in SHARED if name in wanted]


def _imports(resolved: Resolved) -> list[str]:
    """Every import the active kinds and connectors may use; ruff prunes and sorts them."""
    statements: set[str] = set(BASE_IMPORTS)
    for comp in resolved.components:
        statements.update(comp.kind.imports)
    for flow in resolved.flows:
        statements.update(flow.connector.imports)
    for name in shared_needed(resolved):
        statements.update(SHARED[name].imports)
    return sorted(statements)


def module_code(resolved: Resolved) -> list[str]:
    """Module-level definitions the active kinds (in component order) and connectors (in
    flow order) declare, each once."""
    kinds = [
        c.kind.module_code
        for c in resolved.components
        if not c.kind.module_code_when or getattr(c.props, c.kind.module_code_when)
    ]
    templates = dict.fromkeys([*kinds, *(f.connector.module_code for f in resolved.flows)])
    return [render(template).strip() for template in templates if template]


@dataclass(frozen=True)
class Argument:
    """One keyword argument of a component's class: its name, annotation and stack value."""

    name: str
    annotation: str
    value: str


def _slot_value(fills: list[SlotFill], slot) -> str:
    if slot.kwargs:
        return "dict(\n" + ",\n".join(f.expression.rstrip(",") for f in fills) + ",\n)"
    if slot.keyed:
        return "{" + ", ".join(f'"{f.other.id}": {f.expression}' for f in fills) + "}"
    if slot.many:
        return "[" + ", ".join(f.expression for f in fills) + "]"
    return fills[0].expression


def arguments(comp: ActiveComponent, slots: dict[str, list[SlotFill]]) -> list[Argument]:
    """What a component's class takes: referenced components, shared resources, filled slots."""
    args = []
    for name, ref in comp.refs.items():
        export = comp.kind.props.reference_fields()[name].export
        args.append(Argument(name, ref.kind.exports[export].type, getattr(ref.exports, export)))
    for name in comp.kind.needs:
        args.append(Argument(name, SHARED[name].type, f"self.{name}"))
    for name, slot in comp.kind.slots.items():
        if slots[name]:
            args.append(Argument(name, slot.annotation, _slot_value(slots[name], slot)))
    return args


def component_class(comp: ActiveComponent, slots: dict[str, list[SlotFill]]) -> str:
    """The Construct class of one component, its kind's template as the constructor's body."""
    body = render(
        comp.kind.template,
        c=comp,
        p=comp.props,
        slots=slots,
        refs=comp.refs,
        app_code="APP_CODE",
    ).strip()
    return render(
        "component.py.j2",
        c=comp,
        args=arguments(comp, slots),
        body=body,
        uses_stack=re.search(r"(?<![\w.])stack(\.[a-z_]|[,)])", body) is not None,
        exports=comp.kind.exports,
    )


def generate_stack(
    resolved: Resolved,
    app_code_root: str = "Path(__file__).resolve().parent",
    regenerate: str = "archgen build",
) -> str:
    """The stack module's source (formatted by generate()).

    regenerate: the command its header names for making it again (a starter
    project says `archgen update`).
    """
    slots = render_slots(resolved)
    classes: list[str] = []
    blocks: list[str] = [render(SHARED[name].template).strip() for name in shared_needed(resolved)]
    for comp in construction_order(resolved):
        if comp.kind.template is None:
            continue
        classes.append(component_class(comp, slots[comp.id]))
        call = ", ".join(
            [f'self, "{comp.construct_id}"']
            + [f"{a.name}={a.value}" for a in arguments(comp, slots[comp.id])]
        )
        blocks.append(
            f"# {comp.label} ({comp.kind.name})\nself.{comp.id} = {comp.construct_id}({call})"
        )
    for flow in resolved.flows:
        if flow.connector.wiring is None:
            continue
        code = render(flow.connector.wiring, **flow_context(flow)).strip()
        if code:
            blocks.append(f"# Flow {flow.label}: {flow.source.id} -> {flow.target.id}\n{code}")
    uses_app_code = any(c.kind.app_files for c in resolved.components) or any(
        f.connector.app_files for f in resolved.flows
    )
    return render(
        "stack.py.j2",
        r=resolved,
        version=__version__,
        imports=_imports(resolved),
        module_code=module_code(resolved),
        classes=classes,
        blocks=blocks,
        app_code_root=app_code_root if uses_app_code else None,
        regenerate=regenerate,
    )


@dataclass(frozen=True)
class AppSource:
    """One file of application code: where it goes and the template that makes it.

    component: the component that ships it (for a connector's file, the flow's
    source); flow: the flow whose connector ships it, if a connector does; side: the
    end of that flow whose service runs it; runs_in: the kind of the service that
    runs it (for SQL, the dialect's service).
    """

    path: str
    template: str
    component: ActiveComponent
    flow: ActiveFlow | None = None
    side: str = "target"

    @property
    def runs_in(self) -> str:
        if self.flow is None:
            return self.component.kind.name
        end = self.flow.source if self.side == "source" else self.flow.target
        return end.kind.name


def app_sources(resolved: Resolved) -> list[AppSource]:
    """The application code's files: each kind's AppFile with the component's id and props,
    then each active flow's connector AppFile with the flow's ends and props. A file two
    flows ship (one query in two steps) is listed once."""
    found: dict[str, AppSource] = {}
    for comp in resolved.components:
        for app_file in comp.kind.app_files:
            if app_file.when and not getattr(comp.props, app_file.when):
                continue
            fields = {"id": comp.id, "folder": comp.kind.module_name(), **comp.props.model_dump()}
            for path, template in app_file.expand(fields):
                found.setdefault(path, AppSource(path, template, comp))
    for flow in resolved.flows:
        for app_file in flow.connector.app_files:
            if app_file.when and not getattr(flow.props, app_file.when):
                continue
            fields = {
                "source": flow.source.id,
                "target": flow.target.id,
                "folder": flow.connector.module_name,
                **flow.props.model_dump(),
            }
            for path, template in app_file.expand(fields):
                found.setdefault(
                    path, AppSource(path, template, flow.source, flow, app_file.runs_in)
                )
    return list(found.values())


def app_files(resolved: Resolved) -> dict[str, str]:
    """Application code (handlers, job scripts, DAGs, SQL) by path below the app-code root.

    A kind's templates get the component (c, p, slots); a connector's get the flow.
    """
    files: dict[str, str] = {}
    slots = render_slots(resolved)
    for source in app_sources(resolved):
        comp = source.component
        context = {"pattern": resolved.file, "pattern_id": resolved.id}
        if source.flow is None:
            context.update(c=comp, p=comp.props, slots=slots[comp.id])
        else:
            context.update(flow_context(source.flow))
        files[source.path] = render(source.template, **context)
    return files


def generate_app(resolved_list: list[Resolved]) -> str:
    return render("app.py.j2", patterns=resolved_list, version=__version__)


def generate(resolved: Resolved) -> GeneratedCode:
    """Everything in the cdk/ folder of one pattern's output."""
    stack = generate_stack(resolved)
    files = {f"{resolved.module_name}.py": stack, "app.py": generate_app([resolved])}
    files.update(app_files(resolved))
    try:
        files = format_files(files)
    except SyntaxError as exc:
        raise RuntimeError(f"archgen generated invalid Python for {resolved.id}: {exc}") from exc
    return GeneratedCode(stack_module=resolved.module_name, files=files)
