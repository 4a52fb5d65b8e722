"""The connector s3.bucket -> sagemaker.training_job: the job's training data and script."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="s3.bucket",
    target="sagemaker.training_job",
    doc=(
        "SageMaker copies the CSV files under data/ (the train channel) and the job's script "
        "under code/ (the code channel) onto the job's instance; the job's role may read those "
        "two prefixes only"
    ),
    wiring="connectors/s3_bucket__sagemaker_training_job.wiring.py.j2",
    imports=("from aws_cdk import Validations", "from aws_cdk import Acknowledgment"),
)
