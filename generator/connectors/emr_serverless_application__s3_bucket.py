"""The connector emr.serverless_application -> s3.bucket."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="emr.serverless_application",
    target="s3.bucket",
    doc="its jobs read and write the bucket (list, read, write, delete objects)",
    expression="connectors/emr_serverless_application__s3_bucket.py.j2",
    fills=("source", "data_buckets"),
)
