"""AWS Step Functions state machine whose definition is built from its outgoing flows (T18, T19).

Each flow from the machine to a service is one step; the flow's connector
knows the service and renders the step as a function that makes its task
states (the optimized `.sync` integration, the service's own retryable errors
with backoff) in the machine's scope. The machine only combines them, as
`fan_out` says:

- sequence: every task state in the order of the flows (T18);
- parallel: one branch per step of a Parallel state, joined when all finish;
- map: the steps, in order, as the item processor of a Distributed Map over the
  objects under an S3 prefix (the flow from the bucket that fills `items`), with
  a concurrency limit and a tolerated failure percentage (T19).

A flow to an SNS topic fills `on_failure`: a Catch sends any error to it, then
the execution fails. The machine's role takes no statement from CDK's task
constructs (some name every bucket and every table): it holds what this
template writes, and each step's connector grants exactly what its task calls.
Execution history is encrypted at rest with an AWS owned key.

A step for a new service is one connector stepfunctions.state_machine -> <kind>:
its expression fills `steps` with `lambda scope: [task states, in order]` (state
names starting with the flow's number, the service's own retryable errors in
add_retry), and its wiring adds to `source.exports.role` what those tasks call,
as the service's page on IAM policies for Step Functions lists it, narrowed to
the resources the flow names.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    LOG_DATA,
    LOG_GROUPS_EXPIRE_ENCRYPTED,
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
)


class StepFunctionsStateMachineProps(Props):
    fan_out: Literal["sequence", "parallel", "map"] = Field(
        "sequence",
        description=(
            "how the steps combine: one after the other; as branches of a Parallel state, run "
            "at once on the same input; or, in order, for each object under an S3 prefix "
            "(a Distributed Map)"
        ),
    )
    max_concurrency: int = Field(
        10, ge=1, le=10000, description="map: child executions that run at once"
    )
    tolerated_failure_percentage: int = Field(
        0,
        ge=0,
        le=100,
        description="map: the share of objects that may fail before the Map state fails",
    )
    timeout_minutes: int = Field(
        120, ge=1, le=525600, description="an execution that runs longer fails (States.Timeout)"
    )


class StepFunctionsStateMachine(Kind):
    name = "stepfunctions.state_machine"
    title = "Step Functions"
    doc = (
        "A Standard Step Functions state machine built from its flows: each step's task "
        "states, in order, as branches of a Parallel state or inside a Distributed Map over "
        "S3 objects; a Catch that publishes any error, then fails; every event logged to a "
        "KMS-encrypted log group kept a month; X-Ray tracing; a role with only what its "
        "steps call."
    )
    icon = Icon("diagrams.aws.integration", "StepFunctions")
    resource_types = ("AWS::StepFunctions::StateMachine", "AWS::IAM::Role", "AWS::Logs::LogGroup")
    supporting_types = ("AWS::IAM::Policy",)
    template = "kinds/stepfunctions_state_machine.py.j2"
    imports = (
        "from collections.abc import Callable",
        "from aws_cdk import aws_stepfunctions as sfn",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import Duration",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
        "import json",
    )
    props = StepFunctionsStateMachineProps
    needs = ("logs_key",)
    exports = {
        "machine": Export("sfn.StateMachine", "the state machine"),
        "role": Export("iam.Role", "the role it runs as; step connectors add what they call"),
    }
    slots = {
        "steps": Slot(
            "one step per flow, in order: a function of the machine's scope that makes the "
            "step's task states",
            "Callable[[Construct], list[sfn.TaskStateBase]]",
            required=True,
            many=True,
        ),
        "on_failure": Slot(
            "a function of the machine's scope that makes the state a Catch goes to (it "
            "notifies; the machine then fails)",
            "Callable[[Construct], sfn.TaskStateBase]",
        ),
        "items": Slot(
            "map: what the Distributed Map iterates over (the objects under an S3 prefix)",
            "sfn.IItemReader",
        ),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::StepFunctions::StateMachine",
            {
                "StateMachineType": "STANDARD",
                "LoggingConfiguration": {"Level": "ALL", "IncludeExecutionData": True},
                "TracingConfiguration": {"Enabled": True},
            },
            "State machines log every event with its data, and are traced with X-Ray.",
        ),
        LOG_GROUPS_EXPIRE_ENCRYPTED,
    )

    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::StepFunctions::StateMachine",
                "per state transition of its executions (a Standard workflow), retries and a "
                "Map's child executions included, after a monthly free tier; X-Ray bills the "
                "traces it records beyond its own free tier; nothing while no execution runs",
                "https://aws.amazon.com/step-functions/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            LOG_DATA,
        ),
        run="run/stepfunctions_state_machine.md.j2",
    )

    @classmethod
    def check(cls, props: Props, filled: dict[str, int]) -> str | None:
        assert isinstance(props, StepFunctionsStateMachineProps)
        if props.fan_out == "map" and not filled.get("items"):
            return (
                "fan_out: map iterates over S3 objects; add a flow from an s3.bucket to the "
                "machine with props: {prefix: ...}"
            )
        if props.fan_out != "map" and filled.get("items"):
            return (
                f"a flow gives the machine objects to iterate over, but fan_out is "
                f"{props.fan_out}; set fan_out: map or give that flow `when: fan_out == map`"
            )
        return None
