"""Amazon Kinesis Data Streams: an ordered, replayable stream that many consumers read (T22).

Unlike Firehose, a data stream delivers nowhere by itself: consumers (a Lambda
function through an event source mapping, a Managed Service for Apache Flink
application, the KCL) read it, each at its own position, for as long as the
stream retains records (24 hours here). It is encrypted with a customer-managed
KMS key of its own, so that a producer needs kms:GenerateDataKey and a consumer
kms:Decrypt on that key besides the stream; the flows grant both.

Capacity is a choice: on demand (no shards to size; billed per stream-hour and
per GB) or provisioned with a fixed number of shards (1 MB/s or 1,000 records/s
in and 2 MB/s out each; billed per shard-hour).

The event source mappings of Lambda consumers live in the stream's construct
(the kinesis.stream -> lambda.function connector makes them), so they are part of
this component: a mapping is the stream's side of the poll.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    ANY,
    KEYS_ROTATE,
    KMS_KEYS_BILL_MONTHLY,
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
)


class KinesisStreamProps(Props):
    capacity: Literal["on-demand", "provisioned"] = Field(
        "on-demand",
        description=(
            "on-demand: Kinesis scales the shards (billed per stream-hour and per GB); "
            "provisioned: a fixed shard_count (billed per shard-hour)"
        ),
    )
    shard_count: int = Field(
        1,
        ge=1,
        le=500,
        description="shards of a provisioned stream (1 MB/s in, 2 MB/s out each); unused on demand",
    )
    retention_hours: int = Field(
        24, ge=24, le=8760, description="hours a record stays readable (24 to 8,760)"
    )


class KinesisStream(Kind):
    name = "kinesis.stream"
    title = "Kinesis data stream"
    doc = (
        "A Kinesis data stream encrypted with a customer-managed KMS key of its own (rotated "
        "yearly); consumers read it each at their own position."
    )
    icon = Icon("diagrams.aws.analytics", "KinesisDataStreams")
    resource_types = ("AWS::Kinesis::Stream", "AWS::KMS::Key")
    supporting_types = ("AWS::Lambda::EventSourceMapping",)
    template = "kinds/kinesis_stream.py.j2"
    imports = (
        "from aws_cdk import aws_kinesis as kinesis",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import Duration",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = KinesisStreamProps
    exports = {
        "stream": Export("kinesis.Stream", "the data stream"),
        "key": Export("kms.Key", "the key that encrypts its records"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::Kinesis::Stream",
            {"StreamEncryption": {"EncryptionType": "KMS", "KeyId": ANY}},
            "Data streams encrypt their records with a customer-managed key.",
        ),
        KEYS_ROTATE,
    )

    @classmethod
    def describe(cls, props: Props) -> str:
        if props.capacity == "provisioned":
            capacity = (
                f"Provisioned with {props.shard_count} shard(s): up to "
                f"{props.shard_count} MB/s or {props.shard_count * 1000} records/s in"
            )
        else:
            capacity = "On demand: Kinesis adds and removes shards with the traffic"
        return (
            f"{cls.doc} {capacity}; records stay readable {props.retention_hours} hours "
            "(props capacity, shard_count, retention_hours)."
        )

    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Kinesis::Stream",
                "on demand: per stream-hour and per GB written and read; provisioned: per "
                "shard-hour and per million PUT payload units; retention beyond 24 hours costs "
                "extra per shard-hour or per GB-month",
                "https://aws.amazon.com/kinesis/data-streams/pricing/",
                PRICING_CHECKED,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::KMS::Key": (
                "CDK keeps KMS keys unless told otherwise. This one encrypted the stream's "
                "records, which go with the stack: schedule its deletion (aws kms "
                "schedule-key-deletion) once the stack is gone."
            ),
        },
        run="run/kinesis_stream.md.j2",
    )
