"""The diagram renderer, on small patterns built for the purpose."""

from __future__ import annotations

import re
from pathlib import Path

from generator.loader import load
from generator.render.diagram import render

FIXTURES = Path(__file__).parent / "fixtures"


def _pattern(tmp_path, groups: str, components: str):
    path = tmp_path / "boxes.yaml"
    path.write_text(
        "id: boxes\ntitle: Boxes\nsummary: For the test.\ncategory: analytics\ntopics: [T03]\n"
        f"groups: {groups}\ncomponents: {components}\n"
        "teaching: {when_to_use: [x], alternatives: [{instead: y, why_not: z}], key_facts: [k]}\n"
    )
    return load(path).resolve()


def test_groups_with_the_same_label_stay_separate_boxes(tmp_path):
    resolved = _pattern(
        tmp_path,
        "[{id: east, label: Zone}, {id: west, label: Zone}]",
        "[{id: a, kind: s3.bucket, group: east}, {id: b, kind: s3.bucket, group: west}]",
    )
    dot = render(resolved).dot
    assert re.findall(r"subgraph (\w+) \{", dot) == ["cluster_east", "cluster_west"]


def test_nested_groups_nest_in_the_dot(tmp_path):
    resolved = _pattern(
        tmp_path,
        "[{id: outer, label: Account}, {id: inner, label: Lake, parent: outer}]",
        "[{id: a, kind: s3.bucket, group: inner}]",
    )
    dot = render(resolved).dot
    outer = dot.index("subgraph cluster_outer")
    inner = dot.index("subgraph cluster_inner")
    node = re.search(r"^\s*a \[label=", dot, flags=re.M).start()
    assert outer < inner < node


def test_png_and_svg_are_real_images():
    resolved = load(FIXTURES / "good" / "minimal-lake.yaml").resolve()
    drawn = render(resolved)
    assert drawn.png.startswith(b"\x89PNG\r\n\x1a\n")
    assert drawn.svg.lstrip().startswith("<?xml") and "<svg" in drawn.svg


def test_control_flows_are_dashed_and_data_flows_solid(tmp_path):
    path = tmp_path / "calls.yaml"
    path.write_text(
        "id: calls\ntitle: Calls\nsummary: For the test.\ncategory: analytics\ntopics: [T12]\n"
        "components: [{id: lake, kind: s3.bucket}, {id: crawler, kind: glue.crawler},"
        " {id: catalog, kind: glue.database, props: {database_name: lake}}]\n"
        "flows: [{from: crawler, to: lake, label: reads, type: control},"
        " {from: crawler, to: catalog, label: tables}]\n"
        "teaching: {when_to_use: [x], alternatives: [{instead: y, why_not: z}], key_facts: [k]}\n"
    )
    dot = render(load(path).resolve()).dot
    edges = dict(re.findall(r'label="\d+\. (\w+)"[^\]]*style="?(\w+)"?', dot))
    assert edges == {"reads": "dashed", "tables": "solid"}, dot
