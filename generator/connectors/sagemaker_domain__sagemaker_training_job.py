"""The connector sagemaker.domain -> sagemaker.training_job: Studio launches training jobs."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="sagemaker.domain",
    target="sagemaker.training_job",
    doc=(
        "the launcher, run as the domain's execution role, starts training jobs in the domain's "
        "subnets with its security group, passing the jobs' role to SageMaker only; the jobs' "
        "storage volumes are encrypted with the domain's key"
    ),
    wiring="connectors/sagemaker_domain__sagemaker_training_job.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
)
