"""The archgen command line: list, show, kinds, build, diagram, synth, schema, gallery, quiz."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator import PATTERNS_DIR, __version__
from generator.cli_common import param_option, patterns_dir, progress
from generator.cli_gallery import gallery, write_gallery
from generator.cli_project import new, update
from generator.cli_quiz import quiz
from generator.errors import ArchgenError
from generator.loader import Pattern, Resolved, find_pattern, load, load_all
from generator.parameters import parse_assignments

DEFAULT_OUT = Path("output")


class ArchgenGroup(click.Group):
    """Prints a user's mistake as one line and exits 2, never with a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ArchgenError as exc:
            click.secho(f"archgen: error: {exc}", err=True, fg="red")
            ctx.exit(2)


def _select(ids: tuple[str, ...], all_: bool) -> list[Pattern]:
    if all_ and ids:
        raise ArchgenError("give pattern ids or --all, not both")
    if all_:
        return load_all(patterns_dir())
    if not ids:
        raise ArchgenError(
            "no pattern selected", suggestion="name pattern ids (see `archgen list`) or pass --all"
        )
    return [load(find_pattern(pattern_id, patterns_dir())) for pattern_id in dict.fromkeys(ids)]


def _resolve(patterns: list[Pattern], params: tuple[str, ...]) -> list[Resolved]:
    """Apply --param values to every selected pattern that declares them."""
    given = parse_assignments(params)
    declared = {name for p in patterns for name in p.file.parameters}
    for key in given:
        if key not in declared:
            from generator.errors import did_you_mean

            raise ArchgenError(
                f"no selected pattern has a parameter '{key}'",
                field=f"--param {key}",
                expected=f"one of: {', '.join(sorted(declared)) or 'none'}",
                suggestion=did_you_mean(key, declared),
            )
    return [p.resolve({k: v for k, v in given.items() if k in p.file.parameters}) for p in patterns]


out_option = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder that receives one subfolder per pattern.",
)
force_option = click.option(
    "--force", is_flag=True, help="Replace output files that were edited since archgen wrote them."
)


