"""Amazon EventBridge rule: starts its targets when a matching event arrives (T30).

The events come from its flows: a flow from an S3 bucket (with EventBridge
notifications on) matches the Object Created events of keys under a prefix,
so that a new file starts the pipeline at once instead of on a schedule. Each
flow to a target adds it; EventBridge invokes it as a role of its own that may
do that one thing (start one state machine), with retries for two hours.
"""

from generator.kinds.base import (
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    SecureDefault,
    Slot,
)


class EventsRule(Kind):
    name = "events.rule"
    title = "EventBridge rule"
    doc = (
        "An EventBridge rule on the default event bus that matches the events its source flow "
        "names (S3 Object Created under a prefix) and starts its targets, each as a role that "
        "may start that target only."
    )
    icon = Icon("diagrams.aws.integration", "EventbridgeRule")
    resource_types = ("AWS::Events::Rule", "AWS::IAM::Role")
    supporting_types = ("AWS::IAM::Policy",)
    template = "kinds/events_rule.py.j2"
    imports = (
        "from collections.abc import Callable",
        "from aws_cdk import aws_events as events",
        "from aws_cdk import aws_iam as iam",
    )
    exports = {
        "rule": Export("events.Rule", "the rule"),
        "role": Export("iam.Role", "the role it starts its targets as"),
    }
    slots = {
        "pattern": Slot(
            "the events it matches (from the flow of their source)",
            "events.EventPattern",
            required=True,
        ),
        "targets": Slot(
            "what it starts, one per flow: a function of the rule's role that gives the target",
            "Callable[[iam.IRole], events.IRuleTarget]",
            required=True,
            many=True,
        ),
    }
    secure_defaults = (
        SecureDefault("AWS::Events::Rule", {"State": "ENABLED"}, "Rules are enabled."),
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Events::Rule",
                "nothing for AWS service events on the default bus (S3's events included); "
                "the targets it starts bill for what they do",
                "https://aws.amazon.com/eventbridge/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
        run="run/events_rule.md.j2",
    )
