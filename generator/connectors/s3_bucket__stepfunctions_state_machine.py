"""The connector s3.bucket -> stepfunctions.state_machine."""

from pydantic import Field

from generator.kinds.base import Connector, Props


class ObjectListProps(Props):
    prefix: str = Field(
        pattern=r"^([A-Za-z0-9!_.*()\-]+/)+$",
        description="the key prefix whose objects the Map state iterates over, ending in /",
    )


CONNECTOR = Connector(
    source="s3.bucket",
    target="stepfunctions.state_machine",
    doc=(
        "the state machine's Distributed Map lists the objects under a prefix of the bucket "
        "and runs its steps for each (its role may list that prefix only)"
    ),
    expression="connectors/s3_bucket__stepfunctions_state_machine.py.j2",
    fills=("target", "items"),
    wiring="connectors/s3_bucket__stepfunctions_state_machine.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_stepfunctions as sfn",
        "from aws_cdk import aws_iam as iam",
    ),
    props=ObjectListProps,
)
