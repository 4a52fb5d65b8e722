"""The archgen command line: list, show, kinds, build, validate, diagram, synth, schema.

`new` and `update` (starter projects) live in cli_project, `doctor` and `cache`
(this machine) in cli_machine, `gallery` in cli_gallery and `quiz` in cli_quiz; all are
registered on the `archgen` group here.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import sys
from pathlib import Path

import click

from generator import PATTERNS_DIR, __version__
from generator.build import Failed
from generator.cli_common import param_option, patterns_dir, progress
from generator.cli_gallery import gallery, write_gallery
from generator.cli_machine import cache_group, doctor
from generator.cli_project import new, update
from generator.cli_quiz import quiz
from generator.errors import ArchgenError, did_you_mean
from generator.loader import Pattern, Resolved, find_pattern, load, load_all, pattern_files
from generator.parameters import parse_assignments

DEFAULT_OUT = Path("output")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every `finally` (staging folders) still runs."""


def _terminate(signum, frame) -> None:
    raise Terminated()


class ArchgenGroup(click.Group):
    """Prints a user's mistake as one line and exits 2, never with a traceback.

    Ctrl-C and SIGTERM stop the command with one line too (exit 130 and 143):
    they unwind through every `finally`, so a build removes its staging folder
    and leaves the output folders of patterns it had not moved in as they were.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ArchgenError as exc:
            click.secho(f"archgen: error: {exc}", err=True, fg="red")
            ctx.exit(2)
        except KeyboardInterrupt as exc:
            from generator.node import ignore_dead_node_at_exit

            ignore_dead_node_at_exit()
            click.secho("archgen: interrupted; earlier output left as it was", err=True, fg="red")
            ctx.exit(143 if isinstance(exc, Terminated) else 130)


def _select(ids: tuple[str, ...], all_: bool) -> list[Pattern | Failed]:
    """The selected patterns, loaded; one that fails to load is kept as Failed.

    With several patterns, a broken one must not stop the others (each gets its
    one-line error in the summary); a single broken one is the command's error.
    """
    if all_ and ids:
        raise ArchgenError("give pattern ids or --all, not both")
    if all_:
        paths = pattern_files(patterns_dir())
    elif not ids:
        raise ArchgenError(
            "no pattern selected", suggestion="name pattern ids (see `archgen list`) or pass --all"
        )
    else:
        paths = [find_pattern(pattern_id, patterns_dir()) for pattern_id in dict.fromkeys(ids)]
    return _alone_raises([_load_one(path) for path in paths])


def _load_one(path: Path) -> Pattern | Failed:
    try:
        return load(path)
    except ArchgenError as exc:
        return Failed(path.stem, exc)


def _alone_raises(items: list) -> list:
    """A single selected pattern's failure is the command's one-line error (exit 2)."""
    if len(items) == 1 and isinstance(items[0], Failed):
        raise items[0].error
    return items


def _resolve(patterns: list[Pattern | Failed], params: tuple[str, ...]) -> list[Resolved | Failed]:
    """Apply --param values to every selected pattern that declares them."""
    given = parse_assignments(params)
    loaded = [p for p in patterns if isinstance(p, Pattern)]
    declared = {name for p in loaded for name in p.file.parameters}
    for key in given:
        if key not in declared and len(loaded) == len(patterns):
            raise ArchgenError(
                f"no selected pattern has a parameter '{key}'",
                field=f"--param {key}",
                expected=f"one of: {', '.join(sorted(declared)) or 'none'}",
                suggestion=did_you_mean(key, declared),
            )
    resolved: list[Resolved | Failed] = []
    for pattern in patterns:
        if isinstance(pattern, Failed):
            resolved.append(pattern)
            continue
        try:
            values = {k: v for k, v in given.items() if k in pattern.file.parameters}
            resolved.append(pattern.resolve(values))
        except ArchgenError as exc:
            resolved.append(Failed(pattern.id, exc))
    return _alone_raises(resolved)


def _report_failures(failed: list[tuple[str, ArchgenError]]) -> None:
    for _, error in failed:
        click.secho(f"archgen: error: {error}", err=True, fg="red")


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
    show_default="the catalog that comes with archgen",
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
@click.option(
    "--no-cache",
    "no_cache",
    is_flag=True,
    help="Build everything again instead of reusing unchanged builds from the build cache.",
)
def build(pattern_ids, all_, out_dir, params, force, no_cache) -> None:
    """Build patterns into OUT/<id>/: diagram, CDK code, template, findings, README.

    All selected stacks are synthesized in one CDK app; every template is
    checked with cfn-lint, cdk-nag, archgen's rules and the agreement check. A
    pattern that fails is reported and the others still build. Exits 2 when a
    pattern failed, 1 when a check reports an error.

    A pattern whose file, parameters, kinds, templates and tools are all unchanged
    since an earlier build is taken from the build cache (`archgen cache`).
    """
    from generator.build import build as run_build
    from generator.cache import BuildCache

    selected = _resolve(_select(pattern_ids, all_), params)
    click.echo(f"Building {len(selected)} pattern(s) into {out_dir}/", err=True)
    cache = None if no_cache else BuildCache()
    result = run_build(selected, out_dir, force=force, progress=progress, cache=cache)
    if len(result.patterns) == 1:
        result.raise_first_error()
    progress("gallery: index.html and one page per built pattern")
    index = write_gallery(out_dir, force)
    for item in result.patterns:
        if item.error is not None:
            click.echo(f"{item.id:<40} failed: {item.error}")
            continue
        status = "ok" if not item.findings else f"{len(item.findings)} finding(s)"
        click.echo(f"{item.id:<40} {item.resources:>3} resources  {status}  {item.folder}/")
        for finding in item.findings:
            click.echo(f"    {finding}")
    failed = result.failed
    built = len(result.patterns) - len(failed)
    click.echo(
        f"Built {built} of {len(result.patterns)} pattern(s) in {result.seconds:.1f} s "
        f"({len(result.cached)} from the build cache): "
        f"{len(failed)} failed, {result.count('error')} error(s), "
        f"{result.count('warning')} warning(s). Open {out_dir}/<id>/README.md, or the gallery:"
    )
    click.echo(f"{index.resolve()}")
    _report_failures([(item.id, item.error) for item in failed])
    if failed:
        sys.exit(2)
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
    fix hint. A pattern that cannot be checked (its file, its synth) is reported
    and the others still are. Exits 2 when a pattern could not be checked, 1
    when any check reports an error, 0 otherwise. Writes no
    output folder: use `archgen build` for that (it runs the same checks).
    """
    from generator.checks import check_patterns
    from generator.report import as_json, as_sarif, as_text

    selected = _resolve(_select(pattern_ids, all_), params)
    click.echo(f"Validating {len(selected)} pattern(s)", err=True)
    results, acknowledged, failures = check_patterns(selected, progress)
    if len(selected) == 1 and failures:
        raise next(iter(failures.values()))
    if fmt == "json":
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
    click.echo(
        f"{len(results)} pattern(s): {len(failures)} failed, {errors} error(s), "
        f"{warnings} warning(s)",
        err=True,
    )
    _report_failures(list(failures.items()))
    if failures:
        sys.exit(2)
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
    from generator.outputs import locked, update_files
    from generator.render.diagram import render

    (resolved,) = _resolve([load(find_pattern(pattern_id, patterns_dir()))], params)
    drawn = render(resolved)
    target = out_dir / resolved.id
    files = {"diagram.png": drawn.png, "diagram.svg": drawn.svg, "diagram.dot": drawn.dot}
    files |= export_files(resolved)  # diagram.mmd, diagram.drawio
    with locked(out_dir):
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
    from generator.outputs import locked, update_files, write_files
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
    files = {f"cdk/{name}": code_text for name, code_text in generated.items()}
    files |= {"template.json": text, "archgen.json": build_info(resolved)}
    with locked(out_dir):
        update_files(target, files, ("cdk/", "template.json"), force)
    click.echo(f"{target}/template.json ({len(template.get('Resources', {}))} resources)")


