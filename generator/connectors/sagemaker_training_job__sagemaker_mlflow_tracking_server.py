"""The connector sagemaker.training_job -> sagemaker.mlflow_tracking_server: jobs log to MLflow."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="sagemaker.training_job",
    target="sagemaker.mlflow_tracking_server",
    doc=(
        "the training script logs its hyperparameters and metrics to an MLflow run on the "
        "tracking server; its role may create experiments and runs and log to that server only"
    ),
    expression="connectors/sagemaker_training_job__sagemaker_mlflow_tracking_server.py.j2",
    fills=("source", "tracking_server"),
)
