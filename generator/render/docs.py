"""The teaching page of a pattern: what it is for, its numbered flow, its alternatives."""

from __future__ import annotations

from importlib.metadata import version

from generator import __version__, lifecycle
from generator.exports import mermaid
from generator.findings import Finding
from generator.inventory import resources_by_component
from generator.loader import Resolved
from generator.synth import Acknowledged
from generator.templating import render


def teaching_page(
    resolved: Resolved,
    template: dict,
    findings: list[Finding],
    acknowledged: list[Acknowledged],
) -> str:
    return render(
        "docs/README.md.j2",
        r=resolved,
        mermaid=mermaid(resolved),
        resources=resources_by_component(resolved, template),
        findings=findings,
        acknowledged=acknowledged,
        cdk_nag_version=version("cdk-nag"),
        version=__version__,
        cfnlint_version=version("cfn-lint"),
        flags=lifecycle.context_flags(resolved),
        kept=lifecycle.kept(resolved, template),
        costs=lifecycle.costs(resolved, template),
        leaves_behind=lifecycle.leaves_behind(resolved, template),
    )
