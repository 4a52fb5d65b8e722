"""The static, offline gallery of a built output folder: index, pattern pages, study map.

The site is made from what an output folder holds (each `<id>/archgen.json` names the
pattern and the parameters of its build), so `archgen gallery` can remake it without
building anything, and `archgen build` remakes it after every build. It is plain HTML
with one CSS and one JS file from templates/gallery/: no CDN and no server, so it opens
from file://. Everything the scripts need is inlined in the page (a browser refuses to
fetch files from file://), and every page reads without JavaScript: the filters, tabs
and the component inspector only enhance it.

Layout: `<out>/index.html`, and `<out>/_gallery/` with one page per pattern, the study
map, the self-test (generator.quiz) and the assets. `_gallery` cannot be a pattern id
(ids are slugs), so the site never collides with a pattern folder. Like a pattern folder
it is staged and moved into place whole, with a manifest, and a page someone edited is
not replaced without --force.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape
from pygments.formatters import HtmlFormatter

from generator import TEMPLATES_DIR, __version__, citations
from generator.errors import ArchgenError
from generator.inventory import resources_by_component
from generator.loader import Pattern, Resolved, find_pattern, load
from generator.outputs import MANIFEST, check_not_edited, staging_dir, write_manifest
from generator.quiz import questions
from generator.render import highlight as highlight_module
from generator.render.highlight import Highlighter, highlighted
from generator.topics import TOPICS
from generator.variants import variants

SITE = "_gallery"
INDEX = "index.html"
ASSETS = ("gallery.css", "gallery.js")
# index.html sits beside the pattern folders, outside the manifest of _gallery/: this
# marker tells a page archgen wrote from one a user put there.
MARKER = '<meta name="generator" content="archgen gallery">'
DOWNLOADS = (
    ("diagram.png", "PNG"),
    ("diagram.svg", "SVG"),
    ("diagram.mmd", "Mermaid"),
    ("diagram.drawio", "draw.io"),
    ("diagram.dot", "Graphviz DOT"),
    ("template.json", "CloudFormation template"),
    ("findings.json", "findings"),
    ("README.md", "teaching page (Markdown)"),
)


@dataclass
class Variant:
    """One structurally different diagram of a pattern: a tab on its page."""

    name: str
    values: dict[str, bool | int | str]
    svg: str
    built: bool = False

    @property
    def params(self) -> str:
        return _variant_name(self.values)


@dataclass
class Entry:
    """One built pattern folder, with everything its page shows."""

    resolved: Resolved
    folder: Path
    template: dict
    findings: dict
    stack_code: str
    variants: list[Variant] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.resolved.id

    @property
    def file(self):
        return self.resolved.file


# What a whole build leaves in a pattern folder (`archgen diagram` or `synth` alone write
# part of it): the gallery shows only folders that have all of these.
BUILT = ("archgen.json", "diagram.svg", "template.json", "findings.json")


def built_folders(out_dir: Path) -> list[Path]:
    """Pattern folders of an output folder: those with the archgen.json a build writes."""
    if not out_dir.is_dir():
        return []
    return sorted(p for p in out_dir.iterdir() if (p / "archgen.json").is_file())


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArchgenError(
            f"cannot read {path.name}: {exc}",
            file=path,
            suggestion="rebuild the pattern with `archgen build`",
        ) from None


def _svg_body(svg: str) -> str:
    """An SVG file as an inline element: without the XML prolog and doctype."""
    return svg[svg.index("<svg") :]


def _structure(resolved: Resolved) -> tuple:
    return (
        tuple(c.id for c in resolved.components),
        tuple((f.source.id, f.target.id, f.label, f.type) for f in resolved.flows),
        tuple(g.id for g in resolved.groups),
    )


def _variant_name(values: dict) -> str:
    return ", ".join(f"{k}={str(v).lower()}" for k, v in values.items()) or "defaults"


def structural_variants(pattern: Pattern, resolved: Resolved, svg: str) -> list[Variant]:
    """The build's own diagram, then one per parameter variant that draws differently.

    Variants come from generator.variants (each parameter moved on its own, then all);
    two that give the same components, flows and groups draw the same, so one stays.
    """
    from generator.render.diagram import _embed_icons, build_graph

    shown = [Variant("as built", resolved.non_default_values(), _svg_body(svg), built=True)]
    seen = {_structure(resolved)}
    for values in variants(pattern):
        other = pattern.resolve(values)
        if _structure(other) in seen:
            continue
        seen.add(_structure(other))
        drawn = build_graph(other).dot.pipe(format="svg", encoding="utf-8", quiet=True)
        shown.append(Variant(_variant_name(values), values, _svg_body(_embed_icons(drawn))))
    return shown


def _silent(message: str) -> None:
    pass


def collect(
    out_dir: Path, patterns_dir: Path, note: Callable[[str], None] = _silent
) -> list[Entry]:
    """Every built pattern of out_dir, re-resolved with the parameters of its build.

    A folder that is not a whole build, or whose pattern is not in patterns_dir (built
    with another --patterns) or no longer takes its parameters, is left out with a note:
    the gallery shows what it can explain, and never fails the build that wrote it.
    """
    entries = []
    for folder in built_folders(out_dir):
        missing = [name for name in BUILT if not (folder / name).is_file()]
        if missing:
            note(f"gallery: leaving out {folder.name}: no {', '.join(missing)} (not a whole build)")
            continue
        info = _read_json(folder / "archgen.json")
        try:
            pattern = load(find_pattern(info["pattern"], patterns_dir))
            resolved = pattern.resolve(info.get("parameters", {}))
        except ArchgenError as exc:
            note(f"gallery: leaving out {folder.name}: {exc}")
            continue
        stack = folder / "cdk" / f"{resolved.module_name}.py"
        svg = (folder / "diagram.svg").read_text(encoding="utf-8")
        entries.append(
            Entry(
                resolved=resolved,
                folder=folder,
                template=_read_json(folder / "template.json"),
                findings=_read_json(folder / "findings.json"),
                stack_code=stack.read_text(encoding="utf-8") if stack.is_file() else "",
                variants=structural_variants(pattern, resolved, svg),
            )
        )
    if not entries:
        raise ArchgenError(
            "no built pattern to show",
            file=out_dir,
            suggestion="run `archgen build --all` first (or pass the --out of an earlier build)",
        )
    return entries


def class_lines(code: str) -> dict[str, int]:
    """Line number of each `class Name(...)` in the stack module, by class name."""
    return {
        m.group(1): code.count("\n", 0, m.start()) + 1
        for m in re.finditer(r"^class (\w+)\(", code, re.M)
    }


def components_data(entry: Entry) -> dict[str, dict]:
    """What the inspector shows per component id: its resources and its code's line."""
    grouped = resources_by_component(entry.resolved, entry.template)
    lines = class_lines(entry.stack_code)
    data = {}
    for comp in entry.resolved.components:
        data[comp.id] = {
            "label": comp.label,
            "kind": comp.kind.name,
            "external": comp.kind.is_external(),
            "resources": [
                {"logicalId": r.logical_id, "type": r.type} for r in grouped.get(comp.id, [])
            ],
            "line": lines.get(comp.construct_id),
        }
    return data


