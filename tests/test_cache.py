"""The build cache: a cached build is byte for byte a fresh one, and only what changed runs.

One real cold build of a copy of the catalog fills a cache of this module's
own; the tests then rebuild from it (into another folder, after changing one
pattern, with --no-cache) and compare. The key tests change one input at a
time and check which keys move.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import PATTERNS_DIR, cache as cache_module, versions
from generator.cache import BuildCache, build_key, cache_dir
from generator.loader import load_all

ARCHGEN = str(Path(sys.executable).with_name("archgen"))
STREAMING = "streaming-ingest-data-lake"
OTHERS = ("step-functions-athena-sequence", "step-functions-parallel-vs-map")


def _files(folder: Path, under: str = "") -> dict[str, bytes]:
    """Every file of an output folder by path (under: a prefix for the paths)."""
    return {
        f"{under}/{p.relative_to(folder).as_posix()}".lstrip("/"): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".archgen.lock"
    }


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> dict:
    """Three catalog patterns, built once cold into first/ with a cache of its own.

    Three rather than the whole catalog: what the cache does for one pattern it
    does for each, and this build's cost would otherwise grow with the catalog.
    """
    root = tmp_path_factory.mktemp("warm")
    patterns = root / "patterns"
    patterns.mkdir()
    for pattern_id in (STREAMING, *OTHERS):
        shutil.copy(PATTERNS_DIR / f"{pattern_id}.yaml", patterns)
    environment = {**os.environ, "XDG_CACHE_HOME": str(root / "xdg")}
    done = _build(environment, patterns, root / "first")
    count = len(list(patterns.glob("*.yaml")))
    assert f"synth and cdk-nag: {count} stack(s)" in done.stderr
    return {"root": root, "patterns": patterns, "env": environment, "count": count}


def _build(environment: dict, patterns: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    """archgen build (--all unless args name patterns) into out."""
    selection = args if any(not a.startswith("-") for a in args) else ("--all", *args)
    done = subprocess.run(
        [ARCHGEN, "--patterns", str(patterns), "build", "--out", str(out), *selection],
        capture_output=True,
        text=True,
        env=environment,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_a_cached_build_is_byte_identical_to_a_fresh_one(warm):
    second = warm["root"] / "second"
    done = _build(warm["env"], warm["patterns"], second)
    assert f"({warm['count']} from the build cache)" in done.stdout
    assert "synth" not in done.stderr
    fresh, cached = _files(warm["root"] / "first"), _files(second)
    assert sorted(cached) == sorted(fresh)
    for name, data in fresh.items():
        assert cached[name] == data, name


def test_a_rebuild_with_nothing_changed_starts_no_node_and_rewrites_nothing(warm):
    first = warm["root"] / "first"
    before = {p: p.stat().st_mtime_ns for p in first.rglob("*") if p.is_file()}
    probe = (
        "import sys\n"
        "from generator.cli import cli\n"
        f"cli(['--patterns', {str(warm['patterns'])!r}, 'build', '--all', '--out', "
        f"{str(first)!r}], prog_name='archgen', standalone_mode=False)\n"
        "heavy = {'jsii', 'aws_cdk', 'cfnlint', 'graphviz'} & set(sys.modules)\n"
        "print('NODE' if heavy else 'NONE')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=warm["env"]
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "NONE"
    after = {p: p.stat().st_mtime_ns for p in first.rglob("*") if p.is_file()}
    assert {p: t for p, t in after.items() if p.name != ".archgen.lock"} == {
        p: t for p, t in before.items() if p.name != ".archgen.lock"
    }


def test_after_one_pattern_changes_only_its_stack_is_synthesized(warm, tmp_path):
    streaming = warm["patterns"] / f"{STREAMING}.yaml"
    original = streaming.read_text()
    streaming.write_text(original.replace("\ntitle: ", "\ntitle: Changed ", 1))
    try:
        done = _build(warm["env"], warm["patterns"], tmp_path / "out")
    finally:
        streaming.write_text(original)
    assert "synth and cdk-nag: 1 stack(s)" in done.stderr
    assert f"{STREAMING}: unchanged" not in done.stderr
    assert f"({warm['count'] - 1} from the build cache)" in done.stdout
    assert "Changed " in (tmp_path / "out" / STREAMING / "README.md").read_text()


def test_no_cache_runs_every_stage(warm, tmp_path):
    done = _build(warm["env"], warm["patterns"], tmp_path / "out", STREAMING, "--no-cache")
    assert "synth and cdk-nag: 1 stack(s)" in done.stderr
    assert "(0 from the build cache)" in done.stdout
    built = tmp_path / "out" / STREAMING  # beside it, the gallery of this one pattern
    assert _files(built) == _files(warm["root"] / "first" / STREAMING)


def test_a_damaged_entry_is_a_miss_and_is_built_again(warm, tmp_path):
    root = tmp_path / "xdg"
    shutil.copytree(warm["root"] / "xdg", root)
    cache = BuildCache(root / "archgen")
    (pattern,) = [p for p in load_all(warm["patterns"]) if p.id == STREAMING]
    key = build_key(pattern.resolve({}))
    entry = json.loads((cache.root / "builds" / f"{key}.json").read_text())
    damaged = cache.root / "objects" / entry["files"]["template.json"][:2]
    (damaged / entry["files"]["template.json"]).write_bytes(b"damaged")
    environment = {**warm["env"], "XDG_CACHE_HOME": str(root)}
    done = _build(environment, warm["patterns"], tmp_path / "out", STREAMING)
    assert "synth and cdk-nag: 1 stack(s)" in done.stderr
    built = tmp_path / "out" / STREAMING  # beside it, the gallery of this one pattern
    assert _files(built) == _files(warm["root"] / "first" / STREAMING)


def test_cache_info_and_clear(run, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache = BuildCache()
    cache.put("k" * 64, {"a.txt": b"one", "b/c.txt": b"two"}, [], 3)
    assert cache.get("k" * 64).files == {"a.txt": b"one", "b/c.txt": b"two"}
    assert f"{tmp_path / 'archgen'}: 1 build(s)" in run("cache", "info").stdout
    assert "Removed 1 build(s)" in run("cache", "clear").stdout
    assert cache.get("k" * 64) is None
    assert f"{tmp_path / 'archgen'}: 0 build(s)" in run("cache", "info").stdout


def test_the_cache_lives_under_xdg_cache_home_else_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "archgen"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "archgen"


@pytest.fixture
def keys():
    """The build key of each catalog pattern (defaults), as a function of what is patched."""

    def compute() -> dict[str, str]:
        cache_module.shared_digest.cache_clear()
        cache_module._environment_digest.cache_clear()
        return {p.id: build_key(p.resolve({})) for p in load_all()}

    yield compute
    cache_module.shared_digest.cache_clear()
    cache_module._environment_digest.cache_clear()


def test_the_key_follows_the_parameter_values():
    (pattern,) = [p for p in load_all() if p.id == STREAMING]
    assert build_key(pattern.resolve({})) != build_key(pattern.resolve({"transform": True}))
    assert build_key(pattern.resolve({})) == build_key(pattern.resolve({}))


def test_a_kind_template_change_moves_only_the_keys_of_patterns_using_it(keys, monkeypatch):
    before = keys()
    original = cache_module._template_source

    def changed(name):
        source = original(name)
        return source + "# changed\n" if name == "kinds/kinesis_firehose.py.j2" else source

    monkeypatch.setattr(cache_module, "_template_source", changed)
    after = keys()
    users = {
        p.id
        for p in load_all()
        if any(c.kind.name == "kinesis.firehose" for c in p.resolve({}).components)
    }
    assert STREAMING in users and len(users) < len(before)  # some patterns, not all
    assert {i for i in before if before[i] != after[i]} == users


def test_a_tool_version_change_moves_every_key(keys, monkeypatch):
    before = keys()
    tools = versions.tool_versions()
    monkeypatch.setattr(versions, "tool_versions", lambda: {**tools, "cfn-lint": "0.0.1"})
    after = keys()
    assert all(before[i] != after[i] for i in before)


def test_a_shared_template_change_moves_every_key(keys, monkeypatch):
    before = keys()
    monkeypatch.setattr(cache_module, "_is_specific_template", lambda path: False)
    after = keys()  # kinds' templates now count as shared: the shared digest moved
    assert all(before[i] != after[i] for i in before)


def test_findings_survive_the_cache(tmp_path, monkeypatch):
    from generator.findings import Finding

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    finding = Finding("cfn-lint", "W1", "warning", "careful", resource="R", line=3, hint="h")
    BuildCache().put("f" * 64, {"x": b"1"}, [finding], 1)
    entry = BuildCache().get("f" * 64)
    assert entry.findings == [finding] and entry.resources == 1
    assert json.loads((tmp_path / "archgen" / "builds" / f"{'f' * 64}.json").read_text())


def test_force_replaces_an_edited_file_even_when_the_build_is_cached(warm, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(warm["root"] / "first", out)
    page = out / STREAMING / "README.md"
    page.write_text("my edit")
    _build(warm["env"], warm["patterns"], out, STREAMING, "--force")
    assert page.read_bytes() == (warm["root"] / "first" / STREAMING / "README.md").read_bytes()
