"""The connector events.rule -> stepfunctions.state_machine."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="events.rule",
    target="stepfunctions.state_machine",
    doc=(
        "the rule starts an execution of the state machine with the event as its input, as a "
        "role that may start that machine and nothing else"
    ),
    expression="connectors/events_rule__stepfunctions_state_machine.py.j2",
    fills=("source", "targets"),
    imports=("from aws_cdk import aws_events_targets as events_targets",),
)
