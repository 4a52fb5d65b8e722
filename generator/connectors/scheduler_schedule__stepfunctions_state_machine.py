"""The connector scheduler.schedule -> stepfunctions.state_machine."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="scheduler.schedule",
    target="stepfunctions.state_machine",
    doc=(
        "the schedule starts an execution of the state machine; its role may start that "
        "machine and nothing else"
    ),
    expression="connectors/scheduler_schedule__stepfunctions_state_machine.py.j2",
    fills=("source", "target"),
    imports=("from aws_cdk import aws_scheduler_targets as scheduler_targets",),
)
