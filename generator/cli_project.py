"""`archgen new` and `archgen update`: starter projects a user owns (see generator.project).

Plain click commands; generator/cli.py registers them on the `archgen` group, whose
error handling prints an ArchgenError as one line and exits 2. A run that leaves
conflicting files alone exits 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.cli_common import param_option, patterns_dir, progress
from generator.errors import ArchgenError, did_you_mean
from generator.loader import Resolved, find_pattern, load
from generator.parameters import parse_assignments

if TYPE_CHECKING:
    from generator.project import ProjectName

force_option = click.option(
    "--force",
    is_flag=True,
    help="Overwrite files that differ from what archgen renders (changes made to them are lost).",
)


def _check_folder(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise ArchgenError(
            "exists and is not a folder", file=directory, suggestion="choose another DIR"
        )


def _render(resolved: Resolved, name: ProjectName, directory: Path, force: bool) -> None:
    """Show the names, render, classify, write; exit 1 when conflicts were left alone."""
    from generator import project as projects  # imports CDK's helpers: only for these commands

    click.echo(
        f"Project '{name.given}' from pattern {resolved.id}: "
        f"Python package {name.package}, CloudFormation stack {name.stack}"
    )
    rendered = projects.render_project(resolved, name, progress=progress)
    planned = projects.plan(directory, rendered)
    projects.apply(planned, force=force)
    for item in planned.statuses:
        status = "overwrite" if item.status == "conflict" and force else item.status
        click.echo(f"  {status:<10} {item.path}")
    orphans = planned.orphans()
    for path in orphans:
        click.echo(f"  {'kept':<10} {path} (archgen no longer generates it; delete it if unused)")
    conflicts = planned.paths("conflict")
    counts = ", ".join(
        f"{len(planned.paths(status))} {status}" for status in ("new", "update", "identical")
    )
    click.echo(f"{directory}: {counts}, {len(conflicts)} conflict(s).")
    if conflicts and not force:
        click.echo(
            f"Left {len(conflicts)} file(s) as they are, because they differ from what archgen "
            f"renders: {', '.join(conflicts)}. Pass --force to overwrite them.",
            err=True,
        )
        sys.exit(1)


@click.command()
@click.argument("pattern_id", metavar="ID")
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option(
    "--name",
    help="The project's name (default: the last part of DIR). It becomes the Python "
    "package (my_lake) and the CloudFormation stack name (my-lake).",
)
@param_option
@force_option
def new(pattern_id: str, directory: Path, name: str | None, params, force: bool) -> None:
    """Start a standalone CDK Python project for pattern ID in DIR.

    DIR gets app.py, cdk.json, pinned requirements, the stack in a Python package,
    the application code, tests, a README with the diagram, and .archgen.json for
    `archgen update`. A file that already exists and differs is left alone and
    listed (exit 1) unless --force.
    """
    from generator import project as projects

    _check_folder(directory)
    resolved = load(find_pattern(pattern_id, patterns_dir())).resolve(parse_assignments(params))
    given = name if name is not None else directory.resolve().name
    project_name = projects.project_name(given, projects.app_code_folders(resolved))
    existing = projects.read_answers(directory) if directory.is_dir() else None
    if existing and existing.pattern != resolved.id and not force:
        raise ArchgenError(
            f"{directory} holds a project of pattern '{existing.pattern}', not '{resolved.id}'",
            file=directory / projects.ANSWERS,
            field="pattern",
            suggestion="`archgen update` updates it; choose another DIR, or pass --force",
        )
    _render(resolved, project_name, directory, force)


@click.command()
@click.argument(
    "directory", metavar="DIR", type=click.Path(path_type=Path), default=".", required=False
)
@param_option
@force_option
def update(directory: Path, params, force: bool) -> None:
    """Render the project in DIR again from its .archgen.json, keeping your changes.

    Files archgen wrote and nobody changed are replaced with this archgen's version,
    new files are added, identical files are left untouched, and files that were
    changed are listed and left alone (exit 1) unless --force. --param changes a
    parameter the project was made with.
    """
    from generator import project as projects

    _check_folder(directory)
    answers = projects.read_answers(directory)
    if answers is None:
        raise ArchgenError(
            f"no {projects.ANSWERS}: not a project that `archgen new` made",
            file=directory,
            suggestion="start one with `archgen new ID DIR`",
        )
    pattern = load(find_pattern(answers.pattern, patterns_dir()))
    for key in answers.parameters:
        if key not in pattern.file.parameters:
            raise ArchgenError(
                f"pattern '{pattern.id}' no longer has a parameter '{key}'",
                file=directory / projects.ANSWERS,
                field=f"parameters.{key}",
                expected=f"one of: {', '.join(pattern.file.parameters) or 'none'}",
                suggestion=did_you_mean(key, pattern.file.parameters)
                or "remove it from the answers file",
            )
    resolved = pattern.resolve({**answers.parameters, **parse_assignments(params)})
    project_name = projects.project_name(answers.name, projects.app_code_folders(resolved))
    _render(resolved, project_name, directory, force)
