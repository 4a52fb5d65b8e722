"""Each component kind and connector, alone: one small fixture pattern per kind.

tests/fixtures/kinds/<kind with dots as dashes>.yaml uses the kind with only
the neighbours its slots need; it must synthesize, lint clean and produce the
resource types the kind declares. Adding a kind means adding its fixture.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from generator import TEMPLATES_DIR
from generator.checks import run_checks
from generator.inventory import missing_resource_types
from generator.kinds import all_kinds
from generator.loader import load
from generator.render.code import generate
from generator.synth import SynthInput, synth_checked

KIND_FIXTURES = Path(__file__).parent / "fixtures" / "kinds"
FIXTURE_FILES = sorted(KIND_FIXTURES.glob("*.yaml"))


def fixture_name(kind_name: str) -> str:
    return kind_name.replace(".", "-").replace("_", "-")


@pytest.fixture(scope="module")
def fixture_templates(tmp_path_factory) -> dict[str, tuple]:
    root = tmp_path_factory.mktemp("kinds")
    items = []
    for path in FIXTURE_FILES:
        resolved = load(path).resolve()
        code_dir = root / resolved.id
        for name, text in generate(resolved).files.items():
            (code_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (code_dir / name).write_text(text)
        items.append(SynthInput(resolved, code_dir))
    return {
        item.resolved.id: (item.resolved, result)
        for item, result in zip(items, synth_checked(items), strict=True)
    }


@pytest.mark.parametrize("kind_name", sorted(all_kinds()))
def test_every_kind_has_a_fixture_that_uses_it(kind_name):
    path = KIND_FIXTURES / f"{fixture_name(kind_name)}.yaml"
    assert path.is_file(), f"add {path.relative_to(Path.cwd())} for kind {kind_name}"
    assert kind_name in {c.kind for c in load(path).file.components}


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.stem for p in FIXTURE_FILES])
def test_kind_fixture_passes_every_check_with_declared_types(path, fixture_templates):
    resolved, result = fixture_templates[path.stem]
    assert [str(f) for f in run_checks(resolved, result)] == []
    assert missing_resource_types(resolved, result.template) == {}


@pytest.mark.parametrize("kind_name", sorted(all_kinds()))
def test_kind_declares_an_icon_template_and_resource_types(kind_name):
    kind = all_kinds()[kind_name]
    module = importlib.import_module(kind.icon.module)
    assert hasattr(module, kind.icon.name), f"{kind.icon.module}.{kind.icon.name} not in diagrams"
    if kind.is_external():
        assert kind.template is None and kind.resource_types == ()
    else:
        assert (TEMPLATES_DIR / kind.template).is_file()
        assert kind.resource_types, "a deployed kind declares the resource types it makes"


@pytest.mark.parametrize("kind_name", sorted(all_kinds()))
def test_connectors_name_existing_kinds_and_templates(kind_name):
    kind = all_kinds()[kind_name]
    for connector in kind.connectors:
        assert connector.target in all_kinds()
        for template in (connector.expression, connector.wiring):
            if template:
                assert (TEMPLATES_DIR / template).is_file(), template
        if connector.fills:
            side, slot = connector.fills
            owner = kind if side == "source" else all_kinds()[connector.target]
            assert slot in owner.slots, f"{owner.name} has no slot {slot}"


def test_every_connector_is_exercised_by_a_kind_fixture():
    declared = {(name, c.target) for name, kind in all_kinds().items() for c in kind.connectors}
    used = set()
    for path in FIXTURE_FILES:
        spec = load(path).file
        kinds = {c.id: c.kind for c in spec.components}
        used |= {(kinds[f.source], kinds[f.target]) for f in spec.flows}
    assert sorted(declared - used) == []
