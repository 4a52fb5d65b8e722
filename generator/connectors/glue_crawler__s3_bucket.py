"""The connector glue.crawler -> s3.bucket."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="glue.crawler",
    target="s3.bucket",
    doc="crawls the bucket (s3:ListBucket and s3:GetObject for the crawler's role)",
    expression="connectors/glue_crawler__s3_bucket.py.j2",
    fills=("source", "s3_targets"),
    wiring="connectors/glue_crawler__s3_bucket.wiring.py.j2",
)
