"""`archgen gallery`: remake the static site of an output folder without building."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli_common import patterns_dir


def write_gallery(out_dir: Path, force: bool) -> Path:
    """The site of out_dir's built patterns; `archgen build` calls it after each build."""
    from generator.cli_common import progress
    from generator.render.gallery import write_site

    return write_site(out_dir, patterns_dir(), force=force, note=progress)


@click.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="The output folder of an earlier `archgen build`.",
)
@click.option("--force", is_flag=True, help="Replace gallery pages that were edited.")
def gallery(out_dir: Path, force: bool) -> None:
    """Remake OUT/index.html and OUT/_gallery/ from the patterns built in OUT.

    One page per built pattern (diagram, flows, teaching, code, template, checks,
    downloads), an index with filters and search, and the study map. Open
    OUT/index.html in a browser: it needs no server and no network.
    """
    index = write_gallery(out_dir, force)
    click.echo(f"{index.resolve()}")
