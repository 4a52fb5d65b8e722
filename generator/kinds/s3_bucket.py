"""Amazon S3 bucket: private, encrypted, TLS-only, versioned and access-logged.

Server access logs go to a second bucket the kind makes beside the first
(`AccessLogs`), kept 90 days; a pattern may switch logging off where the
bucket's content is itself short-lived scratch space. Encryption is SSE-S3 or,
where a reader or writer requires it (Aurora's aws_s3 export), SSE-KMS with
a key of the bucket's own.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    ANY,
    KEYS_ROTATE,
    KMS_KEYS_BILL_MONTHLY,
    PRICING_CHECKED,
    ArrayWith,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
)


class S3BucketProps(Props):
    versioned: bool = True
    expire_after_days: int | None = Field(
        None, ge=1, le=3650, description="delete objects after N days"
    )
    access_logs: bool = Field(True, description="server access logs to a bucket beside it")
    encryption: Literal["s3", "kms"] = Field(
        "s3", description="SSE-S3, or SSE-KMS with a customer-managed key of the bucket's own"
    )
    event_bridge: bool = Field(
        False,
        description=(
            "send the bucket's events (Object Created, ...) to EventBridge, for a rule that "
            "reacts to new files"
        ),
    )


class S3Bucket(Kind):
    name = "s3.bucket"
    title = "S3 bucket"
    doc = (
        "An S3 bucket with public access blocked, SSE-S3 or SSE-KMS encryption, TLS enforced, "
        "versioning and server access logs kept 90 days in a bucket beside it."
    )
    icon = Icon("diagrams.aws.storage", "SimpleStorageServiceS3")
    resource_types = ("AWS::S3::Bucket",)
    supporting_types = ("AWS::S3::BucketPolicy", "AWS::KMS::Key")
    template = "kinds/s3_bucket.py.j2"
    imports = (
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import Duration",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = S3BucketProps
    exports = {
        "bucket": Export("s3.Bucket", "the bucket"),
        "key": Export("kms.Key | None", "its KMS key, with encryption: kms"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::S3::Bucket",
            {
                "PublicAccessBlockConfiguration": {
                    "BlockPublicAcls": True,
                    "BlockPublicPolicy": True,
                    "IgnorePublicAcls": True,
                    "RestrictPublicBuckets": True,
                },
                "BucketEncryption": {"ServerSideEncryptionConfiguration": ANY},
                "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
            },
            "Buckets block public access, encrypt, and own every object.",
        ),
        SecureDefault(
            "AWS::S3::BucketPolicy",
            {
                "PolicyDocument": {
                    "Statement": ArrayWith(
                        (
                            {
                                "Effect": "Deny",
                                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                            },
                        )
                    )
                }
            },
            "Bucket policies deny requests that do not use TLS.",
            tls=True,
        ),
        KEYS_ROTATE,
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::S3::Bucket",
                "per GB-month of the objects stored (every version) and per request",
                "https://aws.amazon.com/s3/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::S3::Bucket": (
                "Kept with its data (RemovalPolicy.RETAIN): the objects are yours, and "
                "CloudFormation cannot delete a bucket that holds any. When you no longer need "
                "them, empty the bucket (every object version) in the S3 console and delete it; "
                "its access-log bucket likewise."
            ),
            "AWS::KMS::Key": (
                "It encrypts the objects of its bucket, which is kept: they are unreadable "
                "without it. Schedule its deletion (aws kms schedule-key-deletion) only after "
                "the bucket is gone."
            ),
        },
    )
