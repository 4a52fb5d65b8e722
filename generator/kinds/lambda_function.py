"""AWS Lambda function whose handler archgen ships as application code."""

from typing import Literal

from pydantic import Field

from generator.kinds.base import AppFile, Icon, Kind, Props


class LambdaProps(Props):
    code: Literal["firehose_transform"] = Field(
        description="which handler from templates/app/lambda/ the function runs"
    )
    timeout_s: int = Field(60, ge=1, le=900)
    memory_mib: int = Field(256, ge=128, le=10240)


class LambdaFunction(Kind):
    name = "lambda.function"
    title = "Lambda function"
    doc = (
        "A Python 3.14 Lambda function with X-Ray tracing, its own role and a log group kept "
        "for a month."
    )
    icon = Icon("diagrams.aws.compute", "Lambda")
    resource_types = ("AWS::Lambda::Function", "AWS::IAM::Role", "AWS::Logs::LogGroup")
    template = "kinds/lambda_function.py.j2"
    imports = (
        "from aws_cdk import aws_lambda as lambda_",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Duration",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = LambdaProps
    app_files = (AppFile("lambda/{id}/index.py", "app/lambda/{code}.py.j2"),)
