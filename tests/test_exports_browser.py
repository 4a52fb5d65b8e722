"""The Mermaid and draw.io exports, read by the programs that read them for users.

Every pattern's diagram.mmd is rendered by Mermaid (the `mermaid` package from npm) and
every diagram.drawio is decoded by maxGraph (`@maxgraph/core`, the library draw.io's
mxGraph became), both loaded from local copies into headless Chromium. A file either
program refuses fails here, and so does one it reads into a different graph than the DOT
Graphviz draws: the same components, groups and numbered edges.

The pages that load them are served by Playwright from this machine's files (a route on
a made-up host), because a browser will not import ES modules from file://.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import chromium, npm_package
from built_catalog import dot_graph
from conftest import CATALOG

from generator.exports import export_files
from generator.render import diagram

pytestmark = pytest.mark.e2e

# Pinned: the versions these tests have read the exports with.
MERMAID = "mermaid@12.3.0"
MAXGRAPH = "@maxgraph/core@0.24.0"
HOST = "http://exports.archgen.test/"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Each pattern's diagram.dot and exports at its defaults, as a build writes them (no
    synth: the diagram and exports come from the pattern alone)."""
    out = tmp_path_factory.mktemp("exports-browser")
    for pattern in CATALOG:
        resolved = pattern.resolve({})
        (out / pattern.id).mkdir()
        (out / pattern.id / "diagram.dot").write_text(diagram.build_graph(resolved).dot.source)
        for name, text in export_files(resolved).items():
            (out / pattern.id / name).write_text(text)
    return out


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """A blank page that can load Mermaid (a global) and maxGraph (ES modules)."""
    libraries = tmp_path_factory.mktemp("npm")
    served = {
        "mermaid/": npm_package(MERMAID, libraries),
        "maxgraph/": npm_package(MAXGRAPH, libraries),
    }

    def serve(route):
        path = route.request.url.removeprefix(HOST)
        for prefix, folder in served.items():
            if path.startswith(prefix) and (folder / path.removeprefix(prefix)).is_file():
                body = (folder / path.removeprefix(prefix)).read_bytes()
                kind = "text/javascript" if path.endswith(".js") else "image/gif"
                return route.fulfill(body=body, content_type=kind)
        if path == "blank.html":
            return route.fulfill(body="<!doctype html><title>exports</title><div id=graph></div>")
        problems.append(f"not found: {route.request.url}")
        return route.fulfill(status=404, body="")

    problems: list[str] = []
    with chromium() as browser:
        page = browser.new_page()
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.route(HOST + "**", serve)
        page.goto(HOST + "blank.html")
        page.add_script_tag(url=HOST + "mermaid/dist/mermaid.min.js")
        page.evaluate("() => mermaid.initialize({startOnLoad: false})")
        page.problems = problems
        yield page


RENDER_MERMAID = """async ([id, text]) => {
  await mermaid.parse(text);  // throws on a syntax error
  const {svg} = await mermaid.render(id, text);
  const box = document.createElement('div');
  box.innerHTML = svg;
  const texts = (selector) => [...box.querySelectorAll(selector)].map(e => e.textContent.trim());
  return {
    nodes: texts('g.node'),
    edges: box.querySelectorAll('path.flowchart-link').length,
    edgeLabels: texts('g.edgeLabel'),
    clusters: texts('g.cluster-label'),
  };
}"""


@pytest.mark.parametrize("pattern", CATALOG, ids=lambda p: p.id)
def test_mermaid_renders_the_graph_graphviz_draws(built, page, pattern):
    folder = built / pattern.id
    nodes, edges, _, clusters = dot_graph(folder / "diagram.dot")
    drawn = page.evaluate(RENDER_MERMAID, [f"d-{pattern.id}", (folder / "diagram.mmd").read_text()])
    assert len(drawn["nodes"]) == len(nodes) and all(drawn["nodes"])
    assert drawn["edges"] == len(edges)
    assert sorted(drawn["edgeLabels"]) == sorted(label for _, _, label in edges)
    titles = {group.id: group.label for group in pattern.file.groups}
    assert sorted(drawn["clusters"]) == sorted(titles[c] for c in clusters)
    assert page.problems == []


DECODE_DRAWIO = """async (text) => {
  const mx = await import('HOST/maxgraph/lib/esm/index.js');
  const file = new DOMParser().parseFromString(text, 'text/xml');
  const models = file.querySelectorAll('mxfile > diagram > mxGraphModel');
  if (models.length !== 1) throw new Error(`${models.length} diagrams in the file`);
  mx.Client.setImageBasePath('HOST/maxgraph/images');  // its folding icons, from the package
  const graph = new mx.Graph(document.getElementById('graph'));
  const model = graph.getDataModel();
  new mx.ModelXmlSerializer(model).import(new XMLSerializer().serializeToString(models[0]));
  const cells = Object.values(model.cells);
  // a group is a vertex that holds others (their geometry is relative to it)
  const isContainer = (c) => c.getChildCount() > 0;
  return {
    components: cells.filter(c => c.isVertex() && !isContainer(c)).map(c => c.id),
    containers: cells.filter(c => c.isVertex() && isContainer(c)).map(c => c.id),
    edges: cells.filter(c => c.isEdge()).map(c => [c.source?.id, c.target?.id, c.value]),
  };
}""".replace("HOST/", HOST)


@pytest.mark.parametrize("pattern", CATALOG, ids=lambda p: p.id)
def test_drawio_decodes_to_the_graph_graphviz_draws(built, page, pattern):
    folder = built / pattern.id
    nodes, edges, _, clusters = dot_graph(folder / "diagram.dot")
    decoded = page.evaluate(DECODE_DRAWIO, (folder / "diagram.drawio").read_text())
    assert sorted(decoded["components"]) == sorted(nodes)
    assert sorted(decoded["containers"]) == sorted(f"group-{c}" for c in clusters)
    assert sorted(map(tuple, decoded["edges"])) == sorted(edges)
    assert page.problems == []
