"""Every check archgen runs on a synthesized pattern, in one place.

cfn-lint (in process), cdk-nag (findings collected during synth), archgen's
own rules, and the diagram-template agreement check. `build` and `validate`
both call this, so they can never disagree.
"""

from __future__ import annotations

from generator import agreement
from generator.findings import Finding
from generator.lint import lint_template
from generator.loader import Resolved
from generator.rules import run_rules
from generator.synth import Synthesized

CHECKERS = ("cfn-lint", "cdk-nag", "archgen", "agreement")


def run_checks(resolved: Resolved, synthesized: Synthesized) -> list[Finding]:
    template = synthesized.template
    findings = (
        lint_template(template)
        + list(synthesized.findings)
        + run_rules(template)
        + agreement.check(resolved, template)
    )
    return sorted(set(findings), key=lambda f: (f.tool, f.severity, f.rule_id, f.resource or ""))
