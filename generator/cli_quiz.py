"""`archgen quiz`: the self-test in the terminal, from the patterns' own data."""

from __future__ import annotations

import sys

import click

from generator.cli_common import patterns_dir
from generator.errors import ArchgenError


@click.command()
@click.option(
    "--topic",
    "topics",
    multiple=True,
    metavar="T",
    help="Only questions on this topic (repeatable), e.g. T21.",
)
@click.option("--count", type=click.IntRange(min=1), help="How many questions.")
@click.option("--seed", type=int, help="Order the questions with this seed (same seed, same quiz).")
def quiz(topics, count, seed) -> None:
    """Test yourself: which pattern fits a scenario, and why not an alternative.

    In a terminal, each question waits for Enter (or a number) before its answer;
    piped, the answers follow the questions.
    """
    from generator.loader import load_all
    from generator.quiz import questions, select
    from generator.topics import TOPICS

    for topic in topics:
        if topic not in TOPICS:
            raise ArchgenError(
                f"unknown topic '{topic}'",
                field="--topic",
                expected=f"an id from T01 to {max(TOPICS)}",
            )
    files = {p.id: p.file for p in load_all(patterns_dir())}
    chosen = select(questions(list(files.values())), tuple(topics), count, seed)
    if not chosen:
        raise ArchgenError(
            "no question on these topics",
            suggestion="see `archgen list` for the topics patterns cover",
        )
    interactive = sys.stdin.isatty()
    right = 0
    for number, q in enumerate(chosen, 1):
        click.echo(f"\n{number}. {q.prompt}")
        for index, option in enumerate(q.options, 1):
            click.echo(f"   {index}) {files[option].title}")
        given = ""
        if interactive:
            given = click.prompt("   your answer (Enter to reveal)", default="", show_default=False)
        if q.kind == "scenario":
            answer = files[q.answer].title
            if given.strip().isdigit() and 0 < int(given) <= len(q.options):
                ok = q.options[int(given) - 1] == q.answer
                right += ok
                click.echo("   right" if ok else "   not quite")
            click.echo(f"   Answer: {answer} ({q.answer})")
            click.echo(f"   Why: {q.reason}")
        else:
            click.echo(f"   Answer: {q.answer}")
        if q.topics:
            click.echo(f"   Topics: {', '.join(q.topics)}")
    if interactive:
        scored = sum(1 for q in chosen if q.kind == "scenario")
        click.echo(f"\n{right} of {scored} scenario question(s) right.")
