"""Every check archgen runs on a synthesized pattern, in one place.

cfn-lint (in process, or from generator.lint's pool), cdk-nag (findings
collected during synth), archgen's own rules, and the diagram-template
agreement check. `build` and `validate` both call this, so they can never
disagree.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from generator import agreement
from generator.build import Failed, write_code
from generator.errors import ArchgenError
from generator.findings import Finding
from generator.lint import lint_pool, lint_template
from generator.loader import Resolved
from generator.rules import run_rules
from generator.synth import (
    Acknowledged,
    Synthesized,
    SynthInput,
    app_batches,
    preload,
    synth_each,
)

CHECKERS = ("cfn-lint", "cdk-nag", "archgen", "agreement")


def run_checks(
    resolved: Resolved, synthesized: Synthesized, lint: list[Finding] | None = None
) -> list[Finding]:
    """Every finding on one pattern; lint: cfn-lint's, when a LintPool already has them."""
    template = synthesized.template
    findings = (
        (lint_template(template) if lint is None else lint)
        + list(synthesized.findings)
        + run_rules(template)
        + agreement.check(resolved, template)
    )
    return sorted(set(findings), key=lambda f: (f.tool, f.severity, f.rule_id, f.resource or ""))


def check_patterns(
    selected: Sequence[Resolved | Failed], progress: Callable[[str], None]
) -> tuple[dict[str, list[Finding]], dict[str, list[Acknowledged]], dict[str, ArchgenError]]:
    """`archgen validate`: every check on every pattern, writing nothing but scratch files.

    Returns the findings and acknowledgements by pattern id, and the patterns
    that could not be checked (their file, code or synth failed) with their error;
    each of those also gets one FAILED finding, so every report lists them.
    """
    failures: dict[str, ArchgenError] = {p.id: p.error for p in selected if isinstance(p, Failed)}
    preload()
    pool = None
    try:
        synthesized: dict[str, Synthesized | ArchgenError] = {}
        linted: dict[str, Callable[[], list[Finding]]] = {}
        with tempfile.TemporaryDirectory(prefix="archgen-validate-") as scratch:
            items = []
            for resolved in selected:
                if isinstance(resolved, Failed):
                    continue
                try:
                    write_code(resolved, Path(scratch) / resolved.id)
                except ArchgenError as exc:
                    failures[resolved.id] = exc
                    continue
                items.append(SynthInput(resolved, Path(scratch) / resolved.id))
            # As in a build: cfn-lint's workers start with the first app and lint each
            # app's templates while Node synthesizes the next.
            pool = lint_pool(len(items))
            apps = app_batches(items, alongside=pool is not None)
            progress(
                f"synth and cdk-nag: {len(items)} stack(s), "
                f"{len(apps)} CDK app(s) in one Node process"
            )
            for app in apps:
                for item, result in zip(app, synth_each(app), strict=True):
                    synthesized[item.resolved.id] = result
                    if pool is not None and not isinstance(result, ArchgenError):
                        linted[item.resolved.id] = pool.submit(result.template)
        results: dict[str, list[Finding]] = {}
        acknowledged: dict[str, list[Acknowledged]] = {}
        for resolved in selected:
            result = synthesized.get(resolved.id)
            if isinstance(result, ArchgenError):
                failures[resolved.id] = result
            if resolved.id in failures:
                message = str(failures[resolved.id])
                results[resolved.id] = [Finding("archgen", "FAILED", "error", message)]
                continue
            progress(f"{resolved.id}: cfn-lint, archgen rules, agreement")
            lint = linted[resolved.id]() if resolved.id in linted else None
            results[resolved.id] = run_checks(resolved, result, lint)
            acknowledged[resolved.id] = result.acknowledged
        return results, acknowledged, failures
    finally:
        if pool is not None:
            pool.close()
