"""The connector s3.bucket -> databrew.job: the bucket's CSV files are the job's dataset."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="s3.bucket",
    target="databrew.job",
    doc=(
        "the job's dataset is the CSV files under its raw_prefix in the bucket; its role may "
        "list the bucket and read objects under that prefix only"
    ),
    expression="connectors/s3_bucket__databrew_job.py.j2",
    fills=("target", "raw"),
)
