"""The connector athena.connector -> s3.bucket: the connector spills large results there."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="athena.connector",
    target="s3.bucket",
    doc=(
        "the connector writes results too large for a Lambda response under its own prefix "
        "of the bucket, encrypted, for Athena to read"
    ),
    expression="connectors/athena_connector__s3_bucket.py.j2",
    fills=("source", "spill_bucket"),
)
