"""SageMaker training jobs: the role they run as, the script they run and its launcher (T25).

A training job is started at run time (CreateTrainingJob), not by CloudFormation, so
this component deploys what every job needs: the role the jobs run as, with no AWS
managed policy. Its application code is the training script, which logs its
hyperparameters and metrics to the run it belongs to, and the launcher, which starts
a job in the domain's private subnets under that run. The flow out of it to an
experiment or to an MLflow tracking server says which tracker the script logs to.

The jobs run in a VPC, so the role may manage their network interfaces, as SageMaker
requires for a job with a VpcConfig; the EC2 Describe actions take no resource.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    PRICING_CHECKED,
    AppFile,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    Slot,
)


class TrainingJobProps(Props):
    instance_type: Literal["ml.m5.large", "ml.m5.xlarge", "ml.c5.xlarge"] = Field(
        "ml.m5.large", description="the instance a job runs on (the launcher's default)"
    )
    max_runtime_minutes: int = Field(
        60, ge=5, le=1440, description="a job that runs longer is stopped"
    )


class SageMakerTrainingJob(Kind):
    name = "sagemaker.training_job"
    title = "SageMaker training job"
    doc = (
        "SageMaker training jobs, started by a launcher into the domain's private subnets: "
        "the role they run as (no AWS managed policy), the training script that logs its "
        "hyperparameters and metrics to its run, and the launcher."
    )
    icon = Icon("diagrams.aws.ml", "SagemakerTrainingJob")
    resource_types = ("AWS::IAM::Role",)
    supporting_types = ("AWS::IAM::Policy",)
    template = "kinds/sagemaker_training_job.py.j2"
    imports = (
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import ArnFormat",
        "import json",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = TrainingJobProps
    exports = {"role": Export("iam.Role", "the role its jobs run as")}
    slots = {
        "experiment": Slot("the name of the experiment its runs are recorded in", "str"),
        "tracking_server": Slot(
            "the ARN of the MLflow tracking server its runs are recorded in", "str"
        ),
    }
    app_files = (
        AppFile("sagemaker/{id}/train.py", "app/{folder}/train.py.j2"),
        AppFile("sagemaker/{id}/launch.py", "app/{folder}/launch.py.j2"),
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::IAM::Role",
                "nothing for the role; each job per instance-hour of {instance_type}, billed "
                "per second while it runs (at most {max_runtime_minutes} minutes)",
                "https://aws.amazon.com/sagemaker/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
        leaves_behind=(
            "the log group /aws/sagemaker/TrainingJobs, which SageMaker creates at the first "
            "job and every training job of the account and Region shares; it never expires "
            "unless you set a retention (aws logs put-retention-policy)",
        ),
        run="run/sagemaker_training_job.md.j2",
    )

    @classmethod
    def check(cls, props: TrainingJobProps, filled: dict[str, int]) -> str | None:
        trackers = filled.get("experiment", 0) + filled.get("tracking_server", 0)
        if trackers != 1:
            return (
                "a training job logs to exactly one tracker: add one flow to a "
                "sagemaker.experiment or to a sagemaker.mlflow_tracking_server"
            )
        return None
