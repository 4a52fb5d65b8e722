"""Every catalog variant's stack module and template equal the reviewed golden files.

A change to a kind, connector or template changes tests/golden/; regenerate
with scripts/regenerate-golden and review the diff like any other code.
"""

from __future__ import annotations

import pytest
from conftest import VARIANTS, variant_id

from generator.golden import GOLDEN_DIR, golden_files

VARIANT_IDS = [variant_id(v) for v in VARIANTS]


@pytest.mark.parametrize("key", VARIANT_IDS)
def test_generated_stack_and_template_match_the_golden_files(key, synthesized):
    item = synthesized[key]
    code = {str(p.relative_to(item.code_dir)): p.read_text() for p in item.code_dir.rglob("*.py")}
    # conftest synthesizes each variant in a folder named after its stack.
    stack_name = item.code_dir.name
    for rel, text in golden_files(item.resolved, stack_name, code, item.template).items():
        path = GOLDEN_DIR / rel
        assert path.is_file(), f"no golden file {rel}: run scripts/regenerate-golden"
        assert path.read_text() == text, f"{rel} changed: run scripts/regenerate-golden, review"


def test_no_golden_file_without_a_variant(synthesized):
    folders = {p.name for p in GOLDEN_DIR.iterdir() if p.is_dir()}
    assert folders == {item.code_dir.name for item in synthesized.values()}
