"""Golden files: the stack module and template.json of every catalog variant, kept in tests/golden/.

So every change to a kind, connector or template shows as a readable diff in
review. scripts/regenerate-golden writes them; tests/test_golden.py compares.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator import ROOT
from generator.loader import Pattern, Resolved
from generator.render.code import generate
from generator.synth import SynthInput
from generator.variants import variant_name, variants

GOLDEN_DIR = ROOT / "tests" / "golden"


def golden_files(resolved: Resolved, stack_name: str, code: dict[str, str], template: dict) -> dict:
    """Path below tests/golden/ to text, for one variant synthesized as stack_name."""
    module = f"{resolved.module_name}.py"
    return {
        f"{stack_name}/{module}": code[module],
        f"{stack_name}/template.json": json.dumps(template, indent=1, sort_keys=True) + "\n",
    }


def write_variants(patterns: list[Pattern], root: Path) -> list[tuple[Pattern, dict, SynthInput]]:
    """Every variant's generated code, written to root/<stack name>/, ready to synthesize
    together: what the catalog tests and scripts/regenerate-golden both synthesize."""
    written = []
    for pattern in patterns:
        for values in variants(pattern):
            resolved = pattern.resolve(values)
            name = variant_name(pattern, values)
            for file_name, text in generate(resolved).files.items():
                path = root / name / file_name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
            written.append((pattern, values, SynthInput(resolved, root / name, stack_name=name)))
    return written
