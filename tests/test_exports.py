"""Mermaid and draw.io exports: parsed from the files a build writes, compared with the DOT.

The DOT is read by Graphviz itself (built_catalog.dot_graph), the draw.io file by an XML
parser, and the Mermaid file by the small reader below, which knows the few statements
archgen writes and refuses any other line, so a malformed file fails here. The real
readers (Mermaid and maxGraph in Chromium) check the same files in
test_exports_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from built_catalog import assemble, dot_graph
from conftest import CATALOG

from generator.exports import mermaid_group_id, mermaid_id


@pytest.fixture(scope="module")
def built(synthesized, tmp_path_factory) -> Path:
    return assemble(synthesized, CATALOG, tmp_path_factory.mktemp("exports"))


MERMAID_NODE = re.compile(r'^\s*(\w+)\["([^"]*)"\]$')
MERMAID_EDGE = re.compile(r'^\s*(\w+) (-->|-\.->)\|"([^"]*)"\| (\w+)$')
MERMAID_SUBGRAPH = re.compile(r'^\s*subgraph (\w+)\["([^"]*)"\]$')


def read_mermaid(text: str) -> dict:
    """Nodes with their subgraph, edges with their arrow, subgraphs, classes of a .mmd."""
    lines = text.splitlines()
    assert lines[0] == "---" and lines[2] == "---" and lines[1].startswith("title: ")
    assert lines[4] == "flowchart LR"
    nodes, edges, subgraphs, classes, stack = {}, [], {}, {}, []
    for line in lines[5:]:
        if m := MERMAID_SUBGRAPH.match(line):
            subgraphs[m.group(1)] = stack[-1] if stack else None
            stack.append(m.group(1))
        elif line.strip() == "end":
            stack.pop()
        elif m := MERMAID_NODE.match(line):
            nodes[m.group(1)] = stack[-1] if stack else None
        elif m := MERMAID_EDGE.match(line):
            edges.append((m.group(1), m.group(4), m.group(3), m.group(2)))
        elif m := re.match(
            r"^\s*classDef (\w+) fill:#[0-9A-F]{6},stroke:#[0-9A-F]{6},color:#[0-9A-F]{6}$", line
        ):
            classes.setdefault(m.group(1), [])
        elif m := re.match(r"^\s*class ([\w,]+) (\w+)$", line):
            classes[m.group(2)] += m.group(1).split(",")
        else:
            pytest.fail(f"a line the Mermaid export should not have: {line!r}")
    assert not stack, "a subgraph is not closed"
    return {"nodes": nodes, "edges": edges, "subgraphs": subgraphs, "classes": classes}


@pytest.mark.parametrize("pattern", CATALOG, ids=lambda p: p.id)
def test_mermaid_has_the_nodes_edges_and_groups_of_the_dot(built, pattern):
    folder = built / pattern.id
    nodes, edges, styles, clusters = dot_graph(folder / "diagram.dot")
    mmd = read_mermaid((folder / "diagram.mmd").read_text())
    assert set(mmd["nodes"]) == {mermaid_id(n) for n in nodes}
    assert {(s, t, label) for s, t, label, _ in mmd["edges"]} == {
        (mermaid_id(s), mermaid_id(t), label) for s, t, label in edges
    }
    assert len(mmd["edges"]) == len(edges)
    for _, _, label, arrow in mmd["edges"]:
        assert (arrow == "-.->") == (styles[label] == "dashed"), label
    assert set(mmd["subgraphs"]) == {mermaid_group_id(c) for c in clusters}
    # every node is in exactly one class, and the classes are service categories
    members = [m for ms in mmd["classes"].values() for m in ms]
    assert sorted(members) == sorted(mmd["nodes"])
    # edge labels are numbered 1..n in the order they are listed
    numbers = [int(label.split(".")[0]) for _, _, label, _ in mmd["edges"]]
    assert numbers == sorted(numbers)


@pytest.mark.parametrize("pattern", CATALOG, ids=lambda p: p.id)
def test_drawio_has_one_cell_per_component_and_edge_and_groups_as_containers(built, pattern):
    folder = built / pattern.id
    nodes, edges, styles, clusters = dot_graph(folder / "diagram.dot")
    text = (folder / "diagram.drawio").read_text()
    root = ET.fromstring(text)  # uncompressed: plain XML all the way down
    assert root.tag == "mxfile"
    cells = root.findall("./diagram/mxGraphModel/root/mxCell")
    by_id = {c.get("id"): c for c in cells}
    assert len(by_id) == len(cells), "cell ids are unique"
    vertices = [c for c in cells if c.get("vertex") == "1"]
    containers = {c.get("id") for c in vertices if "container=1" in c.get("style", "")}
    components = {c.get("id") for c in vertices if c.get("id") not in containers}
    assert components == nodes
    assert containers == {f"group-{c}" for c in clusters}
    drawn_edges = [c for c in cells if c.get("edge") == "1"]
    assert {(c.get("source"), c.get("target"), c.get("value")) for c in drawn_edges} == edges
    assert len(drawn_edges) == len(edges)
    for cell in drawn_edges:
        assert ("dashed=1" in cell.get("style")) == (styles[cell.get("value")] == "dashed")
    for cell in vertices:
        parent = cell.get("parent")
        assert parent == "1" or parent in containers, cell.get("id")
        geometry = cell.find("mxGeometry")
        assert geometry is not None and float(geometry.get("width")) > 0
        style = cell.get("style")
        if cell.get("id") in components:
            assert "mxgraph.aws4." in style or "rounded=1" in style, style
    # a child lies inside its container (coordinates are relative to it)
    for cell in vertices:
        if cell.get("parent") in containers:
            g, pg = cell.find("mxGeometry"), by_id[cell.get("parent")].find("mxGeometry")
            assert (
                0 <= float(g.get("x"))
                and float(g.get("x")) + float(g.get("width")) <= float(pg.get("width")) + 1
            ), cell.get("id")


@pytest.mark.parametrize("pattern", CATALOG, ids=lambda p: p.id)
def test_teaching_page_embeds_the_mermaid_file(built, pattern):
    folder = built / pattern.id
    mmd = (folder / "diagram.mmd").read_text()
    assert f"```mermaid\n{mmd}```" in (folder / "README.md").read_text()
