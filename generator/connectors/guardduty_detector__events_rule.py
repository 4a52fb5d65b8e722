"""The connector guardduty.detector -> events.rule: findings at or above a severity.

GuardDuty publishes every finding (and each update of one) to EventBridge's default
bus as an event of source aws.guardduty and type "GuardDuty Finding", whose
detail.severity is a number (GuardDuty calls 1-3 low, 4-6 medium, 7-9 high). The
rule keeps those at or above the flow's threshold with a numeric match.
The service publishes them, not the detector resource, so the template holds no
reference between the two, and none is needed where the account's existing
detector is used (evidence: none).
"""

from pydantic import Field

from generator.kinds.base import Connector, Props


class SeverityProps(Props):
    min_severity: int = Field(
        7,
        ge=1,
        le=9,
        description="the lowest finding severity the rule passes on (7: high and critical)",
    )


CONNECTOR = Connector(
    source="guardduty.detector",
    target="events.rule",
    doc="the rule matches GuardDuty findings whose severity is at least the flow's min_severity",
    expression="connectors/guardduty_detector__events_rule.py.j2",
    fills=("target", "pattern"),
    imports=("from aws_cdk import aws_events as events",),
    evidence="none",
    props=SeverityProps,
)
