"""cfn-lint on a synthesized template: in process, or in a pool of worker processes."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from collections.abc import Callable

from generator.findings import Finding, severity_from_id

REGIONS = ["us-east-1"]


def lint_template(template: dict) -> list[Finding]:
    """Every cfn-lint match on the template, as findings (line numbers of its JSON text)."""
    from cfnlint.api import ManualArgs, lint

    text = template_text(template)
    findings = []
    config = ManualArgs(regions=REGIONS)
    for match in lint(text, config=config):
        path = getattr(match, "path", None) or []
        resource = str(path[1]) if len(path) > 1 and path[0] == "Resources" else None
        rule_id = match.rule.id
        findings.append(
            Finding(
                tool="cfn-lint",
                rule_id=rule_id,
                severity=severity_from_id(rule_id),
                message=match.message,
                resource=resource,
                line=match.linenumber,
                hint=getattr(match.rule, "source_url", None) or None,
            )
        )
    return sorted(findings)


def template_text(template: dict) -> str:
    """The one way archgen writes a template, so that line numbers match template.json."""
    return json.dumps(template, indent=1) + "\n"


# A template that exercises cfn-lint's loading of its rules and region schemas, so that a
# worker has paid for them before the first real template arrives.
_WARM_UP = {"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}}


def _start_worker() -> None:
    """Ctrl-C reaches the whole process group; the build, not its workers, handles it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _warm_up() -> None:
    lint_template(_WARM_UP)


class LintPool:
    """cfn-lint in worker processes, one per core, for builds and validations of many stacks.

    cfn-lint is pure Python and CPU-bound (its JSON-schema validation), so threads
    would not help: each template goes to a worker process. The workers start as
    soon as the pool does (before synth), import cfn-lint and lint a tiny template
    while the stacks synthesize, so the real ones find them ready. They are
    spawned, never forked: the building process runs jsii's threads and its Node.
    As with any spawned process, a script that builds through the library must
    keep its own work under `if __name__ == "__main__":`.
    """

    def __init__(self, workers: int) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
        )
        for _ in range(workers):  # each submit with no idle worker starts one
            self._executor.submit(_warm_up)

    def submit(self, template: dict) -> Callable[[], list[Finding]]:
        """Start linting template; call the result for its findings.

        A pool whose worker could not start or died (a script without a
        `__main__` guard cannot be spawned from) lints in this process instead.
        """
        from concurrent.futures.process import BrokenProcessPool

        try:
            future = self._executor.submit(lint_template, template)
        except (BrokenProcessPool, RuntimeError):
            return lambda: lint_template(template)

        def findings() -> list[Finding]:
            try:
                return future.result()
            except BrokenProcessPool:
                return lint_template(template)

        return findings

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> LintPool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def lint_pool(stacks: int) -> LintPool | None:
    """A pool when there are several stacks to lint and several cores; else None (in process)."""
    workers = min(os.cpu_count() or 1, stacks)
    return LintPool(workers) if workers > 1 else None
