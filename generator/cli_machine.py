"""`archgen doctor` and `archgen cache`: what archgen found on this machine, and its cache.

Plain click commands; generator/cli.py registers them on the `archgen` group.
"""

from __future__ import annotations

import sys

import click

from generator import __version__


@click.command()
def doctor() -> None:
    """Show what archgen found (Python, Graphviz, Node for jsii, pinned tools) and fixes.

    Exits 1 when something a build needs is missing or at another version, after
    printing, for each, the command that fixes it.
    """
    from generator import doctor as diagnosis

    click.echo(f"archgen {__version__}")
    for line in diagnosis.where():
        click.echo(f"  {line}")
    found = diagnosis.checks()
    for check in found:
        click.echo(f"{check.status.upper():<7} {check.name:<22} {check.found}")
        if check.fix:
            click.echo(f"        fix: {check.fix}")
    problems = [check for check in found if not check.ok]
    if problems:
        click.echo(f"{len(problems)} problem(s); run the fix command(s) above.", err=True)
        sys.exit(1)
    click.echo("Everything archgen needs is here.")


@click.group("cache")
def cache_group() -> None:
    """The build cache: unchanged builds, kept by what made them (see `archgen build`).

    It lives in $XDG_CACHE_HOME/archgen, else ~/.cache/archgen.
    """


@cache_group.command("info")
def cache_info() -> None:
    """Where the build cache is, and how many builds and bytes it holds."""
    from generator.cache import BuildCache

    cache = BuildCache()
    builds, size = cache.stats()
    click.echo(f"{cache.root}: {builds} build(s), {size / 2**20:.1f} MiB")


@cache_group.command("clear")
def cache_clear() -> None:
    """Empty the build cache; the next build of each pattern runs every stage."""
    from generator.cache import BuildCache

    cache = BuildCache()
    builds, size = cache.clear()
    click.echo(f"Removed {builds} build(s), {size / 2**20:.1f} MiB, from {cache.root}")
