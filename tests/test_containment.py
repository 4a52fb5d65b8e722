"""Failures stay contained: one bad pattern, a signal, or a second build costs nothing else.

- `build` and `validate` over several patterns report every one; a pattern that
  fails to load or to synthesize gets its one-line error, the others are built
  and checked, and the exit code (2) says that something failed.
- A build interrupted by SIGTERM or Ctrl-C (sent to a real `archgen build`
  process), or whose Node process dies, leaves every earlier output folder as
  it was and no staging folder; a killed one's leftovers go with the next build.
- Two builds into the same --out: the second gets a one-line error naming the
  first, and the first finishes untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import PATTERNS_DIR
from generator.loader import load
from generator.outputs import LOCK, locked

FIXTURES = Path(__file__).parent / "fixtures"
STREAMING = "streaming-ingest-data-lake"
ARCHGEN = str(Path(sys.executable).with_name("archgen"))

# Loads (test.overlong_queue has no props to check), but CDK refuses it while the
# stack is built: SQS keeps messages 14 days at most (tests/broken_kinds.py).
SYNTH_BROKEN = """\
id: overlong-retention
title: A queue whose retention CDK refuses
summary: For the containment tests.
category: ingestion
topics: [T22]
components:
  - {id: queue, kind: test.overlong_queue}
teaching:
  when_to_use: [Testing containment.]
  alternatives: [{instead: Nothing, why_not: It is a test fixture.}]
  key_facts: [It fails in synth.]
"""


@pytest.fixture
def mixed_catalog(tmp_path_factory, with_broken_kinds) -> Path:
    """A good pattern, one that fails to load, one that loads but fails in synth."""
    folder = tmp_path_factory.mktemp("mixed")
    shutil.copy(PATTERNS_DIR / f"{STREAMING}.yaml", folder)
    shutil.copy(FIXTURES / "bad" / "unknown-kind.yaml", folder)
    (folder / "overlong-retention.yaml").write_text(SYNTH_BROKEN)
    load(folder / "overlong-retention.yaml")  # the loader accepts it; only CDK refuses it
    return folder


def test_build_all_builds_the_good_pattern_and_reports_each_broken_one(
    run, mixed_catalog, tmp_path
):
    earlier = tmp_path / "overlong-retention"
    earlier.mkdir()  # an earlier output of the broken pattern stays as it was
    result = run("--patterns", str(mixed_catalog), "build", "--all", "--out", str(tmp_path))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("archgen: error:")]
    assert len(errors) == 2
    assert any("unknown-kind.yaml:11: components[1].kind: unknown kind" in e for e in errors)
    assert any(
        "overlong-retention.yaml: synth failed: " in e and "retention" in e.lower() for e in errors
    )
    assert "Built 1 of 3 pattern(s)" in result.stdout and "2 failed" in result.stdout
    assert (tmp_path / STREAMING / "README.md").is_file()
    assert json.loads((tmp_path / STREAMING / "findings.json").read_text())["findings"] == []
    assert not (tmp_path / "unknown-kind").exists()
    assert earlier.is_dir() and not any(earlier.iterdir())
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".archgen-staging")]


def test_validate_all_checks_the_good_pattern_and_reports_each_broken_one(run, mixed_catalog):
    result = run("--patterns", str(mixed_catalog), "validate", "--all", "--format", "json")
    assert result.exit_code == 2, result.output
    patterns = {p["pattern"]: p["findings"] for p in json.loads(result.stdout)["patterns"]}
    assert patterns[STREAMING] == []
    for broken in ("unknown-kind", "overlong-retention"):
        (finding,) = patterns[broken]
        assert finding["rule_id"] == "FAILED" and finding["severity"] == "error"
    assert "3 pattern(s): 2 failed, 2 error(s)" in result.stderr


def test_a_single_broken_pattern_is_one_line_and_exit_2(run, mixed_catalog, tmp_path):
    result = run(
        "--patterns", str(mixed_catalog), "build", "overlong-retention", "--out", str(tmp_path)
    )
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].startswith("archgen: error: ")
    assert "synth failed" in result.stderr and "Traceback" not in result.output


def _start_build(out: Path, *ids: str) -> subprocess.Popen:
    return subprocess.Popen(
        [ARCHGEN, "build", *ids, "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C would reach
    )


def _wait_for(process: subprocess.Popen, text: str, limit: float = 120) -> str:
    """Read the build's stderr until a line contains text (the stage to interrupt)."""
    seen = ""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        seen += line
        if text in line:
            return seen
    process.kill()
    raise AssertionError(f"the build never printed {text!r}:\n{seen}")


