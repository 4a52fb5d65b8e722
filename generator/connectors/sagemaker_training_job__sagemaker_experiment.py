"""The connector sagemaker.training_job -> sagemaker.experiment: jobs log to their runs."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="sagemaker.training_job",
    target="sagemaker.experiment",
    doc=(
        "the training script logs its hyperparameters and metrics to its job's trial "
        "component in the experiment; its role may update the components of that experiment's "
        "jobs only"
    ),
    expression="connectors/sagemaker_training_job__sagemaker_experiment.py.j2",
    fills=("source", "experiment"),
)
