"""Golden files: the stack module and template.json of every catalog variant, kept in tests/golden/.

So every change to a kind, connector or template shows as a readable diff in
review. scripts/regenerate-golden writes them; tests/test_golden.py compares.
"""

from __future__ import annotations

import json

from generator import ROOT
from generator.loader import Resolved

GOLDEN_DIR = ROOT / "tests" / "golden"


def golden_files(resolved: Resolved, stack_name: str, code: dict[str, str], template: dict) -> dict:
    """Path below tests/golden/ to text, for one variant synthesized as stack_name."""
    module = f"{resolved.module_name}.py"
    return {
        f"{stack_name}/{module}": code[module],
        f"{stack_name}/template.json": json.dumps(template, indent=1, sort_keys=True) + "\n",
    }
