"""The connector sagemaker.domain -> sagemaker.mlflow_tracking_server: Studio compares runs."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="sagemaker.domain",
    target="sagemaker.mlflow_tracking_server",
    doc=(
        "the data scientist opens the tracking server's MLflow UI through a presigned URL and "
        "compares runs; the domain's role may read that server's experiments and runs only"
    ),
    wiring="connectors/sagemaker_domain__sagemaker_mlflow_tracking_server.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
)