def search_text(entry: Entry) -> str:
    """What the index's search looks through: title, summary, teaching text, components."""
    f = entry.file
    t = f.teaching
    parts = [f.id, f.title, f.summary, f.category, *t.when_to_use]
    parts += [a.instead + " " + a.why_not for a in t.alternatives]
    parts += [k.fact for k in t.key_facts]
    parts += [c.notes_say + " " + c.today for c in t.changed_since_notes]
    parts += [c.label + " " + c.kind.name + " " + c.kind.title for c in entry.resolved.components]
    parts += [fl.label for fl in entry.resolved.flows]
    return " ".join(" ".join(parts).lower().split())


def study_map(entries: list[Entry]) -> list[dict]:
    """Every topic of the notes with the patterns that build it and those that contrast it."""
    rows = []
    for topic, text in TOPICS.items():
        builds = [e for e in entries if topic in e.file.topics]
        contrasts = [
            e
            for e in entries
            if e not in builds
            and (
                any(topic in a.topics for a in e.file.teaching.alternatives)
                or any(topic in c.topics for c in e.file.teaching.changed_since_notes)
            )
        ]
        rows.append({"id": topic, "text": text, "builds": builds, "contrasts": contrasts})
    return rows


def new_command(resolved: Resolved) -> str:
    params = "".join(
        f" --param {k}={str(v).lower() if isinstance(v, bool) else v}"
        for k, v in resolved.non_default_values().items()
    )
    return f"archgen new {resolved.id} my-{resolved.id}{params}"


def _sources_html(sources) -> Markup:
    shown = []
    for source in sources or []:
        label = escape(citations.label(source))
        if citations.is_topic(source):
            shown.append(Markup('<a href="study-map.html#{0}">{1}</a>').format(source, label))
        else:
            shown.append(Markup('<a href="{0}">{1}</a>').format(source, label))
    return Markup("; ").join(shown)


def _json_script(value) -> str:
    """JSON safe inside <script type="application/json">."""
    return json.dumps(value, sort_keys=True).replace("</", "<\\/")


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR / "gallery")),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["sources"] = _sources_html
    env.filters["json_script"] = _json_script
    env.filters["lower_value"] = lambda v: str(v).lower() if isinstance(v, bool) else v
    return env


def _page(name: str, **context) -> str:
    context.setdefault("marker", Markup(MARKER))
    context.setdefault("version", __version__)
    return _environment().get_template(name).render(**context)


def _panes(entry: Entry, highlighter: Highlighter | None) -> tuple[Callable[[], str], ...]:
    """The code and template panes' HTML, started now (in workers, with a highlighter)."""
    panes = ((entry.stack_code, "python", "code"), (_template_text(entry), "json", "template"))
    if highlighter is None:
        return tuple(lambda pane=pane: highlighted(*pane) for pane in panes)
    return tuple(highlighter.submit(*pane) for pane in panes)


def _template_text(entry: Entry) -> str:
    return json.dumps(entry.template, indent=1)


