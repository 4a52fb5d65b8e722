"""The connector databrew.job -> s3.bucket: where the recipe job writes its Parquet output."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="databrew.job",
    target="s3.bucket",
    doc=(
        "the job writes Parquet under its clean_prefix in the bucket, encrypted with SSE-KMS "
        "under the bucket's own key; its role may write that prefix only"
    ),
    requires={"target": {"encryption": "kms"}},
    expression="connectors/databrew_job__s3_bucket.py.j2",
    fills=("source", "clean"),
)
