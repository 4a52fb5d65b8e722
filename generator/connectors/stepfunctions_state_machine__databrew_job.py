"""The connector stepfunctions.state_machine -> databrew.job: one step that runs a DataBrew job.

The optimized `startJobRun.sync` integration starts a run of the recipe job
and waits for it to end, failing the state when the run fails:
https://docs.aws.amazon.com/step-functions/latest/dg/connect-databrew.html
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="stepfunctions.state_machine",
    target="databrew.job",
    doc=(
        "one step of the state machine: it starts a run of the DataBrew job and waits for it "
        "(.sync); its role may start, list and stop runs of this job only"
    ),
    expression="connectors/stepfunctions_state_machine__databrew_job.py.j2",
    fills=("source", "steps"),
    wiring="connectors/stepfunctions_state_machine__databrew_job.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_stepfunctions as sfn",
        "from aws_cdk import aws_stepfunctions_tasks as tasks",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Duration",
    ),
)
