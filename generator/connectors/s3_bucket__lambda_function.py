"""The connector s3.bucket -> lambda.function: the function reads the bucket's objects.

Not an S3 event notification: the function's code calls GetObject. Its role may read any
object and list the bucket (so that a missing key is a 404, not a 403), and decrypt with the
bucket's key when it has one (SSE-KMS), nothing else.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="s3.bucket",
    target="lambda.function",
    doc=(
        "the function reads objects (s3:GetObject, and s3:ListBucket so that a missing key is "
        "NoSuchKey) and finds the bucket's name in an environment variable named after the "
        "component (ORIGINALS_BUCKET for originals)"
    ),
    wiring="connectors/s3_bucket__lambda_function.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
)
