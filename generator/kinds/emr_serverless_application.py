"""Amazon EMR Serverless application: Spark on demand, with no cluster to size or stop.

The application starts when a job is submitted and stops when idle. Jobs run
as the application's job role, with the PySpark script archgen ships as
application code; whoever submits them (an Airflow task) passes that role.
"""

from pydantic import Field

from generator.kinds.base import (
    LOG_DATA,
    LOG_GROUPS_EXPIRE_ENCRYPTED,
    PRICING_CHECKED,
    AppFile,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
    app_code,
)
from generator.kinds.prefixes import S3Prefixes


class EmrServerlessProps(Props):
    script: app_code(
        "emr_serverless_application",
        ".py",
        doc="which PySpark script from templates/app/emr_serverless_application/ its jobs run",
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
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import ArnFormat",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = EmrServerlessProps
    slots = {"data_buckets": Slot("S3 buckets its jobs read and write", "s3.IBucket", many=True)}
    supporting_types = ("AWS::IAM::Policy",)
    needs = ("logs_key",)
    exports = {
        "application": Export("emrserverless.CfnApplication", "the application"),
        "job_role": Export("iam.Role", "the role its jobs run as"),
        "script": Export("s3_assets.Asset", "the PySpark script its jobs run"),
        "data_buckets": Export("list[s3.IBucket]", "the buckets its jobs read and write"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::EMRServerless::Application",
            {
                "MonitoringConfiguration": {"CloudWatchLoggingConfiguration": {"Enabled": True}},
                "AutoStopConfiguration": {"Enabled": True},
            },
            "Applications log to CloudWatch and stop when idle.",
        ),
        LOG_GROUPS_EXPIRE_ENCRYPTED,
    )
    app_files = (AppFile("emr/{id}/{script}.py", "app/{folder}/{script}.py.j2"),)
    app_prefixes = {
        "daily_revenue": S3Prefixes(
            reads={"orders": "curated/orders/"}, writes={"revenue": "curated/daily_revenue/"}
        ),
    }

    @classmethod
    def check(cls, props: Props, filled: dict[str, int]) -> str | None:
        if filled.get("data_buckets") and cls.prefixes(props) is None:
            return (
                f"script: {props.script} declares no S3 prefixes, so its job role cannot be "
                "scoped; add it to EmrServerlessApplication.app_prefixes"
            )
        return None

    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::EMRServerless::Application",
                "per vCPU-hour and GB-hour its workers use while jobs run; it stops after "
                "{idle_timeout_minutes} idle minutes",
                "https://aws.amazon.com/emr/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            LOG_DATA,
        ),
        run="run/emr_serverless_application.md.j2",
    )