def _live_in_group(group: int) -> list[int]:
    """Processes of the group that still run (a zombie holds no file and no lock)."""
    live = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            live.append(int(stat.parent.name))
    return live


def _wait_until_gone(group: int, limit: float = 30) -> None:
    """Wait until every process of a killed process group has exited (Graphviz or Node
    children die a moment after the build itself), as a next build would start later."""
    deadline = time.monotonic() + limit
    while _live_in_group(group):
        if time.monotonic() > deadline:
            raise AssertionError(f"{_live_in_group(group)} still run {limit} s after SIGKILL")
        time.sleep(0.05)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def earlier_build(tmp_path_factory) -> Path:
    """An output folder with one complete earlier build of the streaming pattern."""
    out = tmp_path_factory.mktemp("earlier")
    subprocess.run(
        [ARCHGEN, "build", STREAMING, "--out", str(out)], check=True, capture_output=True
    )
    return out


@pytest.mark.parametrize(
    ("sig", "to_group", "code"),
    [(signal.SIGTERM, False, 143), (signal.SIGINT, True, 130)],
    ids=["SIGTERM to archgen", "Ctrl-C to its process group"],
)
def test_interrupted_build_leaves_earlier_output_and_no_staging(
    earlier_build, tmp_path, sig, to_group, code
):
    out = tmp_path / "out"
    shutil.copytree(earlier_build, out)
    before = _snapshot(out / STREAMING)
    process = _start_build(out, STREAMING, "--param", "transform=true")
    _wait_for(process, "synth and cdk-nag")  # jsii's Node is starting or running
    time.sleep(1.0)
    if to_group:
        os.killpg(process.pid, sig)
    else:
        process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert _snapshot(out / STREAMING) == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".archgen-staging")]


def test_node_dying_mid_synth_is_one_line_and_leaves_earlier_output(earlier_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(earlier_build, out)
    before = _snapshot(out / STREAMING)
    process = _start_build(out, STREAMING, "--param", "transform=true")
    _wait_for(process, "synth and cdk-nag")
    children: list[str] = []
    deadline = time.monotonic() + 60
    while not children and time.monotonic() < deadline:  # jsii starts Node on import
        time.sleep(0.2)
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    assert children, "jsii's Node process never started"
    time.sleep(0.5)
    for child in children:
        os.kill(int(child), signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2, stderr
    assert "archgen: error: jsii's Node process stopped during synth" in stderr
    assert "Traceback" not in stderr
    assert _snapshot(out / STREAMING) == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".archgen-staging")]


def test_next_build_removes_what_a_killed_build_left(earlier_build, tmp_path, run):
    out = tmp_path / "out"
    shutil.copytree(earlier_build, out)
    process = _start_build(out, STREAMING)
    _wait_for(process, "synth and cdk-nag")
    os.killpg(process.pid, signal.SIGKILL)  # no handler runs: the staging folder stays
    process.wait(timeout=30)
    _wait_until_gone(process.pid)
    assert [p for p in out.iterdir() if p.name.startswith(".archgen-staging")]
    # A swap cut between its two renames: the old folder moved aside, the new one not in.
    (out / STREAMING).rename(out / f".{STREAMING}.old-999999")
    with locked(out):
        pass
    assert not [p for p in out.iterdir() if p.name.startswith(".archgen-staging")]
    assert _snapshot(out / STREAMING) == _snapshot(earlier_build / STREAMING)
    assert not (out / f".{STREAMING}.old-999999").exists()


def test_a_second_build_into_the_same_out_is_refused_with_one_line(earlier_build, tmp_path, run):
    out = tmp_path / "out"
    shutil.copytree(earlier_build, out)
    first = _start_build(out, STREAMING)
    _wait_for(first, "synth and cdk-nag")
    second = run("build", STREAMING, "--out", str(out))
    assert second.exit_code == 2
    assert f"another archgen (process {first.pid}) is writing to this folder" in second.stderr
    assert len(second.stderr.strip().splitlines()) == 2  # "Building ..." and the error
    _, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    assert _snapshot(out / STREAMING) == _snapshot(earlier_build / STREAMING)
    assert (out / LOCK).is_file()
