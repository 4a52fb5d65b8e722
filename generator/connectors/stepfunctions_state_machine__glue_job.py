"""The connector stepfunctions.state_machine -> glue.job: one step that runs a Glue job.

The optimized `startJobRun.sync` integration starts a run and waits for it to
end, failing the state when the run fails. Inside a Map over S3 objects
(fan_out: map) each run gets the object's key as --source_key and runs without
its job bookmark: the item, not the bookmark, says what to read. The job's
MaxConcurrentRuns must then admit the Map's concurrency, or Glue refuses the
runs beyond it (ConcurrentRunsExceededException, retried with backoff).
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="stepfunctions.state_machine",
    target="glue.job",
    doc=(
        "one step of the state machine: it starts a run of the Glue job and waits for it "
        "(.sync); its role may start, read and stop runs of this job only"
    ),
    expression="connectors/stepfunctions_state_machine__glue_job.py.j2",
    fills=("source", "steps"),
    wiring="connectors/stepfunctions_state_machine__glue_job.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_stepfunctions as sfn",
        "from aws_cdk import aws_stepfunctions_tasks as tasks",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Duration",
    ),
)
