"""The connector glue.table -> s3.bucket."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="glue.table",
    target="s3.bucket",
    doc="locates the table's data in the bucket (its location and partition template)",
    expression="connectors/glue_table__s3_bucket.py.j2",
    fills=("source", "bucket"),
)
