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
    destination: Literal["s3", "opensearch"] = Field(
        "s3",
        description=(
            "s3 delivers to the bucket; opensearch indexes into an OpenSearch Service domain in "
            "a VPC (a flow to an opensearch.domain) and backs up the documents it could not "
            "index to the bucket"
        ),
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


# Firehose's buffer for an OpenSearch Service destination holds at most 100 MiB
# (AmazonopensearchserviceBufferingHints).
OPENSEARCH_MAX_BUFFER_MIB = 100
OPENSEARCH_DOC = (
    "A Firehose delivery stream into an OpenSearch Service domain in a VPC, through network "
    "interfaces in the domain's subnets behind a security group of its own (HTTPS to the "
    "domain only); documents it cannot index go to the S3 bucket, GZIP-compressed. Delivery "
    "errors are logged to a log group it makes, encrypted with the stack's logs key, and its "
    "role has only the OpenSearch, VPC and S3 permissions Firehose documents for a VPC "
    "domain, on that domain and the backup prefixes."
)


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
    supporting_types = (
        "AWS::IAM::Role",
        "AWS::IAM::Policy",
        "AWS::Logs::LogStream",
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupEgress",
    )
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
            when=("destination", "s3"),
        ),
        SecureDefault(
            "AWS::KinesisFirehose::DeliveryStream",
            {
                "DeliveryStreamEncryptionConfigurationInput": ANY,
                "AmazonopensearchserviceDestinationConfiguration": {
                    "CloudWatchLoggingOptions": {"Enabled": True},
                    "VpcConfiguration": {"SecurityGroupIds": ANY, "SubnetIds": ANY},
                    "S3BackupMode": "FailedDocumentsOnly",
                },
            },
            "Delivery streams encrypt at rest, log delivery errors, reach the domain inside its "
            "VPC and keep the documents it refuses.",
            when=("destination", "opensearch"),
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
        "from aws_cdk import aws_ec2 as ec2",
    )
    props = FirehoseProps
    slots = {
        "destination_bucket": Slot("the S3 bucket it delivers to", "s3.IBucket", required=True),
        "processor": Slot("a Lambda function that transforms records", "firehose.IDataProcessor"),
        "search_domain": Slot(
            "with destination: opensearch, the OpenSearch Service domain it indexes into: "
            "{'domain': opensearch.Domain, 'index': the write alias, 'security_group': the "
            "domain's, 'vpc': ec2.IVpc, 'subnets': ec2.SubnetSelection of the domain's nodes}",
            "dict",
        ),
    }

    @classmethod
    def check(cls, props: Props, filled: dict[str, int]) -> str | None:
        domains = filled.get("search_domain", 0)
        if props.destination == "s3":
            if domains:
                return "a flow to an opensearch.domain needs destination: opensearch"
            return None
        if domains != 1:
            return "destination: opensearch needs exactly one flow to an opensearch.domain"
        if filled.get("processor"):
            return "destination: opensearch takes no record transformer (processor) yet"
        if props.buffer_size_mib > OPENSEARCH_MAX_BUFFER_MIB:
            return (
                f"buffer_size_mib must be at most {OPENSEARCH_MAX_BUFFER_MIB} for an OpenSearch "
                f"Service destination (got {props.buffer_size_mib})"
            )
        return None

    @classmethod
    def class_doc(cls, props: Props) -> str:
        return OPENSEARCH_DOC if props.destination == "opensearch" else cls.doc

    @classmethod
    def describe(cls, props: Props) -> str:
        kept = (
            "deleted with the stack"
            if props.log_removal == "destroy"
            else "kept after the stack is destroyed, until its logs expire (delete it by hand)"
        )
        return (
            f"{cls.class_doc(props)} The delivery-error log group keeps logs "
            f"{props.log_retention_days} days "
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
            Cost(
                "AWS::KinesisFirehose::DeliveryStream",
                "per hour for each AZ it delivers into a VPC in, and per GB it delivers there",
                "https://aws.amazon.com/firehose/pricing/",
                PRICING_CHECKED,
                when="destination=opensearch",
            ),
            LOG_DATA,
        ),
        run="run/kinesis_firehose.md.j2",
    )