def pattern_page(
    entry: Entry, all_entries: list[Entry], panes: tuple[Callable[[], str], ...] | None = None
) -> str:
    """One pattern's page; panes: its highlighted code and template, if already started."""
    code, template = panes or _panes(entry, None)
    folder = f"../{entry.folder.name}"
    downloads = [
        (f"{folder}/{name}", label, name)
        for name, label in DOWNLOADS
        if (entry.folder / name).is_file()
    ]
    grouped = resources_by_component(entry.resolved, entry.template)
    return _page(
        "pattern.html.j2",
        e=entry,
        r=entry.resolved,
        folder=folder,
        topics=TOPICS,
        downloads=downloads,
        resources=grouped,
        components=components_data(entry),
        code=Markup(code()),
        template_html=Markup(template()),
        new_command=new_command(entry.resolved),
        others=[o for o in all_entries if o is not entry],
    )


def index_page(entries: list[Entry]) -> str:
    kinds = sorted({c.kind.name for e in entries for c in e.resolved.components})
    topics = sorted({t for e in entries for t in e.file.topics})
    categories = sorted({e.file.category for e in entries})
    covered = sum(1 for row in study_map(entries) if row["builds"] or row["contrasts"])
    return _page(
        "index.html.j2",
        entries=entries,
        kinds=kinds,
        topics=topics,
        topic_text=TOPICS,
        categories=categories,
        search_text=search_text,
        covered=covered,
        total_topics=len(TOPICS),
    )


def site_files(entries: list[Entry], highlighter: Highlighter | None = None) -> dict[str, str]:
    """Every file of the site, by path relative to the output folder.

    With a highlighter, every pattern page's panes are started first, so that the
    workers highlight them while this process renders the index and the other pages.
    """
    panes = {entry.id: _panes(entry, highlighter) for entry in entries}
    files = {INDEX: index_page(entries)}
    files[f"{SITE}/study-map.html"] = _page("study-map.html.j2", rows=study_map(entries))
    files[f"{SITE}/self-test.html"] = _page(
        "self-test.html.j2",
        questions=questions([e.file for e in entries]),
        titles={e.id: e.file.title for e in entries},
    )
    for entry in entries:
        files[f"{SITE}/{entry.id}.html"] = pattern_page(entry, entries, panes[entry.id])
    for asset in ASSETS:
        files[f"{SITE}/{asset}"] = (TEMPLATES_DIR / "gallery" / asset).read_text(encoding="utf-8")
    files[f"{SITE}/pygments.css"] = HtmlFormatter(style="default").get_style_defs(".highlight")
    return files


def _check_index(path: Path, force: bool) -> None:
    if path.is_file() and not force and MARKER not in path.read_text(errors="replace"):
        raise ArchgenError(
            f"not replacing {path}: archgen did not write it",
            suggestion="move it away, or pass --force to replace it",
        )


SITE_KEY = ".archgen-site-key"


def site_key(out_dir: Path, patterns_dir: Path) -> str:
    """What the site is made from: each built folder's manifest, the pattern files, the
    gallery's templates and archgen's version."""
    digest = hashlib.sha256(__version__.encode())
    sources = [
        *((f"built/{f.name}", f / MANIFEST) for f in built_folders(out_dir)),
        *((f"pattern/{p.name}", p) for p in sorted(patterns_dir.glob("*.yaml"))),
        *(
            (f"template/{t.relative_to(TEMPLATES_DIR).as_posix()}", t)
            for t in sorted((TEMPLATES_DIR / "gallery").rglob("*"))
        ),
        ("code", Path(__file__)),
        ("highlight", Path(highlight_module.__file__)),
    ]
    # Names relative to their folders: the same build in another folder has the same key.
    for name, path in sources:
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _read_key(site: Path) -> str | None:
    try:
        return (site / SITE_KEY).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def write_site(
    out_dir: Path,
    patterns_dir: Path,
    *,
    force: bool = False,
    note: Callable[[str], None] = _silent,
) -> Path:
    """Write the gallery of out_dir's built patterns; returns the path of its index.html.

    A site made from exactly these pattern folders, pattern files, templates and archgen
    is left as it is (its key is stored beside it), so a rebuild that changed nothing
    rewrites nothing and draws no diagram.
    """
    site, index = out_dir / SITE, out_dir / INDEX
    check_not_edited(site, force)
    _check_index(index, force)
    key = site_key(out_dir, patterns_dir)
    if not force and index.is_file() and _read_key(site) == key:
        return index
    # The highlighting workers start (and warm up) while the builds are read.
    with Highlighter(len(built_folders(out_dir))) as highlighter:
        entries = collect(out_dir, patterns_dir, note)
        files = site_files(entries, highlighter)
    staging = staging_dir(out_dir)
    try:
        for name, text in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (staging / SITE / SITE_KEY).write_text(key + "\n", encoding="utf-8")
        write_manifest(staging / SITE)
        old = None
        if site.exists():
            old = site.with_name(f".{SITE}.old-{os.getpid()}")
            site.rename(old)
        (staging / SITE).rename(site)
        os.replace(staging / INDEX, index)
        if old is not None:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return index
