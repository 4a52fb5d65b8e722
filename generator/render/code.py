"""Generate the CDK v2 Python for a resolved pattern.

The stack is assembled from the kinds' and connectors' templates: components
are constructed in an order where everything a construction needs (its slots)
exists first, then the remaining flows are wired. ruff prunes and sorts the
imports and formats the result, so it reads like code a person wrote and is
byte-identical for the same input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import __version__
from generator.errors import ArchgenError
from generator.loader import ActiveComponent, ActiveFlow, Resolved
from generator.pyformat import format_files
from generator.templating import render


@dataclass
class GeneratedCode:
    """The files of a generated CDK app, by path relative to its folder."""

    stack_module: str
    files: dict[str, str] = field(default_factory=dict)


def flow_context(flow: ActiveFlow) -> dict:
    return {"flow": flow, "source": flow.source, "target": flow.target}


def render_slots(resolved: Resolved) -> dict[str, dict[str, list[str]]]:
    """Each component's slot expressions, rendered from the connectors that fill them."""
    filled: dict[str, dict[str, list[str]]] = {
        c.id: {name: [] for name in c.kind.slots} for c in resolved.components
    }
    for owner, slots in resolved.slots.items():
        for name, flows in slots.items():
            filled[owner][name] = [
                render(f.connector.expression, **flow_context(f)).strip() for f in flows
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


def _imports(resolved: Resolved) -> list[str]:
    """Every import the active kinds and connectors may use; ruff prunes and sorts them."""
    statements: set[str] = {"from constructs import Construct", "from aws_cdk import Stack"}
    for comp in resolved.components:
        statements.update(comp.kind.imports)
        if comp.kind.app_files:
            statements.add("from pathlib import Path")
    for flow in resolved.flows:
        statements.update(flow.connector.imports)
    return sorted(statements)


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
    app_folders = {source.path.split("/")[0] for source in app_sources(resolved)}
    blocks: list[str] = []
    for comp in construction_order(resolved):
        if comp.kind.template is None:
            continue
        code = render(
            comp.kind.template,
            c=comp,
            p=comp.props,
            slots=slots[comp.id],
            refs=comp.refs,
            r=resolved,
            app_code="APP_CODE",
            app_folders=app_folders,
        )
        blocks.append(f"# {comp.label} ({comp.kind.name})\n{code.strip()}")
    for flow in resolved.flows:
        if flow.connector.wiring is None:
            continue
        code = render(flow.connector.wiring, **flow_context(flow)).strip()
        if code:
            blocks.append(f"# Flow {flow.label}: {flow.source.id} -> {flow.target.id}\n{code}")
    uses_app_code = any(c.kind.app_files for c in resolved.components)
    source = render(
        "stack.py.j2",
        r=resolved,
        version=__version__,
        imports=_imports(resolved),
        blocks=blocks,
        app_code_root=app_code_root if uses_app_code else None,
        regenerate=regenerate,
    )
    return source


@dataclass(frozen=True)
class AppSource:
    """One file of application code: where it goes and the template that makes it."""

    path: str
    template: str
    component: ActiveComponent


def app_sources(resolved: Resolved) -> list[AppSource]:
    """The application code's files: each kind's AppFile with the component's id and props."""
    found = []
    for comp in resolved.components:
        for app_file in comp.kind.app_files:
            if app_file.when and not getattr(comp.props, app_file.when):
                continue
            fields = {"id": comp.id, **comp.props.model_dump()}
            found.append(
                AppSource(app_file.path.format(**fields), app_file.template.format(**fields), comp)
            )
    return found


def app_files(resolved: Resolved) -> dict[str, str]:
    """Application code (handlers, job scripts, DAGs) by path below the app-code root."""
    files: dict[str, str] = {}
    for source in app_sources(resolved):
        comp = source.component
        files[source.path] = render(
            source.template,
            c=comp,
            p=comp.props,
            r=resolved,
            outgoing=[f for f in resolved.flows if f.source.id == comp.id],
            incoming=[f for f in resolved.flows if f.target.id == comp.id],
        )
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
