"""Amazon Data Firehose delivery stream: buffers records and delivers them without code."""

from pydantic import Field

from generator.kinds.base import Connector, Icon, Kind, Props, Slot


class FirehoseProps(Props):
    buffer_interval_s: int = Field(300, ge=0, le=900, description="seconds before a flush")
    buffer_size_mib: int = Field(64, ge=1, le=128, description="MiB before a flush")
    prefix: str = Field("events/", pattern=r"^[A-Za-z0-9_\-/]*$", description="S3 key prefix")


class KinesisFirehose(Kind):
    name = "kinesis.firehose"
    title = "Data Firehose"
    doc = "A Firehose delivery stream to S3, GZIP-compressed, Hive-style date partitions."
    icon = Icon("diagrams.aws.analytics", "KinesisDataFirehose")
    resource_types = ("AWS::KinesisFirehose::DeliveryStream",)
    template = "kinds/kinesis_firehose.py.j2"
    imports = (
        "from aws_cdk import aws_kinesisfirehose as firehose",
        "from aws_cdk import Duration",
        "from aws_cdk import Size",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = FirehoseProps
    slots = {
        "destination_bucket": Slot("the S3 bucket it delivers to", required=True),
        "processor": Slot("a Lambda function that transforms records"),
    }
    connectors = (
        Connector(
            "s3.bucket",
            "delivers buffered records to the bucket",
            expression="connectors/firehose__s3_bucket.py.j2",
            fills=("source", "destination_bucket"),
            wiring="connectors/firehose__s3_bucket.wiring.py.j2",
        ),
        Connector(
            "lambda.function",
            "invokes the function to transform each batch",
            expression="connectors/firehose__lambda_function.py.j2",
            fills=("source", "processor"),
            wiring="connectors/firehose__lambda_function.wiring.py.j2",
        ),
    )
