"""Shared fixtures: the catalog, and every variant of it synthesized once per session.

Synth is the slow step (one Node process per Python process), so every
variant of every catalog pattern is synthesized once per test run with
cdk-nag, and cfn-lint runs once per variant, the work split between the xdist
workers (tests/shared_synth.py); the tests over the catalog read the
templates and findings from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from broken_kinds import broken_registry, with_broken_kinds  # noqa: F401  (fixtures for several modules)
from click.testing import CliRunner
from shared_synth import shared_folder, synth_and_lint_shared

from generator import node
from generator.cli import cli
from generator.findings import Finding
from generator.golden import write_variants
from generator.loader import Pattern, Resolved, load_all
from generator.synth import Synthesized as SynthResult
from generator.variants import variants

# Node 24 for jsii before any test module imports aws_cdk (test_synth does, at collection):
# the first import starts jsii's Node, and without JSII_NODE that is the system's `node`.
node.configure()

FIXTURES = Path(__file__).parent / "fixtures"
CATALOG = load_all()
VARIANTS = [(p, values) for p in CATALOG for values in variants(p)]


def variant_id(item: tuple[Pattern, dict]) -> str:
    pattern, values = item
    shown = ",".join(f"{k}={v}" for k, v in values.items()) or "defaults"
    return f"{pattern.id}[{shown}]"


@dataclass
class Synthesized:
    resolved: Resolved
    code_dir: Path
    result: SynthResult

    @property
    def template(self) -> dict:
        return self.result.template


@pytest.fixture(scope="session")
def catalog_results(tmp_path_factory) -> dict[str, tuple[Synthesized, list[Finding]]]:
    """Every variant's code, template and cfn-lint findings, by variant id.

    The code is written by this worker; synth and cfn-lint run once per test run,
    shared by the xdist workers (tests/shared_synth.py).
    """
    root = tmp_path_factory.mktemp("catalog")
    written = write_variants(CATALOG, root)
    items = {variant_id((pattern, values)): item for pattern, values, item in written}
    shared = synth_and_lint_shared(shared_folder(tmp_path_factory, "catalog"), items)
    return {
        key: (Synthesized(item.resolved, item.code_dir, shared[key][0]), shared[key][1])
        for key, item in items.items()
    }


@pytest.fixture(scope="session")
def synthesized(catalog_results) -> dict[str, Synthesized]:
    """Every variant's generated code and template, by variant id."""
    return {key: item for key, (item, _) in catalog_results.items()}


@pytest.fixture(scope="session")
def linted(catalog_results) -> dict[str, list[Finding]]:
    """cfn-lint's findings on every variant, by variant id."""
    return {key: findings for key, (_, findings) in catalog_results.items()}


@pytest.fixture(scope="session", autouse=True)
def session_build_cache(tmp_path_factory):
    """No test reads or writes the user's build cache (~/.cache/archgen), even in fixtures."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache-session")))
        yield


@pytest.fixture(autouse=True)
def own_build_cache(tmp_path_factory, monkeypatch):
    """Each test starts with an empty build cache of its own (subprocesses inherit it).

    Tests exercise the pipeline itself: a build that another test left in a shared
    cache would make them pass without running a stage. tests/test_cache.py proves
    that a cached build equals a fresh one.
    """
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


@pytest.fixture
def run():
    """The archgen CLI in process: run("build", ID, "--out", DIR) gives click's Result."""
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke
