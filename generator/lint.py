"""cfn-lint, in process, on a synthesized template."""

from __future__ import annotations

import json

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
