"""The connector events.rule -> sns.topic: the rule publishes each matching event to the topic.

EventBridge publishes as the service (the topic's policy allows events.amazonaws.com,
which CDK's SnsTopic target adds), not as the rule's role. The topic is encrypted with
its own KMS key, so the key's policy must also let EventBridge make a data key, or the
publish fails silently at run time.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="events.rule",
    target="sns.topic",
    doc=(
        "the rule publishes each matching event to the topic, which EventBridge may do by the "
        "topic's policy and the key's"
    ),
    expression="connectors/events_rule__sns_topic.py.j2",
    fills=("source", "targets"),
    wiring="connectors/events_rule__sns_topic.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_events_targets as events_targets",
        "from aws_cdk import aws_iam as iam",
    ),
)
