"""Findings as text for people, JSON for scripts, SARIF 2.1.0 for code-scanning tools."""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib.metadata import version

from generator import __version__
from generator.checks import CHECKERS
from generator.findings import Finding
from generator.synth import Acknowledged

SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URIS = {
    "cfn-lint": "https://github.com/aws-cloudformation/cfn-lint",
    "cdk-nag": "https://github.com/cdklabs/cdk-nag",
}


def _version(tool: str) -> str:
    return version(tool) if tool in ("cfn-lint", "cdk-nag") else __version__


def as_text(results: Mapping[str, list[Finding]]) -> str:
    lines = []
    for pattern_id, findings in results.items():
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = sum(1 for f in findings if f.severity == "warning")
        lines.append(f"{pattern_id}: {errors} error(s), {warnings} warning(s)")
        for finding in findings:
            lines.append(f"  {finding}")
            if finding.hint:
                lines.append(f"      fix: {finding.hint}")
    return "\n".join(lines) + "\n"


def as_json(
    results: Mapping[str, list[Finding]],
    acknowledged: Mapping[str, list[Acknowledged]] | None = None,
) -> str:
    """Findings per pattern, and the acknowledged ones with their reasons."""
    acknowledged = acknowledged or {}
    document = {
        "archgen": __version__,
        "patterns": [
            {
                "pattern": pattern_id,
                "findings": [f.to_dict() for f in findings],
                "acknowledged": [a.to_dict() for a in acknowledged.get(pattern_id, [])],
            }
            for pattern_id, findings in results.items()
        ],
    }
    return json.dumps(document, indent=1) + "\n"


def as_sarif(results: Mapping[str, list[Finding]], template_uri: str = "{id}/template.json") -> str:
    """One SARIF run per checker; each result points at the pattern's template.json."""
    runs = []
    for tool in CHECKERS:
        rules: dict[str, dict] = {}
        sarif_results = []
        for pattern_id, findings in results.items():
            for finding in findings:
                if finding.tool != tool:
                    continue
                rules.setdefault(
                    finding.rule_id,
                    {
                        "id": finding.rule_id,
                        "shortDescription": {"text": finding.message.split(";")[0][:200]},
                    },
                )
                location: dict = {
                    "physicalLocation": {
                        "artifactLocation": {"uri": template_uri.format(id=pattern_id)},
                    },
                    "logicalLocations": [
                        {
                            "name": finding.resource or pattern_id,
                            "fullyQualifiedName": f"{pattern_id}/{finding.resource or ''}",
                        }
                    ],
                }
                if finding.line:
                    location["physicalLocation"]["region"] = {"startLine": finding.line}
                result = {
                    "ruleId": finding.rule_id,
                    "level": SARIF_LEVELS[finding.severity],
                    "message": {"text": finding.message},
                    "locations": [location],
                    "properties": {"pattern": pattern_id},
                }
                if finding.hint:
                    result["message"]["text"] += f" Fix: {finding.hint}"
                sarif_results.append(result)
        driver = {"name": tool, "version": _version(tool), "rules": list(rules.values())}
        if tool in INFORMATION_URIS:
            driver["informationUri"] = INFORMATION_URIS[tool]
        runs.append(
            {
                "tool": {"driver": driver},
                "results": sarif_results,
            }
        )
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": runs,
    }
    return json.dumps(document, indent=1) + "\n"
