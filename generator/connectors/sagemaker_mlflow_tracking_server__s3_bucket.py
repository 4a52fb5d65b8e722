"""The connector sagemaker.mlflow_tracking_server -> s3.bucket: its artifact store."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="sagemaker.mlflow_tracking_server",
    target="s3.bucket",
    doc=(
        "the tracking server keeps its artifacts under mlflow/ of the bucket, as a role that "
        "may use that prefix only"
    ),
    expression="connectors/sagemaker_mlflow_tracking_server__s3_bucket.py.j2",
    fills=("source", "artifact_store"),
)
