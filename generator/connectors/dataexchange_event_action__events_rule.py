"""The connector dataexchange.event_action -> events.rule: a revision's export has finished.

After an auto-export job has copied every asset of a new revision into the bucket,
Data Exchange sends an event of source aws.dataexchange and type "Auto-export Job
Completed" to the default bus, whose detail lists the data set (DataSetIds). The rule
keeps those of this data set: one event per revision, once all of it is in S3, where
an S3 Object Created rule would fire once per asset, before the revision is whole.
The service sends the event, not the event action, so no property of one refers to the
other: the rule is created after the event action instead, the DependsOn the agreement
check finds (evidence: dependency).
https://docs.aws.amazon.com/data-exchange/latest/userguide/cloudwatch-events.html
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="dataexchange.event_action",
    target="events.rule",
    doc=(
        "the rule matches the Auto-export Job Completed events of the event action's data set: "
        "one per revision, once all its assets are in the bucket"
    ),
    expression="connectors/dataexchange_event_action__events_rule.py.j2",
    fills=("target", "pattern"),
    wiring="connectors/dataexchange_event_action__events_rule.wiring.py.j2",
    imports=("from aws_cdk import aws_events as events",),
    evidence="dependency",
)
