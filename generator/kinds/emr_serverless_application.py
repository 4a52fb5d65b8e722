"""Amazon EMR Serverless application: Spark on demand, with no cluster to size or stop.

The application starts when a job is submitted and stops when idle. Jobs run
as the application's job role, with the PySpark script archgen ships as
application code; whoever submits them (an Airflow task) passes that role.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import AppFile, Connector, Icon, Kind, Props, Slot


class EmrServerlessProps(Props):
    script: Literal["daily_revenue"] = Field(
        description="which PySpark script from templates/app/emr/ its jobs run"
    )
    release_label: str = Field(
        "emr-7.9.0", pattern=r"^emr-[0-9]+\.[0-9]+\.[0-9]+$", description="EMR release"
    )
    max_vcpu: int = Field(
        16, ge=4, le=400, description="vCPUs all its jobs may use at once (4 GB memory each)"
    )
    idle_timeout_minutes: int = Field(
        15, ge=1, le=10080, description="stop the application after this long without jobs"
    )


class EmrServerlessApplication(Kind):
    name = "emr.serverless_application"
    title = "EMR Serverless"
    doc = (
        "An EMR Serverless Spark application that starts on demand and stops when idle, with "
        "capped capacity, job logs in CloudWatch Logs, a PySpark job script, and a job role "
        "that may read that script, write its log group and use its data buckets."
    )
    icon = Icon("diagrams.aws.analytics", "EMR")
    resource_types = (
        "AWS::EMRServerless::Application",
        "AWS::IAM::Role",
        "AWS::Logs::LogGroup",
    )
    template = "kinds/emr_serverless_application.py.j2"
    imports = (
        "from aws_cdk import aws_emrserverless as emrserverless",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import aws_s3_assets as s3_assets",
        "from aws_cdk import ArnFormat",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = EmrServerlessProps
    slots = {"data_buckets": Slot("S3 buckets its jobs read and write", many=True)}
    connectors = (
        Connector(
            "s3.bucket",
            "its jobs read and write the bucket (list, read, write, delete objects)",
            expression="connectors/emr_serverless_application__s3_bucket.py.j2",
            fills=("source", "data_buckets"),
        ),
    )
    app_files = (AppFile("emr/{id}/{script}.py", "app/emr/{script}.py.j2"),)
