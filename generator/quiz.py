"""Self-test questions generated from the patterns' own data: nothing is written per question,
so every new pattern adds questions.

Two kinds:
- scenario: a line of a pattern's `when_to_use` -> which pattern of the catalog fits; the
  options are every pattern, the reason is the pattern's summary;
- why-not: one of a pattern's `alternatives` -> why not; the answer is its `why_not`,
  with its source.

The gallery's self-test page and `archgen quiz` both show these.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from generator.model import PatternFile


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # "scenario" or "why-not"
    pattern: str  # the pattern the question comes from
    prompt: str
    options: tuple[str, ...]  # pattern ids to choose from (scenario); empty for why-not
    answer: str  # a pattern id (scenario) or the reason the alternative does not fit
    reason: str
    topics: tuple[str, ...]
    sources: tuple[str, ...] = ()


def questions(files: list[PatternFile]) -> list[Question]:
    """Every question the catalog's data gives, pattern by pattern, in file order."""
    ids = tuple(sorted(f.id for f in files))
    found = []
    for f in sorted(files, key=lambda f: f.id):
        for number, scenario in enumerate(f.teaching.when_to_use, 1):
            found.append(
                Question(
                    id=f"{f.id}-when-{number}",
                    kind="scenario",
                    pattern=f.id,
                    prompt=f"Which pattern fits? {scenario}",
                    options=ids,
                    answer=f.id,
                    reason=f"{f.title}: {f.summary}",
                    topics=tuple(f.topics),
                )
            )
        for number, alt in enumerate(f.teaching.alternatives, 1):
            found.append(
                Question(
                    id=f"{f.id}-why-not-{number}",
                    kind="why-not",
                    pattern=f.id,
                    prompt=f"{f.title}: why not this instead? {alt.instead}",
                    options=(),
                    answer=alt.why_not,
                    reason=f"{alt.instead} is what the pattern {f.id} rejects.",
                    topics=tuple(alt.topics or f.topics),
                    sources=tuple(alt.source or ()),
                )
            )
    return found


def select(
    found: list[Question],
    topics: tuple[str, ...] = (),
    count: int | None = None,
    seed: int | None = None,
) -> list[Question]:
    """The questions on any of topics (all when none), count of them in a seeded order."""
    chosen = [q for q in found if not topics or set(q.topics) & set(topics)]
    if count is not None or seed is not None:
        chosen = random.Random(seed).sample(chosen, min(count or len(chosen), len(chosen)))
    return chosen