@cli.command()
@click.option(
    "--check", is_flag=True, help="Exit 1 if the schema file differs from the schema in code."
)
@click.option(
    "--output",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of schema.json in the patterns folder (--patterns, or the catalog).",
)
def schema(check: bool, output_file: Path | None) -> None:
    """Export the pattern schema to patterns/schema.json (for editors and CI)."""
    from generator.model import json_schema

    text = json.dumps(json_schema(), indent=2) + "\n"
    path = output_file or patterns_dir() / "schema.json"
    if check:
        if not path.is_file() or path.read_text() != text:
            raise ArchgenError(f"{path} is out of date", suggestion="run `archgen schema`")
        click.echo(f"{path} is up to date")
        return
    try:
        path.write_text(text)
    except OSError as exc:
        raise ArchgenError(
            f"cannot write the schema: {exc.strerror}",
            file=path,
            suggestion="choose a file with --output",
        ) from None
    click.echo(f"wrote {path}")


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli(prog_name="archgen")
    except SystemExit as exc:
        _exit(exc.code)
    _exit(0)


def _exit(code: int | str | None) -> None:
    """Exit with code; after a synth, without tearing the interpreter down.

    A command that synthesized holds the CDK's Python modules (hundreds of MB of
    objects); freeing them one by one at exit took about half a second of a build.
    The exit hooks still run (jsii stops its Node, multiprocessing its helpers) and
    output is flushed: only the interpreter's teardown is skipped, as mypy does.
    """
    if "aws_cdk" not in sys.modules:
        sys.exit(code)
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a closed pipe (`archgen build | head`)
            pass
    os._exit(code or 0)


cli.add_command(new)
cli.add_command(gallery)
cli.add_command(quiz)
cli.add_command(update)
cli.add_command(doctor)
cli.add_command(cache_group)
