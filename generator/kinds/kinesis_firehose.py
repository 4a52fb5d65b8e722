"""Amazon Data Firehose delivery stream: buffers records and delivers them without code."""

from typing import Literal

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

# The retention periods CloudWatch Logs accepts, in days, and CDK's names for them.
RETENTION_DAYS = {
    1: "ONE_DAY",
    3: "THREE_DAYS",
    5: "FIVE_DAYS",
    7: "ONE_WEEK",
    14: "TWO_WEEKS",
    30: "ONE_MONTH",
    60: "TWO_MONTHS",
    90: "THREE_MONTHS",
    120: "FOUR_MONTHS",
    150: "FIVE_MONTHS",
    180: "SIX_MONTHS",
    365: "ONE_YEAR",
    400: "THIRTEEN_MONTHS",
    545: "EIGHTEEN_MONTHS",
    731: "TWO_YEARS",
    1096: "THREE_YEARS",
    1827: "FIVE_YEARS",
    2192: "SIX_YEARS",
    2557: "SEVEN_YEARS",
    2922: "EIGHT_YEARS",
    3288: "NINE_YEARS",
    3653: "TEN_YEARS",
}
# Where Firehose writes the records it could not deliver or transform.
ERROR_PREFIX = "errors/"


class FirehoseProps(Props):
    buffer_interval_s: int = Field(300, ge=0, le=900, description="seconds before a flush")
    buffer_size_mib: int = Field(64, ge=1, le=128, description="MiB before a flush")
    prefix: str = Field("events/", pattern=r"^[A-Za-z0-9_\-/]*$", description="S3 key prefix")
    log_retention_days: Literal[tuple(RETENTION_DAYS)] = Field(  # type: ignore[valid-type]
        30, description="days CloudWatch Logs keeps the delivery-error logs"
    )
    log_removal: Literal["destroy", "retain"] = Field(
        "destroy",
        description=(
            "destroy deletes the delivery-error log group with the stack; retain keeps it, and "
            "its logs until they expire, after cdk destroy"
        ),
    )

    @property
    def retention(self) -> str:
        """CDK's name for the retention period (logs.RetentionDays)."""
        return RETENTION_DAYS[self.log_retention_days]

    @property
    def error_prefix(self) -> str:
        return ERROR_PREFIX


class KinesisFirehose(Kind):
    name = "kinesis.firehose"
    title = "Data Firehose"
    doc = (
        "A Firehose delivery stream to S3, GZIP-compressed, one Hive-style partition a day "
        "(dt=YYYY-MM-DD), "
        "delivery errors logged to a log group it makes, encrypted with the stack's logs key, "
        "and a role with only the S3 permissions Firehose documents for its destination, on "
        "the prefixes it writes (no deletes)."
    )
    icon = Icon("diagrams.aws.analytics", "KinesisDataFirehose")
    resource_types = ("AWS::KinesisFirehose::DeliveryStream", "AWS::Logs::LogGroup")
    supporting_types = ("AWS::IAM::Role", "AWS::IAM::Policy", "AWS::Logs::LogStream")
    needs = ("logs_key",)
    exports = {
        "stream": Export("firehose.DeliveryStream", "the delivery stream"),
        "role": Export("iam.Role", "the role Firehose delivers as"),
    }
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
        "from aws_cdk import aws_iam as iam",
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

    @classmethod
    def describe(cls, props: Props) -> str:
        kept = (
            "deleted with the stack"
            if props.log_removal == "destroy"
            else "kept after the stack is destroyed, until its logs expire (delete it by hand)"
        )
        return (
            f"{cls.doc} The delivery-error log group keeps logs {props.log_retention_days} days "
            f"and is {kept}; the props log_retention_days and log_removal (destroy or retain) "
            "choose. Keeping it preserves the evidence of failed deliveries after a tear-down."
        )

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
