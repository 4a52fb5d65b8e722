"""Synthesize generated stacks: all selected patterns in one App, in this process.

jsii starts one Node process per Python process and that start dominates the
cost of a synth, so archgen never runs a subprocess per pattern: it imports
each generated stack module and adds its stack to a single App. What is
synthesized is exactly the generated code a user gets.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import TEMPLATES_DIR, node
from generator.errors import ArchgenError
from generator.findings import Finding
from generator.loader import Resolved

# The feature flags `cdk init` writes into cdk.json for the pinned CDK (CLI 2.1148.1's init,
# equal to aws-cdk-lib 2.275.0's recommended-feature-flags.json: tests/test_synth.py checks
# the library, the e2e tests that the CLI warns of no unconfigured flag). archgen's synth and
# every starter project's cdk.json read this one file, so their templates agree.
FEATURE_FLAGS_FILE = TEMPLATES_DIR / "cdk-feature-flags.json"
FEATURE_FLAGS: dict[str, Any] = json.loads(FEATURE_FLAGS_FILE.read_text(encoding="utf-8"))
# What the CDK CLI sets for `cdk synth`, so that archgen's templates equal the
# ones a starter project's `npx cdk synth` gives (the agreement check reads
# aws:cdk:path to map resources to components).
CONTEXT = {
    "aws:cdk:enable-path-metadata": True,
    "aws:cdk:enable-asset-metadata": True,
    **FEATURE_FLAGS,
}


@dataclass(frozen=True)
class SynthInput:
    """One pattern's generated code, ready to import."""

    resolved: Resolved
    code_dir: Path
    stack_name: str | None = None  # to synthesize variants of one pattern side by side

    @property
    def name(self) -> str:
        return self.stack_name or self.resolved.stack_name


def _import_stack_class(item: SynthInput) -> type:
    module_name = f"_archgen_{item.resolved.module_name}_{abs(hash(item.code_dir)):x}"
    path = item.code_dir / f"{item.resolved.module_name}.py"
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(module_name, None)
    return getattr(module, item.resolved.class_name)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


@dataclass(frozen=True)
class Acknowledged:
    """A plugin finding the stack's code acknowledges, with its reason (a security note)."""

    rule_id: str
    reason: str
    construct: str

    def to_dict(self) -> dict:
        return {"rule_id": self.rule_id, "reason": self.reason, "construct": self.construct}


@dataclass(frozen=True)
class Synthesized:
    """One stack's template and what the validation plugins reported on it."""

    template: dict
    findings: list[Finding]
    acknowledged: list[Acknowledged] = field(default_factory=list)


def synth(items: list[SynthInput], outdir: Path | None = None) -> list[dict]:
    """Synthesize every item in one App; the CloudFormation template of each, in order."""
    return [result.template for result in synth_checked(items, outdir, nag=False)]


def synth_checked(
    items: list[SynthInput], outdir: Path | None = None, *, nag: bool = True
) -> list[Synthesized]:
    """Synthesize every item in one App with cdk-nag's AwsSolutions pack as a validation plugin.

    Plugin findings (cdk-nag, and CDK's own CloudFormation validation) do not
    stop archgen: the report CDK writes beside the templates becomes findings
    per stack.
    """
    if not items:
        return []
    node.configure()
    import aws_cdk as cdk

    with tempfile.TemporaryDirectory(prefix="archgen-synth-") as scratch:
        assembly_dir = outdir or Path(scratch) / "cdk.out"
        # Validation findings go to the report file only: archgen reports them itself,
        # so CDK must neither print them nor fail the synth over them.
        context = {**CONTEXT, "@aws-cdk/core:failSynthOnValidationErrors": False}
        app = cdk.App(outdir=str(assembly_dir), analytics_reporting=False, context=context)
        for item in items:
            try:
                stack_class = _import_stack_class(item)
                stack_class(app, item.name)
            except Exception as exc:  # the generated code or CDK rejected the pattern's values
                raise ArchgenError(
                    f"synth failed: {_first_line(exc)}",
                    file=item.resolved.pattern.path,
                    suggestion="check the pattern's props and parameters, or report an archgen bug",
                ) from exc
        if nag:
            from cdk_nag import AwsSolutionsChecks

            cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
        report = assembly_dir / "validation-report.json"
        try:
            app.synth()
        except Exception as exc:
            raise ArchgenError(f"synth failed: {_first_line(exc)}") from exc
        findings, acknowledged = plugin_report(report) if report.is_file() else ({}, {})
        return [
            Synthesized(
                json.loads((assembly_dir / f"{item.name}.template.json").read_text()),
                findings.get(item.name, []),
                acknowledged.get(item.name, []),
            )
            for item in items
        ]


def plugin_report(
    report: Path,
) -> tuple[dict[str, list[Finding]], dict[str, list[Acknowledged]]]:
    """CDK's validation report as findings and acknowledgements, by stack name.

    The stack name is the first part of a construct path. Paths are shown
    without it, so that notes read the same whatever the stack is called.
    """
    tools = {"AwsSolutions": "cdk-nag"}
    findings: dict[str, set[Finding]] = {}
    acknowledged: dict[str, set[Acknowledged]] = {}
    for plugin in json.loads(report.read_text()).get("pluginReports", []):
        tool = tools.get(plugin["pluginName"], plugin["pluginName"])
        for violation in plugin.get("violations", []):
            severity = "error" if violation.get("severity") == "error" else "warning"
            for construct in violation.get("violatingConstructs", []):
                stack, _, path = construct["constructPath"].partition("/")
                findings.setdefault(stack, set()).add(
                    Finding(
                        tool=tool,
                        rule_id=violation["ruleName"],
                        severity=severity,
                        message=violation["description"],
                        resource=path,
                        hint=violation.get("fix"),
                    )
                )
        for violation in plugin.get("suppressedViolations", []):
            for construct in violation.get("violatingConstructs", []):
                stack, _, path = construct["constructPath"].partition("/")
                acknowledged.setdefault(stack, set()).add(
                    Acknowledged(violation["ruleName"], violation.get("reason", ""), path)
                )
    return (
        {stack: sorted(items) for stack, items in findings.items()},
        {
            stack: sorted(items, key=lambda a: (a.construct, a.rule_id))
            for stack, items in acknowledged.items()
        },
    )
