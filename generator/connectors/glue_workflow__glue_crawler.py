"""The connector glue.workflow -> glue.crawler."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="glue.workflow",
    target="glue.crawler",
    doc="a step of the workflow: a trigger starts the crawler, the next step waits for it",
    expression="connectors/glue_workflow__glue_crawler.py.j2",
    fills=("source", "steps"),
    imports=("from aws_cdk import aws_glue as glue",),
    # A crawler the workflow starts has no schedule of its own, or it would also run
    # outside the workflow, before the job that needs it or twice a night.
    requires={"target": {"schedule": None}},
)
