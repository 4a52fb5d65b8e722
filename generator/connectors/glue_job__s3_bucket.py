"""The connector glue.job -> s3.bucket."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="glue.job",
    target="s3.bucket",
    doc="reads raw data from the bucket and writes curated data back (objects only)",
    expression="connectors/glue_job__s3_bucket.py.j2",
    fills=("source", "data_bucket"),
)
