"""Every key fact, alternative and correction of the catalog says where it comes from.

A source is an AWS documentation URL or a topic id of the study notes (see
generator/citations.py); the schema refuses anything else (tests/fixtures/bad/*source*).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.citations import label, markdown, missing_sources
from generator.loader import load, pattern_files

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("path", pattern_files(), ids=lambda p: p.stem)
def test_every_catalog_fact_alternative_and_correction_has_a_source(path):
    missing = missing_sources(load(path).file)
    assert not missing, f"{path.name} teaches without a source:\n" + "\n".join(missing)


def test_the_check_reports_each_kind_of_unsourced_item():
    missing = missing_sources(load(FIXTURES / "sources" / "unsourced.yaml").file)
    assert [item.split(":")[0] for item in missing] == [
        "teaching.key_facts[0]",
        "teaching.key_facts[1]",
        "teaching.alternatives[0]",
        "teaching.changed_since_notes[0]",
    ]
    assert missing[0] == "teaching.key_facts[0]: A plain string has no source."


def test_one_source_or_a_list_both_load():
    teaching = load(FIXTURES / "sources" / "unsourced.yaml").file.teaching
    assert teaching.alternatives[1].source == ("T24",)
    assert teaching.key_facts[2].source == (
        "https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html",
    )


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("T21", "notes T21"),
        (
            "https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html",
            "AWS docs: partition-projection",
        ),
        ("https://aws.amazon.com/about-aws/whats-new/2024/11/x-y/", "What's New: x-y"),
        ("https://aws.amazon.com/blogs/database/some-post/", "AWS blog: some-post"),
        (
            "https://docs.aws.amazon.com/cli/latest/reference/firehose/index.md",
            "AWS docs: firehose",
        ),
    ],
)
def test_sources_read_as_the_page_they_name(source, shown):
    assert label(source) == shown


def test_sources_render_as_markdown_links_and_topic_ids():
    assert markdown(("T21", "https://docs.aws.amazon.com/glue/latest/dg/a.html")) == (
        "notes T21; [AWS docs: a](https://docs.aws.amazon.com/glue/latest/dg/a.html)"
    )
    assert markdown(None) == ""
