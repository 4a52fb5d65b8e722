"""Draw a resolved pattern with `diagrams` on Graphviz.

One node per active component (except components drawn as a group's box),
one edge per active flow with its step number, one cluster per group. Node
ids are component ids, so the DOT is the same on every run. Three files:

- diagram.dot: the Graphviz source, icon paths relative to site-packages so
  the file does not carry this machine's paths;
- diagram.png;
- diagram.svg with every icon embedded as a data URI, so it renders the same
  on any machine (the `diagrams` SVG points at absolute local paths).
"""

from __future__ import annotations

import base64
import html
import importlib
import re
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import graphviz

from generator.errors import ArchgenError
from generator.loader import Resolved
from generator.model import Group

GROUP_STYLES = {
    "aws": {"bgcolor": "#FFFFFF", "pencolor": "#232F3E", "style": "rounded"},
    "vpc": {"bgcolor": "#F2F8EE", "pencolor": "#3F8624", "style": "rounded"},
    "subnet": {"bgcolor": "#E6F2F8", "pencolor": "#147EBA", "style": "rounded,dashed"},
    "on-premises": {"bgcolor": "#F4F4F4", "pencolor": "#7D8998", "style": "rounded,dashed"},
    "lake": {"bgcolor": "#EAF4FB", "pencolor": "#00A4A6", "style": "rounded"},
    "plain": {"bgcolor": "#FAFAFA", "pencolor": "#AEB6BE", "style": "rounded"},
}
GRAPH_ATTRS = {
    "pad": "0.4",
    "nodesep": "0.7",
    "ranksep": "1.0",
    "fontsize": "18",
    "splines": "spline",
}
EDGE_ATTRS = {"fontsize": "11", "fontcolor": "#232F3E", "color": "#545B64", "decorate": "true"}


@dataclass(frozen=True)
class DiagramFiles:
    dot: str
    png: bytes
    svg: str


def _node_class(module: str, name: str) -> type:
    return getattr(importlib.import_module(module), name)


def _wrap(label: str) -> str:
    return "\n".join(textwrap.wrap(label, width=14)) or label


@contextmanager
def _diagram_context(diagram):
    from diagrams import setcluster, setdiagram

    setdiagram(diagram)
    try:
        yield diagram
    finally:
        setcluster(None)
        setdiagram(None)


def build_graph(resolved: Resolved):
    """The `diagrams` Diagram of a resolved pattern, not yet rendered."""
    from diagrams import Cluster, Diagram, Edge

    boxed = {g.component for g in resolved.groups if g.component}
    diagram = Diagram(
        name=resolved.file.title,
        filename="diagram",
        direction="LR",
        show=False,
        graph_attr=GRAPH_ATTRS,
        edge_attr=EDGE_ATTRS,
    )
    nodes = {}

    def add_components(group_id: str | None) -> None:
        for comp in resolved.components:
            if comp.spec.group == group_id and comp.id not in boxed:
                node_class = _node_class(comp.kind.icon.module, comp.kind.icon.name)
                nodes[comp.id] = node_class(_wrap(comp.label), nodeid=comp.id)

    def add_group(group: Group) -> None:
        with Cluster(group.label, graph_attr=GROUP_STYLES[group.style]) as cluster:
            cluster.dot.name = f"cluster_{group.id}"  # by id: two groups may share a label
            add_components(group.id)
            for child in resolved.groups:
                if child.parent == group.id:
                    add_group(child)

    with _diagram_context(diagram):
        add_components(None)
        for group in resolved.groups:
            if group.parent is None:
                add_group(group)
        joined: set[tuple[str, str]] = set()
        for flow in resolved.flows:
            source, target = flow.source.id, flow.target.id
            if source in nodes and target in nodes:
                # A call or trigger (control) is dashed; data moves along solid arrows.
                style = "dashed" if flow.type == "control" else "solid"
                edge = Edge(label=flow.label, style=style)
                if (target, source) in joined:
                    # The way back between two nodes already joined: the edge runs the
                    # same way as the first (its arrowhead at its tail, dir=back), so
                    # Graphviz lays the two side by side, labels apart, not on one line.
                    nodes[target] << edge << nodes[source]
                else:
                    nodes[source] >> edge >> nodes[target]
                joined.add((source, target))
    if {flow.type for flow in resolved.flows} == {"data", "control"}:
        diagram.dot.attr(label=_title_with_legend(resolved.file.title))
    return diagram


def _title_with_legend(title: str) -> str:
    """The title under the diagram, with a legend line when both kinds of arrow occur.

    A label rather than legend nodes, so that the diagram's nodes and edges stay the
    pattern's own (the Mermaid and draw.io exports are checked against them).
    """
    return (
        f"<{html.escape(title)}<BR/>"
        '<FONT POINT-SIZE="12" COLOR="#545B64">'
        "\u2500\u2500\u2500\u25b6 data moves this way"
        "&#160;&#160;&#160;&#160;&#160;"
        "\u2013 \u2013 \u2013\u25b6 a call or trigger: no data moves along it"
        "</FONT>>"
    )


def _icons_root() -> str:
    import diagrams

    return str(Path(diagrams.__file__).resolve().parent.parent) + "/"


def _embed_icons(svg: str) -> str:
    def data_uri(match: re.Match) -> str:
        data = base64.b64encode(Path(match.group(1)).read_bytes()).decode()
        return f'xlink:href="data:image/png;base64,{data}"'

    return re.sub(r'xlink:href="([^"]+\.png)"', data_uri, svg)


def render(resolved: Resolved) -> DiagramFiles:
    return draw(resolved, build_graph(resolved))


def draw(resolved: Resolved, diagram) -> DiagramFiles:
    """The files of a diagram build_graph made. Graphviz runs in processes of its own, so
    several diagrams may be drawn at once from threads (build_graph itself may not: the
    `diagrams` library keeps the diagram being built in a global)."""
    graph = diagram.dot
    try:
        png = graph.pipe(format="png", quiet=True)
        svg = _embed_icons(graph.pipe(format="svg", encoding="utf-8", quiet=True))
    except graphviz.ExecutableNotFound:
        raise ArchgenError(
            "Graphviz is not installed (no `dot` on PATH), so the diagram cannot be drawn",
            suggestion="run scripts/setup, or install the OS package graphviz",
        ) from None
    header = (
        f"// {resolved.file.title}: pattern {resolved.id}, generated by archgen.\n"
        "// Icon paths are relative to the site-packages folder of the `diagrams` package,\n"
        "// or to archgen's own package (generator/icons/) for the icons it draws itself.\n"
    )
    from generator.icons import ICONS_DIR

    own = str(ICONS_DIR.parent.parent) + "/"
    dot = header + graph.source.replace(_icons_root(), "").replace(own, "")
    return DiagramFiles(dot=dot, png=png, svg=svg)
