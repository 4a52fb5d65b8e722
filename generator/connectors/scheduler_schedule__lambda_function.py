"""The connector scheduler.schedule -> lambda.function: the schedule invokes the function.

EventBridge Scheduler invokes it asynchronously with the flow's payload as the
event (a monitor's look-back window, say), as the schedule's role, which may
invoke that one function and nothing else.
"""

from pydantic import Field

from generator.kinds.base import Connector, Props


class InvokeProps(Props):
    payload: dict[str, str | int | bool] = Field(
        default_factory=dict,
        description="the event the function receives on each run, as a JSON object",
    )


CONNECTOR = Connector(
    source="scheduler.schedule",
    target="lambda.function",
    doc=(
        "the schedule invokes the function with the flow's payload as its event; its role may "
        "invoke that function and nothing else"
    ),
    expression="connectors/scheduler_schedule__lambda_function.py.j2",
    fills=("source", "target"),
    imports=(
        "from aws_cdk import aws_scheduler as scheduler",
        "from aws_cdk import aws_scheduler_targets as scheduler_targets",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
    props=InvokeProps,
    wiring="connectors/scheduler_schedule__lambda_function.wiring.py.j2",
)
