"""Amazon Managed Service for Apache Flink application running a PyFlink job (T23).

The service was Kinesis Data Analytics for Apache Flink; its API and CloudFormation
types still say kinesisanalyticsv2. The job is Python (the Table API and Flink
SQL), shipped as application code: flink/<id>/main.py, zipped by CDK into an S3
asset at synth (no Docker), with the connector JARs it needs in lib/ of the same
zip. Managed Service for Apache Flink takes one JAR for a Python application, so
flink/<id>/pom.xml builds the connectors into lib/pyflink-dependencies.jar with
Maven; the starter README's Run section does that before the first start.

It checkpoints (exactly-once state, restored after a failure or an update), keeps
snapshots, and logs to a log group the stack makes, encrypted with the stack's logs
key and kept for a set time. Runtime settings (the streams' names, the window
length) reach the job as the application's runtime properties, not as code.
The application is created, not started: it bills per KPU-hour only once started.
"""

from typing import Literal

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
from generator.kinds.kinesis_firehose import RETENTION_DAYS

# A Flink version Managed Service for Apache Flink runs Python applications on today
# (Flink 1.20 with Python 3.11):
# https://docs.aws.amazon.com/managed-flink/latest/java/how-python.html
RUNTIME = "FLINK-1_20"
# The connector releases built for that Flink version (flink-connector-aws 5.0.0).
CONNECTOR_VERSION = "5.0.0-1.20"
# Where pom.xml puts the one JAR the application may name (the "jarfile" run option).
JARFILE = "lib/pyflink-dependencies.jar"


class FlinkApplicationProps(Props):
    job: app_code(
        "flink_application", ".py", doc="which PyFlink job from templates/app/flink_application/"
    )
    window_minutes: int = Field(
        30, ge=1, le=1440, description="length of the job's tumbling window, in minutes"
    )
    parallelism: int = Field(1, ge=1, le=64, description="parallel tasks (1 KPU runs one)")
    checkpoint_interval_s: int = Field(
        60, ge=1, le=3600, description="seconds between checkpoints of the job's state"
    )
    log_retention_days: Literal[tuple(RETENTION_DAYS)] = Field(  # type: ignore[valid-type]
        30, description="days CloudWatch Logs keeps the application's log"
    )

    @property
    def retention(self) -> str:
        return RETENTION_DAYS[self.log_retention_days]

    @property
    def runtime(self) -> str:
        return RUNTIME

    @property
    def connector_version(self) -> str:
        return CONNECTOR_VERSION

    @property
    def jarfile(self) -> str:
        return JARFILE


class FlinkApplication(Kind):
    name = "flink.application"
    title = "Managed Service for Apache Flink"
    doc = (
        "A Managed Service for Apache Flink application (Flink 1.20) running a PyFlink job "
        "shipped as an S3 asset, with checkpoints and snapshots, logging to a log group "
        "encrypted with the stack's logs key, and a role that reads only its code, its "
        "source and writes only its sink and log stream."
    )
    # The service's icon in `diagrams` still carries its former name, Kinesis Data Analytics.
    icon = Icon("diagrams.aws.analytics", "KinesisDataAnalytics")
    resource_types = (
        "AWS::KinesisAnalyticsV2::Application",
        "AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption",
        "AWS::IAM::Role",
        "AWS::Logs::LogGroup",
        "AWS::Logs::LogStream",
    )
    supporting_types = ("AWS::IAM::Policy",)
    needs = ("logs_key",)
    template = "kinds/flink_application.py.j2"
    imports = (
        "from aws_cdk import aws_kinesisanalyticsv2 as kda",
        "from aws_cdk import aws_kinesis as kinesis",
        "from aws_cdk import aws_kinesisfirehose as firehose",
        "from aws_cdk import aws_s3_assets as s3_assets",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import ArnFormat",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = FlinkApplicationProps
    exports = {
        "application": Export("kda.CfnApplication", "the application"),
        "role": Export("iam.Role", "its service execution role"),
    }
    slots = {
        "source_stream": Slot("the data stream the job reads", "kinesis.IStream", required=True),
        "sink": Slot(
            "the Firehose stream the job writes its results to",
            "firehose.IDeliveryStream",
            required=True,
        ),
    }
    app_files = (
        AppFile("flink/{id}/main.py", "app/{folder}/{job}.py.j2"),
        AppFile("flink/{id}/pom.xml", "app/{folder}/pom.xml.j2"),
    )
    secure_defaults = (
        SecureDefault(
            "AWS::KinesisAnalyticsV2::Application",
            {
                "ApplicationConfiguration": {
                    "FlinkApplicationConfiguration": {
                        "CheckpointConfiguration": {
                            "ConfigurationType": "CUSTOM",
                            "CheckpointingEnabled": True,
                        }
                    },
                    "ApplicationSnapshotConfiguration": {"SnapshotsEnabled": True},
                }
            },
            "Flink applications checkpoint their state and keep snapshots.",
        ),
        LOG_GROUPS_EXPIRE_ENCRYPTED,
    )

    @classmethod
    def describe(cls, props: Props) -> str:
        return (
            f"{cls.doc} Its window is {props.window_minutes} minutes, it checkpoints every "
            f"{props.checkpoint_interval_s} seconds with parallelism {props.parallelism}, and "
            f"its log is kept {props.log_retention_days} days."
        )

    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::KinesisAnalyticsV2::Application",
                "per KPU-hour (1 vCPU and 4 GB each, one more per application for "
                "orchestration) and per GB-month of running storage, from StartApplication "
                "to StopApplication, with or without data; nothing while it is not started "
                "(the stack creates it stopped)",
                "https://aws.amazon.com/managed-service-apache-flink/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            LOG_DATA,
        ),
        run="run/flink_application.md.j2",
    )
