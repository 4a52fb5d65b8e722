"""The connector s3.bucket -> athena.workgroup."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="s3.bucket",
    target="athena.workgroup",
    doc=(
        "the workgroup's queries read the bucket's data (read grant to its users' policy, and "
        "kms:Decrypt with the bucket's own key)"
    ),
    wiring="connectors/s3_bucket__athena_workgroup.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
)
