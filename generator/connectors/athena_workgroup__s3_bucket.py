"""The connector athena.workgroup -> s3.bucket."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="athena.workgroup",
    target="s3.bucket",
    doc="writes query results to the bucket",
    expression="connectors/athena_workgroup__s3_bucket.py.j2",
    fills=("source", "results_bucket"),
)
