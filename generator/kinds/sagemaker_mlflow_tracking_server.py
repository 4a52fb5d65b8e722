"""Amazon SageMaker AI managed MLflow: a tracking server and its artifact store (T25, today).

AWS now recommends MLflow for experiment tracking in the new Studio; the Experiments
SDK's tracking UI exists only in Studio Classic:
https://docs.aws.amazon.com/sagemaker/latest/dg/experiments.html
The tracking server (AWS::SageMaker::MlflowTrackingServer) keeps runs, parameters and
metrics; artifacts go to an S3 bucket (the flow to it), which it reaches as a role
of its own that may use that bucket's artifact prefix only. With a `vpc`, an interface
endpoint to the MLflow service (aws.sagemaker.REGION.experiments) lets jobs in the
private subnets reach the server with no internet.

A tracking server bills for every hour it runs, busy or not: stop it when unused.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    Slot,
    component_ref,
)


class MlflowTrackingServerProps(Props):
    size: Literal["Small", "Medium", "Large"] = Field(
        "Small", description="the server's size; Small suits a team of up to 25 users"
    )
    vpc: component_ref(
        "ec2.vpc",
        export="vpc",
        doc="a VPC whose private subnets get an interface endpoint to the MLflow service",
        optional=True,
    ) = None


class SageMakerMlflowTrackingServer(Kind):
    name = "sagemaker.mlflow_tracking_server"
    title = "SageMaker managed MLflow"
    doc = (
        "A SageMaker AI managed MLflow tracking server: runs, parameters and metrics, with "
        "artifacts in an S3 bucket that it reaches as a role of its own limited to its "
        "artifact prefix, and an interface endpoint to it in the VPC's private subnets."
    )
    icon = Icon("diagrams.aws.ml", "SagemakerModel")
    resource_types = ("AWS::SageMaker::MlflowTrackingServer", "AWS::IAM::Role")
    supporting_types = (
        "AWS::IAM::Policy",
        "AWS::EC2::VPCEndpoint",
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupIngress",
    )
    template = "kinds/sagemaker_mlflow_tracking_server.py.j2"
    imports = (
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import aws_sagemaker as sagemaker",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = MlflowTrackingServerProps
    exports = {
        "server": Export("sagemaker.CfnMlflowTrackingServer", "the tracking server"),
        "arn": Export("str", "its ARN, which clients use as their tracking URI"),
        "endpoint": Export(
            "ec2.InterfaceVpcEndpoint | None", "its interface endpoint in the VPC, with a vpc"
        ),
    }
    slots = {
        "artifact_store": Slot(
            "the bucket its artifacts go to, under mlflow/", "s3.IBucket", required=True
        ),
    }
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::SageMaker::MlflowTrackingServer",
                "per hour while the {size} tracking server runs, busy or idle, and its "
                "metadata storage per GB-month; stop it when unused (aws sagemaker "
                "stop-mlflow-tracking-server) and start it again before a run",
                "https://aws.amazon.com/sagemaker/pricing/",
                PRICING_CHECKED,
            ),
            Cost(
                "AWS::EC2::VPCEndpoint",
                "per interface endpoint per hour in each Availability Zone, and per GB processed",
                "https://aws.amazon.com/privatelink/pricing/",
                PRICING_CHECKED,
                when="vpc",
            ),
        ),
        run="run/sagemaker_mlflow_tracking_server.md.j2",
    )
