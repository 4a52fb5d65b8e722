"""The connector kinesis.firehose -> s3.bucket."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="kinesis.firehose",
    target="s3.bucket",
    doc=(
        "delivers buffered records to the bucket (the stream's role may write objects under "
        "its prefixes, with the S3 actions Firehose documents)"
    ),
    expression="connectors/kinesis_firehose__s3_bucket.py.j2",
    fills=("source", "destination_bucket"),
)
