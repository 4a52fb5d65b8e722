"""The gallery in a real browser: headless Chromium from the OS through Playwright.

Every page is opened from file:// and must load without a console error, a failed
request or any request outside file:// (inline SVG icons are data: URIs). Then what a
reader does: filter and search the index, click a diagram's components, switch variant
tabs, use the keyboard, and read it all with JavaScript off. Expected values come from
the pattern files and templates, never from the page under test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import chromium
from built_catalog import assemble
from conftest import CATALOG

from generator.render.gallery import SITE, write_site

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site(synthesized, tmp_path_factory) -> Path:
    out = assemble(synthesized, CATALOG, tmp_path_factory.mktemp("browser"))
    write_site(out, CATALOG[0].path.parent)
    return out


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


class Watched:
    """A page whose console errors, page errors and requests are recorded."""

    def __init__(self, browser, **options):
        # reduced motion: the page jumps at once (its CSS scrolls smoothly only on request)
        self.page = browser.new_page(
            viewport={"width": 1280, "height": 900}, reduced_motion="reduce", **options
        )
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def _console(self, message):
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def open(self, path: Path):
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def check_clean(self):
        outside = [u for u in self.requests if not u.startswith(("file://", "data:"))]
        assert not outside, outside
        assert not self.problems, self.problems


def all_pages(site: Path) -> list[Path]:
    return [site / "index.html", *sorted((site / SITE).glob("*.html"))]


DECODE_ALL_IMAGES = """() => {
  const images = [...document.images];
  images.forEach(i => { i.loading = 'eager'; });
  const late = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('images not decoded after 30 s')), 30000));
  return Promise.race([Promise.all(images.map(i => i.decode())), late]);
}"""


def test_every_page_loads_from_file_with_no_error_and_no_network(site, browser):
    for path in all_pages(site):
        watched = Watched(browser)
        page = watched.open(path)
        images = page.eval_on_selector_all(
            "img", "els => els.map(e => [e.getAttribute('src'), e.complete && e.naturalWidth > 0])"
        )
        # Load the thumbnails the index defers (loading="lazy": one below the fold would
        # never decode), then wait for every image, at most 30 s: evaluate has no timeout.
        page.evaluate(DECODE_ALL_IMAGES)
        watched.check_clean()
        assert all(
            ok
            for _, ok in page.eval_on_selector_all(
                "img", "els => els.map(e => [e.src, e.naturalWidth > 0])"
            )
        ), images
        stylesheets = page.evaluate("() => document.styleSheets.length")
        assert stylesheets == 2, path.name
        page.close()


@pytest.mark.parametrize("width", [1280, 800, 390])
def test_no_page_scrolls_sideways_on_a_laptop_a_tablet_or_a_phone(site, browser, width):
    # Long logical ids, construct paths, rule ids and key patterns wrap; only the code and
    # template panes (and, on a phone, wide tables) scroll sideways, inside their own box.
    wide = {}
    page = browser.new_page(viewport={"width": width, "height": 900})
    for path in all_pages(site):
        page.goto(path.resolve().as_uri())
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client:
            wide[path.name] = scroll
    page.close()
    assert not wide, f"wider than {width} px: {wide}"


def visible_cards(page) -> list[str]:
    return page.eval_on_selector_all(
        ".card", "cards => cards.filter(c => !c.hidden).map(c => c.id.slice(5))"
    )


def teaching_text(pattern) -> str:
    f = pattern.file
    t = f.teaching
    texts = [f.title, f.summary, *t.when_to_use, *(k.fact for k in t.key_facts)]
    texts += [a.instead + " " + a.why_not for a in t.alternatives]
    texts += [c.notes_say + " " + c.today for c in t.changed_since_notes]
    return " ".join(texts).lower()


def test_filters_and_search_change_what_the_index_shows(site, browser):
    watched = Watched(browser)
    page = watched.open(site / "index.html")
    everything = sorted(p.id for p in CATALOG)
    assert sorted(visible_cards(page)) == everything
    for pattern in CATALOG:
        page.select_option("#category", pattern.file.category)
        assert sorted(visible_cards(page)) == sorted(
            p.id for p in CATALOG if p.file.category == pattern.file.category
        )
        page.select_option("#category", "")
        topic = pattern.file.topics[-1]
        page.select_option("#topic", topic)
        assert sorted(visible_cards(page)) == sorted(
            p.id for p in CATALOG if topic in p.file.topics
        )
        page.select_option("#topic", "")
        kind = pattern.resolve({}).components[-1].kind.name
        page.select_option("#kind", kind)
        assert sorted(visible_cards(page)) == sorted(
            p.id for p in CATALOG if kind in {c.kind.name for c in p.resolve({}).components}
        )
        page.select_option("#kind", "")
    # a word of one pattern's teaching text finds the patterns whose teaching text has it
    word = "airflow"
    page.fill("#q", word)
    expected = sorted(p.id for p in CATALOG if word in teaching_text(p))
    assert expected and expected != everything
    assert sorted(visible_cards(page)) == expected
    assert page.inner_text("#shown") == f"{len(expected)} of {len(CATALOG)} patterns shown"
    page.fill("#q", "zzzz-no-such-pattern")
    assert visible_cards(page) == []
    assert page.is_visible("#none")
    page.click("button[type=reset]")
    page.wait_for_function(
        f"document.querySelectorAll('.card:not([hidden])').length == {len(CATALOG)}"
    )
    watched.check_clean()


@pytest.mark.parametrize("pattern", CATALOG, ids=lambda p: p.id)
def test_clicking_a_component_shows_its_resources_and_scrolls_to_its_code(site, browser, pattern):
    resolved = pattern.resolve({})
    template = json.loads((site / pattern.id / "template.json").read_text())
    watched = Watched(browser)
    page = watched.open(site / SITE / f"{pattern.id}.html")
    boxed = {g.component for g in resolved.groups if g.component}
    drawn = [c for c in resolved.components if c.id not in boxed]
    assert drawn
    for comp in drawn:
        expected = sorted(
            logical_id
            for logical_id, res in template["Resources"].items()
            if res["Metadata"]["aws:cdk:path"].split("/")[1] == comp.construct_id
        )
        page.evaluate("window.scrollTo(0, 0)")
        node = page.locator(
            ".diagram-built g.node", has=page.locator(f"title:text-is('{comp.id}')")
        )
        node.click()
        assert page.is_visible("#inspector")
        assert page.inner_text("#inspector-title") == comp.label
        shown = sorted(
            page.eval_on_selector_all(
                "#inspector-resources code", "els => els.map(e => e.textContent)"
            )
        )
        assert shown == expected, comp.id
        if expected:
            line = page.get_attribute("#inspector-code", "href").removeprefix("#")
            # the scroll may be smooth (CSS), so wait for the line to arrive in view
            page.wait_for_function(
                "id => { const r = document.getElementById(id).getBoundingClientRect();"
                " return r.top >= -2 && r.bottom <= window.innerHeight + 2; }",
                arg=line,
                timeout=5000,
            )
            code_line = page.evaluate(
                "id => document.getElementById(id).parentElement.textContent", line
            )
            assert f"class {comp.construct_id}(" in code_line
    # the keyboard does the same: focus a node, press Enter
    page.click("#inspector .close")
    assert not page.is_visible("#inspector")
    first = drawn[0]
    node = page.locator(".diagram-built g.node", has=page.locator(f"title:text-is('{first.id}')"))
    node.focus()
    page.keyboard.press("Enter")
    assert page.inner_text("#inspector-title") == first.label
    watched.check_clean()


def test_variant_tabs_show_one_diagram_at_a_time(site, browser):
    pattern = max(CATALOG, key=lambda p: len(p.file.parameters))
    watched = Watched(browser)
    page = watched.open(site / SITE / f"{pattern.id}.html")
    tabs = page.locator("[role=tab]")
    assert tabs.count() > 1
    for i in range(tabs.count()):
        tabs.nth(i).click()
        visible = page.eval_on_selector_all(
            "[role=tabpanel]", "ps => ps.filter(p => !p.hidden).map(p => p.id)"
        )
        assert visible == [tabs.nth(i).get_attribute("aria-controls")]
    tabs.nth(0).focus()
    page.keyboard.press("ArrowRight")
    assert tabs.nth(1).get_attribute("aria-selected") == "true"
    watched.check_clean()


def test_pages_read_without_javascript(site, browser):
    watched = Watched(browser, java_script_enabled=False)
    page = watched.open(site / "index.html")
    assert len(visible_cards(page)) == len(CATALOG)
    assert not page.is_visible("#filters")  # the filters appear only when they work
    for pattern in CATALOG:
        page = watched.open(site / SITE / f"{pattern.id}.html")
        panels = page.locator("[role=tabpanel]")
        assert all(panels.nth(i).is_visible() for i in range(panels.count()))
        assert page.is_visible("#components") and page.is_visible("#code")
        assert not page.is_visible("#inspector")
    watched.check_clean()


def test_self_test_reveals_the_answer_the_data_gives(site, browser):
    from generator.quiz import questions

    found = questions([p.file for p in CATALOG])
    titles = {p.id: p.file.title for p in CATALOG}
    watched = Watched(browser)
    page = watched.open(site / SITE / "self-test.html")
    for q in (
        next(q for q in found if q.kind == "scenario"),
        next(q for q in found if q.kind == "why-not"),
    ):
        item = page.locator(f"#{q.id}")
        answer = item.locator(".answer")
        assert not answer.is_visible()
        item.locator("summary").click()
        assert answer.is_visible()
        expected = titles[q.answer] if q.kind == "scenario" else " ".join(q.answer.split())
        assert expected in " ".join(answer.inner_text().split())
    watched.check_clean()
