"""Make generated Python read like hand-written code: imports pruned and sorted, then formatted.

Kind templates list the imports their code may need; ruff removes the ones a
given set of props does not use (F401), sorts the rest in the `cdk init` style
(`from aws_cdk import Stack, aws_s3 as s3`), and formats. One ruff run per
batch of files, on a scratch folder, keeps this fast and the result identical
for the same input.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

LINE_LENGTH = 100
_COMMON = [
    "--no-cache",
    "--isolated",
    "--quiet",
    "--line-length",
    str(LINE_LENGTH),
    "--config",
    "lint.isort.combine-as-imports = true",
]


def _ruff() -> str:
    from ruff.__main__ import find_ruff_bin

    return str(find_ruff_bin())


def format_files(files: dict[str, str]) -> dict[str, str]:
    """The same files with every *.py one cleaned; SyntaxError if one is not Python."""
    python = {name: text for name, text in files.items() if name.endswith(".py")}
    if not python:
        return dict(files)
    with tempfile.TemporaryDirectory(prefix="archgen-format-") as scratch:
        root = Path(scratch)
        for name, text in python.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        ruff = _ruff()
        check = [ruff, "check", *_COMMON, "--fix", "--select", "F401,I", "--exit-zero", "."]
        fmt = [ruff, "format", *_COMMON, "."]
        for command in (check, fmt):
            done = subprocess.run(command, cwd=root, capture_output=True, text=True)
            if done.returncode != 0:
                raise SyntaxError(f"generated Python does not parse:\n{done.stderr or done.stdout}")
        cleaned = {name: (root / name).read_text(encoding="utf-8") for name in python}
    return {name: cleaned.get(name, text) for name, text in files.items()}
