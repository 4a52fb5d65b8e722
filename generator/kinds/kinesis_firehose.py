"""Amazon Data Firehose delivery stream: buffers records and delivers them without code."""

from pydantic import Field

from generator.kinds.base import (
    ANY,
    LOG_DATA,
    LOG_GROUPS_EXPIRE_ENCRYPTED,
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
)


class FirehoseProps(Props):
    buffer_interval_s: int = Field(300, ge=0, le=900, description="seconds before a flush")
    buffer_size_mib: int = Field(64, ge=1, le=128, description="MiB before a flush")
    prefix: str = Field("events/", pattern=r"^[A-Za-z0-9_\-/]*$", description="S3 key prefix")


class KinesisFirehose(Kind):
    name = "kinesis.firehose"
    title = "Data Firehose"
    doc = (
        "A Firehose delivery stream to S3, GZIP-compressed, Hive-style date partitions, "
        "delivery errors logged to a log group it makes, encrypted with the stack's logs key."
    )
    icon = Icon("diagrams.aws.analytics", "KinesisDataFirehose")
    resource_types = ("AWS::KinesisFirehose::DeliveryStream", "AWS::Logs::LogGroup")
    supporting_types = ("AWS::IAM::Role", "AWS::IAM::Policy", "AWS::Logs::LogStream")
    needs = ("logs_key",)
    exports = {"stream": Export("firehose.DeliveryStream", "the delivery stream")}
    secure_defaults = (
        SecureDefault(
            "AWS::KinesisFirehose::DeliveryStream",
            {
                "DeliveryStreamEncryptionConfigurationInput": ANY,
                "ExtendedS3DestinationConfiguration": {
                    "CloudWatchLoggingOptions": {"Enabled": True}
                },
            },
            "Delivery streams encrypt at rest and log delivery errors.",
        ),
        LOG_GROUPS_EXPIRE_ENCRYPTED,
    )
    template = "kinds/kinesis_firehose.py.j2"
    imports = (
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import aws_kinesisfirehose as firehose",
        "from aws_cdk import Duration",
        "from aws_cdk import Size",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = FirehoseProps
    slots = {
        "destination_bucket": Slot("the S3 bucket it delivers to", "s3.IBucket", required=True),
        "processor": Slot("a Lambda function that transforms records", "firehose.IDataProcessor"),
    }
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::KinesisFirehose::DeliveryStream",
                "per GB ingested, each record rounded up to the next 5 KB",
                "https://aws.amazon.com/firehose/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            LOG_DATA,
        ),
        run="run/kinesis_firehose.md.j2",
    )
