"""Amazon DynamoDB table: a key-value store that answers in single-digit milliseconds.

On-demand capacity (nothing to size, nothing billed for reads and writes while
nobody calls it), encrypted with a customer-managed KMS key of its own, with
point-in-time recovery so that a bad write can be undone to any second of the
last 35 days. Deleted with the stack; the key stays, because the backup
DynamoDB takes of a deleted table with point-in-time recovery on is encrypted
with it.
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

ATTRIBUTE = r"^[A-Za-z_][A-Za-z0-9_.\-]{0,254}$"


class DynamodbTableProps(Props):
    table_name: str | None = Field(
        None,
        pattern=r"^[a-z][a-z0-9_]{2,254}$",
        description=(
            "a fixed name, for SQL that names the table (Athena's DynamoDB connector); unique "
            "in the account and Region, and a change replaces the table. Left out, "
            "CloudFormation picks a unique name"
        ),
    )
    partition_key: str = Field(
        "pk", pattern=ATTRIBUTE, description="name of the partition (hash) key attribute"
    )
    partition_key_type: Literal["S", "N"] = Field(
        "S", description="type of the partition key: S (string) or N (number)"
    )
    sort_key: str | None = Field(
        None,
        pattern=ATTRIBUTE,
        description=(
            "name of the sort (range) key attribute; left out, the key is the partition key alone"
        ),
    )
    sort_key_type: Literal["S", "N"] = Field("S", description="type of the sort key")
    time_to_live_attribute: str | None = Field(
        None,
        pattern=ATTRIBUTE,
        description=(
            "attribute holding an epoch-seconds expiry time: DynamoDB deletes expired items "
            "at no cost"
        ),
    )


class DynamodbTable(Kind):
    name = "dynamodb.table"
    title = "DynamoDB table"
    doc = (
        "An on-demand DynamoDB table encrypted with a customer-managed KMS key of its own, "
        "with point-in-time recovery."
    )
    icon = Icon("diagrams.aws.database", "DynamodbTable")
    resource_types = ("AWS::DynamoDB::Table", "AWS::KMS::Key")
    template = "kinds/dynamodb_table.py.j2"
    imports = (
        "from aws_cdk import aws_dynamodb as dynamodb",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import RemovalPolicy",
    )
    props = DynamodbTableProps
    exports = {
        "table": Export("dynamodb.Table", "the table"),
        "key": Export("kms.Key", "the key that encrypts it"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::DynamoDB::Table",
            {"SSESpecification": {"SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": ANY}},
            "Tables are encrypted with a customer-managed key.",
        ),
        SecureDefault(
            "AWS::DynamoDB::Table",
            {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True}},
            "Tables keep point-in-time recovery.",
        ),
        KEYS_ROTATE,
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::DynamoDB::Table",
                "on demand: per million read and write request units, plus per GB-month "
                "stored and for point-in-time recovery; no request charge while idle",
                "https://aws.amazon.com/dynamodb/pricing/",
                PRICING_CHECKED,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::KMS::Key": (
                "CDK keeps KMS keys unless told otherwise. Deleting a table with point-in-time "
                "recovery on makes a system backup that DynamoDB keeps for 35 days, encrypted "
                "with this key: schedule the key's deletion (aws kms schedule-key-deletion) "
                "once that backup is no longer wanted."
            ),
        },
        run="run/dynamodb_table.md.j2",
    )
