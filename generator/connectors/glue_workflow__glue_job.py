"""The connector glue.workflow -> glue.job."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="glue.workflow",
    target="glue.job",
    doc="a step of the workflow: a trigger starts a run of the job, the next step waits for it",
    expression="connectors/glue_workflow__glue_job.py.j2",
    fills=("source", "steps"),
    imports=("from aws_cdk import aws_glue as glue",),
)
