"""Where a taught fact comes from (its citation): an AWS documentation page or a notes topic.

A pattern's key facts, alternatives and corrections each carry a `source` (one, or a
list): either an https URL on an AWS documentation host, or a topic id of the notes'
TOPICS.md such as T21. The hosts are a strict allowlist:

- docs.aws.amazon.com: the user guides, API, CLI and CloudFormation references.
- aws.amazon.com: What's New announcements, the AWS blogs, product, pricing and FAQ pages.

Both serve only what AWS publishes. Everything else is refused on purpose:
*.amazonaws.com and *.aws.amazon.com subdomains can serve anyone's content (an S3
website, an API Gateway stage) or a console; docs.amazonaws.cn is the China-region copy,
which may differ; repost.aws holds community answers; http is not https. A URL must not
contain whitespace, quotes, backslashes, parentheses or angle brackets, so that it
stays one Markdown link on the teaching page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from generator.model import PatternFile

HOSTS = ("docs.aws.amazon.com", "aws.amazon.com")
# No backslash escapes a quote in the pattern, so that editors' JSON Schema regex
# engines (ECMAScript, unicode mode) accept it too.
SOURCE = "^(T[0-9]{2}|https://(" + "|".join(re.escape(h) for h in HOSTS) + ")/[^\\s\"'\\\\()<>]*)$"
MEANING = (
    "is not a source; expected an https URL on " + " or ".join(HOSTS) + ", "
    "or a topic id of the notes such as T21"
)


def is_topic(source: str) -> bool:
    return re.fullmatch(r"T[0-9]{2}", source) is not None


def label(source: str) -> str:
    """How a source reads on a page: 'notes T21', or the page a URL names."""
    if is_topic(source):
        return f"notes {source}"
    parts = urlsplit(source)
    segments = [s.removesuffix(".html").removesuffix(".md") for s in parts.path.split("/") if s]
    while len(segments) > 1 and segments[-1] == "index":
        segments.pop()  # .../firehose/index.md reads as "firehose"
    page = segments[-1] if segments else parts.netloc
    if parts.netloc == "docs.aws.amazon.com":
        return f"AWS docs: {page}"
    if segments[:2] == ["about-aws", "whats-new"]:
        return f"What's New: {page}"
    if segments[:1] == ["blogs"]:
        return f"AWS blog: {page}"
    return f"aws.amazon.com: {page}"


def markdown(sources: list[str] | None) -> str:
    """Sources as Markdown: URLs as links, topic ids as plain text."""
    shown = []
    for source in sources or []:
        shown.append(label(source) if is_topic(source) else f"[{label(source)}]({source})")
    return "; ".join(shown)


def missing_sources(file: PatternFile) -> list[str]:
    """Every key fact, alternative and correction of a pattern that names no source,
    as 'field path: the first words'."""
    teaching = file.teaching
    items = [
        (f"teaching.key_facts[{i}]", fact.fact, fact.source)
        for i, fact in enumerate(teaching.key_facts)
    ]
    items += [
        (f"teaching.alternatives[{i}]", alt.instead, alt.source)
        for i, alt in enumerate(teaching.alternatives)
    ]
    items += [
        (f"teaching.changed_since_notes[{i}]", fix.today, fix.source)
        for i, fix in enumerate(teaching.changed_since_notes)
    ]
    return [f"{where}: {_start(text)}" for where, text, source in items if not source]


def _start(text: str, words: int = 8) -> str:
    split = text.split()
    return " ".join(split[:words]) + (" ..." if len(split) > words else "")
