"""A finding: one problem a check reports, in one shape for every checker.

cfn-lint, cdk-nag and archgen's own checks all report Findings, so the CLI,
findings.json and the summary treat them alike.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, order=True)
class Finding:
    tool: str
    rule_id: str
    severity: Severity
    message: str
    resource: str | None = None
    line: int | None = None
    hint: str | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def __str__(self) -> str:
        where = f" {self.resource}" if self.resource else ""
        line = f" (line {self.line})" if self.line else ""
        return f"{self.severity.upper():7} {self.tool} {self.rule_id}{where}{line}: {self.message}"


def severity_from_id(rule_id: str) -> Severity:
    """cfn-lint's convention: the id's first letter is its severity."""
    return {"E": "error", "W": "warning"}.get(rule_id[:1], "info")
