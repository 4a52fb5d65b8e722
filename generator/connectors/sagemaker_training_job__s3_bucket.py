"""The connector sagemaker.training_job -> s3.bucket: where the job's model artifact goes."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="sagemaker.training_job",
    target="s3.bucket",
    doc=(
        "SageMaker uploads the job's model (model.tar.gz) under models/ of the bucket, "
        "encrypted with the bucket's own key, and a warm-started job reads an earlier model "
        "there; the job's role may read and write that prefix only"
    ),
    wiring="connectors/sagemaker_training_job__s3_bucket.wiring.py.j2",
    imports=("from aws_cdk import Validations", "from aws_cdk import Acknowledgment"),
)
