"""The connector s3.bucket -> rds.aurora_cluster."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="s3.bucket",
    target="rds.aurora_cluster",
    doc="the cluster imports files from the bucket (aws_s3.table_import_from_s3)",
    expression="connectors/s3_bucket__rds_aurora_cluster.py.j2",
    fills=("target", "s3_import_buckets"),
)
