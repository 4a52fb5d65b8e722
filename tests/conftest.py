"""Shared fixtures: the catalog, and every variant of it synthesized once per session.

Synth is the slow step (one Node process per Python process), so every
variant of every catalog pattern goes into one CDK app, once, with cdk-nag,
and the tests over the catalog read the templates and findings from here.
cfn-lint runs once per variant too, in a pool of worker processes (`linted`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from broken_kinds import broken_registry  # noqa: F401  (a fixture for several modules)
from click.testing import CliRunner

from generator.cli import cli
from generator.findings import Finding
from generator.golden import write_variants
from generator.lint import lint_pool, lint_template
from generator.loader import Pattern, Resolved, load_all
from generator.synth import Synthesized as SynthResult, synth_checked
from generator.variants import variants

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
def synthesized(tmp_path_factory) -> dict[str, Synthesized]:
    """Every variant's generated code and template, by variant id."""
    root = tmp_path_factory.mktemp("catalog")
    written = write_variants(CATALOG, root)
    items = [item for _, _, item in written]
    keys = [variant_id((pattern, values)) for pattern, values, _ in written]
    results = synth_checked(items)
    return {
        key: Synthesized(item.resolved, item.code_dir, result)
        for key, item, result in zip(keys, items, results, strict=True)
    }


@pytest.fixture(scope="session")
def linted(synthesized) -> dict[str, list[Finding]]:
    """cfn-lint's findings on every variant, by variant id: once, on every core.

    cfn-lint is the slowest check per template and the catalog has many
    variants, so they go to generator.lint's pool of worker processes (the one
    `archgen build` uses) instead of one after another in this process.
    """
    return lint_all({key: item.template for key, item in synthesized.items()})


def lint_all(templates: dict[str, dict]) -> dict[str, list[Finding]]:
    pool = lint_pool(len(templates))
    if pool is None:
        return {key: lint_template(template) for key, template in templates.items()}
    with pool:
        pending = {key: pool.submit(template) for key, template in templates.items()}
        return {key: findings() for key, findings in pending.items()}


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
