"""Amazon S3 bucket: private, encrypted, TLS-only and versioned unless a pattern says otherwise."""

from pydantic import Field

from generator.kinds.base import Icon, Kind, Props


class S3BucketProps(Props):
    versioned: bool = True
    expire_after_days: int | None = Field(
        None, ge=1, le=3650, description="delete objects after N days"
    )


class S3Bucket(Kind):
    name = "s3.bucket"
    title = "S3 bucket"
    doc = "An S3 bucket with public access blocked, SSE encryption, TLS enforced and versioning."
    icon = Icon("diagrams.aws.storage", "SimpleStorageServiceS3")
    resource_types = ("AWS::S3::Bucket",)
    template = "kinds/s3_bucket.py.j2"
    imports = (
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import Duration",
        "from aws_cdk import RemovalPolicy",
    )
    props = S3BucketProps
