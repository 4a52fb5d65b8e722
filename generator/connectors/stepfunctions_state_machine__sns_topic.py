"""The connector stepfunctions.state_machine -> sns.topic."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="stepfunctions.state_machine",
    target="sns.topic",
    doc=(
        "a Catch publishes the error of a failed step to the topic (its role may publish to "
        "it and use its key for that), then the execution fails"
    ),
    expression="connectors/stepfunctions_state_machine__sns_topic.py.j2",
    fills=("source", "on_failure"),
    wiring="connectors/stepfunctions_state_machine__sns_topic.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_stepfunctions as sfn",
        "from aws_cdk import aws_stepfunctions_tasks as tasks",
        "from aws_cdk import Duration",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
)
