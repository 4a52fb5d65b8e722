"""The connector sagemaker.domain -> sagemaker.experiment: Studio creates a run per job."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="sagemaker.domain",
    target="sagemaker.experiment",
    doc=(
        "the launcher checks the experiment exists and creates a trial (the run) for each job "
        "before starting it; the domain's role may create and read that experiment's trials only"
    ),
    wiring="connectors/sagemaker_domain__sagemaker_experiment.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
        "import json",
    ),
)
