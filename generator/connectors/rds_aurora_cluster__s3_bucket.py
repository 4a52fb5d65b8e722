"""The connector rds.aurora_cluster -> s3.bucket."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="rds.aurora_cluster",
    target="s3.bucket",
    doc=(
        "the cluster exports query results to the bucket (aws_s3.query_export_to_s3), which "
        "must use SSE-KMS"
    ),
    expression="connectors/rds_aurora_cluster__s3_bucket.py.j2",
    fills=("source", "s3_export_buckets"),
    # aws_s3.query_export_to_s3 writes only to buckets encrypted with SSE-KMS:
    # https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/postgresql-s3-export.html
    requires={"target": {"encryption": "kms"}},
)
