"""Builds are deterministic, staged, and never overwrite what a user edited."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import synth as synth_module
from generator.build import build
from generator.errors import ArchgenError
from generator.loader import find_pattern, load

STREAMING = "streaming-ingest-data-lake"


@pytest.fixture(scope="module")
def resolved():
    return load(find_pattern(STREAMING)).resolve({"transform": "true"})


def test_two_builds_give_byte_identical_template_and_dot(resolved, tmp_path):
    build([resolved], tmp_path / "a")
    build([resolved], tmp_path / "b")
    for name in ("template.json", "diagram.dot", f"cdk/{resolved.module_name}.py", "README.md"):
        first = (tmp_path / "a" / STREAMING / name).read_bytes()
        second = (tmp_path / "b" / STREAMING / name).read_bytes()
        assert first == second, name


def test_dot_and_svg_carry_no_path_of_this_machine(resolved, tmp_path):
    import diagrams

    site_packages = str(Path(diagrams.__file__).resolve().parent.parent)
    build([resolved], tmp_path)
    folder = tmp_path / STREAMING
    for name in ("diagram.dot", "diagram.svg"):
        text = (folder / name).read_text()
        assert site_packages not in text and str(tmp_path) not in text
    assert "data:image/png;base64," in (folder / "diagram.svg").read_text()


def test_failed_build_leaves_earlier_output_as_it_was(resolved, tmp_path, monkeypatch):
    build([resolved], tmp_path)
    before = {p: p.read_bytes() for p in (tmp_path / STREAMING).rglob("*") if p.is_file()}

    def failing_synth(items, outdir=None, *, nag=True):
        return [ArchgenError("synth failed: injected") for _ in items]

    monkeypatch.setattr(synth_module, "synth_each", failing_synth)
    with pytest.raises(ArchgenError, match="injected"):
        build([resolved], tmp_path).raise_first_error()
    after = {p: p.read_bytes() for p in (tmp_path / STREAMING).rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".archgen.lock", STREAMING]


def test_edited_output_is_not_replaced_without_force(resolved, tmp_path):
    build([resolved], tmp_path)
    stack = tmp_path / STREAMING / "cdk" / f"{resolved.module_name}.py"
    stack.write_text(stack.read_text() + "\n# my change\n")
    with pytest.raises(ArchgenError, match=f"cdk/{resolved.module_name}.py"):
        build([resolved], tmp_path).raise_first_error()
    assert stack.read_text().endswith("# my change\n")
    build([resolved], tmp_path, force=True)
    assert "# my change" not in stack.read_text()


def test_folder_archgen_did_not_write_is_not_replaced(resolved, tmp_path):
    own = tmp_path / STREAMING / "notes.txt"
    own.parent.mkdir()
    own.write_text("mine")
    with pytest.raises(ArchgenError, match="notes.txt"):
        build([resolved], tmp_path).raise_first_error()
    assert own.read_text() == "mine"


def test_separate_processes_give_byte_identical_template_dot_and_code(tmp_path):
    """Nothing of one process (hash seeds, jsii's temporary folders) reaches the output."""
    import subprocess
    import sys

    archgen = str(Path(sys.executable).with_name("archgen"))
    for run in ("a", "b"):
        for command in ("synth", "diagram"):
            subprocess.run(
                [
                    archgen,
                    command,
                    STREAMING,
                    "--out",
                    str(tmp_path / run),
                    "--param",
                    "transform=1",
                ],
                check=True,
                capture_output=True,
            )
    for name in ("template.json", "diagram.dot", f"cdk/{STREAMING.replace('-', '_')}_stack.py"):
        first = (tmp_path / "a" / STREAMING / name).read_bytes()
        assert first == (tmp_path / "b" / STREAMING / name).read_bytes(), name
