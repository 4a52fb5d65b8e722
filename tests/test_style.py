"""archgen's own code stays lint-clean and formatted (the settings are in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator import ROOT

RUFF = str(Path(sys.executable).with_name("ruff"))
CODE = ["generator", "tests", "scripts"]


def test_ruff_check_is_clean():
    done = subprocess.run(
        [RUFF, "check", "--no-cache", *CODE], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout


def test_ruff_format_leaves_every_file_as_it_is():
    done = subprocess.run(
        [RUFF, "format", "--check", "--no-cache", *CODE], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout
