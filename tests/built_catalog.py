"""A built output folder of the catalog at its defaults, for the gallery and export tests.

A real `archgen build --all` synthesizes every stack again (a minute or two), so the
fast tests assemble the folders the way generator.build writes them, from the session's
synthesized variants (conftest.synthesized): the same code, templates, checks and
pages; only the one-App synth is shared. The browser tests run the real command.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from generator.build import build_info, findings_json
from generator.checks import run_checks
from generator.exports import export_files
from generator.lint import template_text
from generator.outputs import replace_folder, write_files
from generator.render import diagram, docs


def assemble(synthesized: dict, catalog, out_dir: Path) -> Path:
    """out_dir with one folder per catalog pattern, as `archgen build --all` leaves it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for pattern in catalog:
        item = synthesized[f"{pattern.id}[defaults]"]
        resolved, synthed = item.resolved, item.result
        folder = out_dir / f".staging-{pattern.id}"
        code = {
            p.relative_to(item.code_dir).as_posix(): p.read_text(encoding="utf-8")
            for p in item.code_dir.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and "cdk.out" not in p.parts
        }
        write_files(folder / "cdk", code)
        drawn = diagram.render(resolved)
        (folder / "diagram.png").write_bytes(drawn.png)
        files = {"diagram.svg": drawn.svg, "diagram.dot": drawn.dot} | export_files(resolved)
        findings = run_checks(resolved, synthed)
        files |= {
            "archgen.json": build_info(resolved),
            "template.json": template_text(synthed.template),
            "findings.json": findings_json(resolved, findings, synthed.acknowledged),
            "README.md": docs.teaching_page(
                resolved, synthed.template, findings, synthed.acknowledged
            ),
        }
        write_files(folder, files)
        replace_folder(folder, out_dir / pattern.id)
    return out_dir


def dot_graph(path: Path) -> tuple[set[str], set[tuple[str, str, str]], dict[str, str], set[str]]:
    """Nodes, (from, to, label) edges, edge styles by label, and cluster names of a DOT file."""
    out = subprocess.run(
        ["dot", "-Tjson0", str(path)], capture_output=True, text=True, check=True
    ).stdout
    graph = json.loads(out)
    objects = graph.get("objects", [])
    names = {o["_gvid"]: o["name"] for o in objects}
    nodes = {o["name"] for o in objects if not o["name"].startswith("cluster_")}
    clusters = {
        o["name"].removeprefix("cluster_") for o in objects if o["name"].startswith("cluster_")
    }
    edges, styles = set(), {}
    for e in graph.get("edges", []):
        tail, head = names[e["tail"]], names[e["head"]]
        if e.get("dir") == "back":  # drawn the other way round: the data moves head to tail
            tail, head = head, tail
        edges.add((tail, head, e["label"]))
        styles[e["label"]] = e.get("style", "solid")
    return nodes, edges, styles, clusters
