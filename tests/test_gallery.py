"""The gallery, read as files: every page and link, the study map, the inspector's data.

The browser tests (tests/test_gallery_browser.py, e2e) check what a reader sees and does;
these check what the site says, quickly, from the built catalog.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from built_catalog import assemble
from conftest import CATALOG

from generator.errors import ArchgenError
from generator.render.gallery import SITE, write_site
from generator.topics import TOPICS


class Page(HTMLParser):
    """Links, assets, element ids and inline scripts of one HTML page."""

    def __init__(self, text: str):
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: dict[str, str] = {}
        self._script: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag in ("img", "script") and "src" in a:
            self.assets.append(a["src"])
        if tag == "link" and "href" in a:
            self.assets.append(a["href"])
        if tag == "script" and a.get("type") == "application/json":
            self._script = a["id"]
            self.scripts[self._script] = ""

    def handle_data(self, data):
        if self._script:
            self.scripts[self._script] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


@pytest.fixture(scope="module")
def site(synthesized, tmp_path_factory) -> Path:
    out = assemble(synthesized, CATALOG, tmp_path_factory.mktemp("gallery"))
    index = write_site(out, CATALOG[0].path.parent)
    assert index == out / "index.html"
    return out


def pages(site: Path) -> list[Path]:
    return [site / "index.html", *sorted((site / SITE).glob("*.html"))]


def test_a_page_per_pattern_and_a_card_each(site):
    assert {p.stem for p in (site / SITE).glob("*.html")} == {p.id for p in CATALOG} | {
        "study-map",
        "self-test",
    }
    index = Page((site / "index.html").read_text())
    cards = [a for tag, a in index.tags if tag == "article" and "card" in a.get("class", "")]
    assert [c["id"].removeprefix("card-") for c in cards] == sorted(p.id for p in CATALOG)
    for card, pattern in zip(cards, sorted(CATALOG, key=lambda p: p.id), strict=True):
        assert card["data-category"] == pattern.file.category
        assert card["data-topics"].split() == pattern.file.topics
        assert pattern.file.title.lower() in card["data-text"]
        assert pattern.file.teaching.when_to_use[0].lower()[:40] in card["data-text"]
    thumbs = [a for tag, a in index.tags if tag == "img"]
    assert len(thumbs) == len(CATALOG) and all(t["src"].endswith("/diagram.png") for t in thumbs)


def test_every_link_and_asset_resolves_and_nothing_loads_from_the_network(site):
    parsed: dict[Path, Page] = {}

    def read(path: Path) -> Page:
        if path not in parsed:
            parsed[path] = Page(path.read_text())
        return parsed[path]

    for path in pages(site):
        page = read(path)
        for ref in page.assets:
            assert not urlsplit(ref).scheme and not ref.startswith("//"), (path.name, ref)
        for ref in page.links + page.assets:
            parts = urlsplit(ref)
            if parts.scheme == "https":
                assert parts.netloc in ("docs.aws.amazon.com", "aws.amazon.com"), ref
                continue
            assert not parts.scheme, ref
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file(), (path.name, ref)
            if parts.fragment:
                assert parts.fragment in read(target).ids, (path.name, ref)


def test_study_map_shows_every_topic_and_the_gaps(site):
    page = (site / SITE / "study-map.html").read_text()
    rows = dict(re.findall(r'<tr id="(T\d\d)" class="(\w+)">', page))
    assert list(rows) == list(TOPICS)
    built = {t for p in CATALOG for t in p.file.topics}
    contrasted = {
        t
        for p in CATALOG
        for t in [
            *(t for a in p.file.teaching.alternatives for t in a.topics),
            *(t for c in p.file.teaching.changed_since_notes for t in c.topics),
        ]
    }
    for topic, state in rows.items():
        expected = "built" if topic in built else "contrasted" if topic in contrasted else "gap"
        assert state == expected, topic
    assert page.count("Gap: no pattern yet") == sum(1 for s in rows.values() if s == "gap")


@pytest.mark.parametrize("pattern", CATALOG, ids=lambda p: p.id)
def test_pattern_page_data_matches_the_template_and_the_code(site, pattern):
    text = (site / SITE / f"{pattern.id}.html").read_text()
    page = Page(text)
    data = json.loads(page.scripts["components-data"])
    template = json.loads((site / pattern.id / "template.json").read_text())
    resolved = pattern.resolve({})
    stack = (site / pattern.id / "cdk" / f"{resolved.module_name}.py").read_text().splitlines()
    assert set(data) == {c.id for c in resolved.components}
    owned = [r["logicalId"] for comp in data.values() for r in comp["resources"]]
    assert len(owned) == len(set(owned))
    for comp in resolved.components:
        entry = data[comp.id]
        for res in entry["resources"]:
            path = template["Resources"][res["logicalId"]]["Metadata"]["aws:cdk:path"]
            assert path.split("/")[1] == comp.construct_id
            assert template["Resources"][res["logicalId"]]["Type"] == res["type"]
        if not comp.kind.is_external():
            assert entry["resources"], comp.id
            assert stack[entry["line"] - 1].startswith(f"class {comp.construct_id}("), comp.id
            assert f"code-{entry['line']}" in page.ids
    # the clickable diagram is the build's own: its nodes are the components drawn
    built_svg = text[text.index('class="variant diagram-built"') :]
    built_svg = built_svg[: built_svg.index("</svg>")]
    titles = set(re.findall(r'<g id="node\d+" class="node">\s*<title>(\w+)</title>', built_svg))
    boxed = {g.component for g in resolved.groups if g.component}
    assert titles == {c.id for c in resolved.components} - boxed
    for name in ("diagram.png", "diagram.svg", "diagram.mmd", "diagram.drawio", "template.json"):
        assert f"../{pattern.id}/{name}" in page.links
    assert f"archgen new {pattern.id} " in text
    for fact in pattern.file.teaching.key_facts:
        assert fact.fact.split()[0] in text


def test_variant_tabs_are_the_structurally_different_diagrams(site):
    for pattern in CATALOG:
        text = (site / SITE / f"{pattern.id}.html").read_text()
        panels = re.findall(r'role="tabpanel"', text)
        structures = set()
        from generator.variants import variants

        for values in variants(pattern):
            r = pattern.resolve(values)
            structures.add(
                (
                    tuple(c.id for c in r.components),
                    tuple((f.source.id, f.target.id, f.label, f.type) for f in r.flows),
                    tuple(g.id for g in r.groups),
                )
            )
        assert len(panels) == len(structures), pattern.id


def test_an_edited_page_is_not_replaced_without_force(site):
    page = site / SITE / "study-map.html"
    page.write_text(page.read_text() + "<!-- mine -->")
    with pytest.raises(ArchgenError, match="files changed or added"):
        write_site(site, CATALOG[0].path.parent)
    write_site(site, CATALOG[0].path.parent, force=True)
    assert "<!-- mine -->" not in page.read_text()


def test_an_index_archgen_did_not_write_is_kept(tmp_path, site):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<p>my own page</p>")
    import shutil

    shutil.copytree(site / CATALOG[0].id, out / CATALOG[0].id)
    with pytest.raises(ArchgenError, match="archgen did not write it"):
        write_site(out, CATALOG[0].path.parent)
    assert (out / "index.html").read_text() == "<p>my own page</p>"
    assert not (out / SITE).exists()


def test_gallery_command_without_a_build_is_a_one_line_error(run, tmp_path):
    result = run("gallery", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "no built pattern to show" in result.output and "archgen build --all" in result.output


def test_self_test_page_answers_are_the_patterns_data(site):
    from generator.quiz import questions

    text = (site / SITE / "self-test.html").read_text()
    found = questions([p.file for p in CATALOG])
    shown = re.findall(
        r'<li id="([\w-]+)" class="question" data-kind="([\w-]+)" data-answer="([\w-]*)">', text
    )
    assert [q for q, _, _ in shown] == [q.id for q in found]
    for (_, kind, answer), q in zip(shown, found, strict=True):
        assert kind == q.kind
        if kind == "scenario":
            # the answer is the pattern whose when_to_use holds the scenario
            assert [
                p.id for p in CATALOG if any(w in q.prompt for w in p.file.teaching.when_to_use)
            ] == [answer]
    assert text.count("<details>") == len(found)


def test_folders_the_gallery_cannot_explain_are_left_out_with_a_note(tmp_path, site):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(site / CATALOG[0].id, out / CATALOG[0].id)
    shutil.copytree(site / CATALOG[1].id, out / "partial")
    (out / "partial" / "template.json").unlink()  # as `archgen diagram` alone leaves it
    shutil.copytree(site / CATALOG[2].id, out / "elsewhere")
    info = out / "elsewhere" / "archgen.json"
    info.write_text(info.read_text().replace(CATALOG[2].id, "a-pattern-of-another-folder"))
    notes: list[str] = []
    write_site(out, CATALOG[0].path.parent, note=notes.append)
    assert sorted(p.stem for p in (out / SITE).glob("*.html")) == sorted(
        [CATALOG[0].id, "study-map", "self-test"]
    )
    assert len(notes) == 2
    assert "partial: no template.json" in notes[0] or "partial: no template.json" in notes[1]
    assert any("elsewhere" in n and "a-pattern-of-another-folder" in n for n in notes)
