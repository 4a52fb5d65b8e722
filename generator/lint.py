"""cfn-lint on a synthesized template: in process, or in a pool of worker processes."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache

from generator.findings import Finding, severity_from_id
from generator.workers import Workers, worker_count

REGIONS = ["us-east-1"]


def lint_template(template: dict) -> list[Finding]:
    """Every cfn-lint match on the template, as findings (line numbers of its JSON text)."""
    from cfnlint.decode.decode import decode_str

    decoded, errors = decode_str(template_text(template))
    matches = errors or (list(_runner().validate_template(decoded)) if decoded is not None else [])
    findings = []
    for match in matches:
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


@cache
def _runner():
    """cfn-lint's runner with its rules, made once per process and kept for every template.

    This is what `cfnlint.api.lint` does for each call (decode the text, then a Runner
    with these settings validates it), except that its Runner, and with it every rule,
    is made again each time: loading the rules' data files took half of the time the
    catalog's templates took to lint. The cfn-lint CLI keeps one Runner for all the
    templates it is given, as this does.
    """
    from cfnlint.config import ConfigMixIn
    from cfnlint.runner import Runner

    return Runner(ConfigMixIn(regions=REGIONS))


def template_text(template: dict) -> str:
    """The one way archgen writes a template, so that line numbers match template.json."""
    return json.dumps(template, indent=1) + "\n"


# A template that exercises cfn-lint's loading of its rules and region schemas, so that a
# worker has paid for them before the first real template arrives.
_WARM_UP = {"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}}


def _warm_up() -> None:
    lint_template(_WARM_UP)


class LintPool:
    """cfn-lint in worker processes (generator.workers), one per core, for builds and
    validations of many stacks. The workers start as soon as the pool does, import
    cfn-lint and lint a tiny template, so the real templates find them ready."""

    def __init__(self, workers: int) -> None:
        self._workers = Workers(workers, warm_up=_warm_up)

    def submit(self, template: dict) -> Callable[[], list[Finding]]:
        """Start linting template; call the result for its findings."""
        return self._workers.submit(lint_template, template)

    def close(self) -> None:
        self._workers.close()

    def __enter__(self) -> LintPool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def lint_pool(stacks: int) -> LintPool | None:
    """A pool when there are several stacks to lint and several cores; else None (in process)."""
    workers = worker_count(stacks)
    return LintPool(workers) if workers > 1 else None
