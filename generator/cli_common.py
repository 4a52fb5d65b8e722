"""What every archgen command shares: the --param option, the patterns folder, progress lines."""

from __future__ import annotations

from pathlib import Path

import click

from generator import PATTERNS_DIR

param_option = click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Set a pattern parameter (repeatable); `archgen show ID` lists them.",
)


def patterns_dir() -> Path:
    """The folder the group's --patterns option chose (the catalog by default)."""
    root = click.get_current_context().find_root().obj
    return root if isinstance(root, Path) else PATTERNS_DIR


def progress(message: str) -> None:
    """One progress line on stderr, so that stdout keeps only results."""
    click.echo(f"  {message}", err=True)
