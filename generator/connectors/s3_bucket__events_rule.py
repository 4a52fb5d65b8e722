"""The connector s3.bucket -> events.rule: new objects under a prefix are the rule's events.

S3 sends a bucket's events to EventBridge only when the bucket says so
(event_bridge: true, checked when the pattern loads), after which every
Object Created event reaches the default bus; the rule keeps those of this
bucket whose key starts with the prefix.
"""

from pydantic import Field

from generator.kinds.base import Connector, Props


class NewObjectsProps(Props):
    prefix: str = Field(
        pattern=r"^([A-Za-z0-9!_.*()\-]+/)+$",
        description="the key prefix whose new objects the rule matches, ending in /",
    )


CONNECTOR = Connector(
    source="s3.bucket",
    target="events.rule",
    doc="the rule matches the bucket's Object Created events for keys under a prefix",
    expression="connectors/s3_bucket__events_rule.py.j2",
    fills=("target", "pattern"),
    imports=("from aws_cdk import aws_events as events",),
    requires={"source": {"event_bridge": True}},
    props=NewObjectsProps,
)