@click.group(cls=ArchgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archgen")
@click.option(
    "--patterns",
    "patterns_folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=PATTERNS_DIR,
    envvar="ARCHGEN_PATTERNS",
    show_default="the catalog's patterns/",
    help="Folder of pattern files to use instead of the catalog.",
)
@click.pass_context
def cli(ctx: click.Context, patterns_folder: Path) -> None:
    """AWS data-engineering reference architectures from one declarative pattern.

    Each pattern in patterns/*.yaml becomes an architecture diagram, CDK v2
    Python code synthesized to a CloudFormation template checked by cfn-lint,
    and a teaching page. Start with `archgen list`, then `archgen build --all`.
    """
    if not patterns_folder.is_dir():
        raise ArchgenError("patterns folder not found", file=patterns_folder)
    ctx.obj = patterns_folder


@cli.command("list")
def list_patterns() -> None:
    """List the catalog: id, category, topics and title of every pattern."""
    patterns = load_all(patterns_dir())
    width = max((len(p.id) for p in patterns), default=2)
    for p in patterns:
        topics = ",".join(p.file.topics)
        click.echo(f"{p.id:<{width}}  {p.file.category:<14} {topics:<24} {p.file.title}")


@cli.command()
@click.argument("pattern_id", metavar="ID")
def show(pattern_id: str) -> None:
    """Show one pattern: summary, parameters with defaults, components and flows."""
    pattern = load(find_pattern(pattern_id, patterns_dir()))
    spec = pattern.file
    click.echo(f"{spec.id}: {spec.title}")
    click.echo(f"category: {spec.category}   topics: {', '.join(spec.topics)}")
    click.echo(f"\n{spec.summary}\n")
    click.echo("parameters:" if spec.parameters else "parameters: none")
    for name, param in spec.parameters.items():
        allowed = (
            "|".join(param.choices or [])
            if param.type == "choice"
            else f"{param.min}..{param.max}"
            if param.type == "int"
            else param.type
        )
        default = str(param.default).lower() if param.type == "bool" else param.default
        click.echo(f"  {name}={default}  ({allowed})  {param.doc}")
    click.echo("components:")
    for comp in spec.components:
        when = f"  [when {comp.when}]" if comp.when else ""
        click.echo(f"  {comp.id}: {comp.kind}{when}")
    click.echo("flows:")
    for number, flow in enumerate(spec.flows, 1):
        when = f"  [when {flow.when}]" if flow.when else ""
        click.echo(f"  {number}. {flow.source} -> {flow.target}: {flow.label}{when}")


@cli.command()
def kinds() -> None:
    """List the component kinds a pattern can use, with what each deploys."""
    from generator.connectors import targets_of
    from generator.kinds import all_kinds

    for name, kind in all_kinds().items():
        targets = ", ".join(targets_of(name)) or "-"
        click.echo(f"{name}: {kind.doc}")
        click.echo(f"    flows to: {targets}")


@cli.command()
@click.argument("pattern_ids", nargs=-1, metavar="[ID]...")
@click.option("--all", "all_", is_flag=True, help="Build every pattern of the catalog.")
@out_option
@param_option
@force_option
def build(pattern_ids, all_, out_dir, params, force) -> None:
    """Build patterns into OUT/<id>/: diagram, CDK code, template, findings, README.

    All selected stacks are synthesized in one CDK app; every template is
    checked with cfn-lint. Exits 1 when a check reports an error.
    """
    from generator.build import build as run_build

    selected = _resolve(_select(pattern_ids, all_), params)
    click.echo(f"Building {len(selected)} pattern(s) into {out_dir}/", err=True)
    result = run_build(selected, out_dir, force=force, progress=progress)
    progress("gallery: index.html and one page per built pattern")
    index = write_gallery(out_dir, force)
    for item in result.patterns:
        status = "ok" if not item.findings else f"{len(item.findings)} finding(s)"
        click.echo(f"{item.id:<40} {item.resources:>3} resources  {status}  {item.folder}/")
        for finding in item.findings:
            click.echo(f"    {finding}")
    click.echo(
        f"Built {len(result.patterns)} pattern(s) in {result.seconds:.1f} s: "
        f"{result.count('error')} error(s), {result.count('warning')} warning(s). "
        f"Open {out_dir}/<id>/README.md, or the gallery:"
    )
    click.echo(f"{index.resolve()}")
    if result.count("error"):
        sys.exit(1)


@cli.command()
@click.argument("pattern_ids", nargs=-1, metavar="[ID]...")
@click.option("--all", "all_", is_flag=True, help="Validate every pattern of the catalog.")
@param_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif"]),
    default="text",
    show_default=True,
    help="text for people, json for scripts, sarif (2.1.0) for code-scanning tools.",
)
@click.option(
    "--output",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
def validate(pattern_ids, all_, params, fmt, output_file) -> None:
    """Check patterns: cfn-lint, cdk-nag, archgen's rules and the diagram agreement.

    Findings are grouped by pattern, each with its rule id, the resource and a
    fix hint. Exits 1 when any check reports an error, 0 otherwise. Writes no
    output folder: use `archgen build` for that (it runs the same checks).
    """
    import tempfile

    from generator.build import write_code
    from generator.checks import run_checks
    from generator.report import as_json, as_sarif, as_text
    from generator.synth import SynthInput, synth_checked

    selected = _resolve(_select(pattern_ids, all_), params)
    click.echo(f"Validating {len(selected)} pattern(s)", err=True)
    with tempfile.TemporaryDirectory(prefix="archgen-validate-") as scratch:
        items = []
        for resolved in selected:
            write_code(resolved, Path(scratch) / resolved.id)
            items.append(SynthInput(resolved, Path(scratch) / resolved.id))
        progress(f"synth and cdk-nag: {len(items)} stack(s) in one CDK app")
        synthesized = synth_checked(items)
    results = {}
    for resolved, result in zip(selected, synthesized, strict=True):
        progress(f"{resolved.id}: cfn-lint, archgen rules, agreement")
        results[resolved.id] = run_checks(resolved, result)
    if fmt == "json":
        acknowledged = {r.id: s.acknowledged for r, s in zip(selected, synthesized, strict=True)}
        report = as_json(results, acknowledged)
    else:
        report = {"text": as_text, "sarif": as_sarif}[fmt](results)
    if output_file:
        try:
            output_file.write_text(report, encoding="utf-8")
        except OSError as exc:
            raise ArchgenError(f"cannot write report: {exc.strerror}", file=output_file) from None
        click.echo(f"wrote {output_file}", err=True)
    else:
        click.echo(report, nl=False)
    errors = sum(1 for findings in results.values() for f in findings if f.severity == "error")
    warnings = sum(1 for findings in results.values() for f in findings if f.severity == "warning")
    click.echo(f"{len(results)} pattern(s): {errors} error(s), {warnings} warning(s)", err=True)
    if errors:
        sys.exit(1)


@cli.command()
@click.argument("pattern_id", metavar="ID")
@out_option
@param_option
@force_option
def diagram(pattern_id, out_dir, params, force) -> None:
    """Draw one pattern: OUT/<id>/diagram.png, .svg, .dot, .mmd (Mermaid) and .drawio."""
    from generator.build import build_info
    from generator.exports import export_files
    from generator.outputs import ensure_writable, update_files
    from generator.render.diagram import render

    (resolved,) = _resolve([load(find_pattern(pattern_id, patterns_dir()))], params)
    drawn = render(resolved)
    target = out_dir / resolved.id
    ensure_writable(out_dir)
    files = {"diagram.png": drawn.png, "diagram.svg": drawn.svg, "diagram.dot": drawn.dot}
    files |= export_files(resolved)  # diagram.mmd, diagram.drawio
    update_files(target, files | {"archgen.json": build_info(resolved)}, ("diagram.",), force)
    click.echo(f"{target}/diagram.png, diagram.svg, diagram.dot, diagram.mmd, diagram.drawio")


@cli.command()
@click.argument("pattern_id", metavar="ID")
@out_option
@param_option
@force_option
@click.option(
    "--stdout", "to_stdout", is_flag=True, help="Print the template instead of writing it."
)
def synth(pattern_id, out_dir, params, force, to_stdout) -> None:
    """Generate and synthesize one pattern: OUT/<id>/cdk/ and OUT/<id>/template.json."""
    import tempfile

    from generator.build import build_info
    from generator.lint import template_text
    from generator.outputs import ensure_writable, update_files, write_files
    from generator.render.code import generate
    from generator.synth import SynthInput, synth as run_synth

    (resolved,) = _resolve([load(find_pattern(pattern_id, patterns_dir()))], params)
    generated = generate(resolved).files
    with tempfile.TemporaryDirectory(prefix="archgen-synth-") as scratch:
        write_files(Path(scratch), generated)
        (template,) = run_synth([SynthInput(resolved, Path(scratch))])
    text = template_text(template)
    if to_stdout:
        click.echo(text, nl=False)
        return
    target = out_dir / resolved.id
    ensure_writable(out_dir)
    files = {f"cdk/{name}": code_text for name, code_text in generated.items()}
    files |= {"template.json": text, "archgen.json": build_info(resolved)}
    update_files(target, files, ("cdk/", "template.json"), force)
    click.echo(f"{target}/template.json ({len(template.get('Resources', {}))} resources)")


@cli.command()
@click.option(
    "--check", is_flag=True, help="Exit 1 if patterns/schema.json differs from the schema in code."
)
def schema(check: bool) -> None:
    """Export the pattern schema to patterns/schema.json (for editors and CI)."""
    from generator.model import json_schema

    text = json.dumps(json_schema(), indent=2) + "\n"
    path = PATTERNS_DIR / "schema.json"
    if check:
        if not path.is_file() or path.read_text() != text:
            raise ArchgenError(
                "patterns/schema.json is out of date", suggestion="run `archgen schema`"
            )
        click.echo("patterns/schema.json is up to date")
        return
    path.write_text(text)
    click.echo(f"wrote {path}")


def main() -> None:
    cli(prog_name="archgen")


cli.add_command(new)
cli.add_command(gallery)
cli.add_command(quiz)
cli.add_command(update)
