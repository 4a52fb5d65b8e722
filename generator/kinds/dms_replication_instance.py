"""AWS DMS replication instance: the server that runs replication tasks (T10).

It lives in private subnets of a VPC (never publicly accessible), with its
storage encrypted by a KMS key of its own and its task logs kept for a month.

DMS looks up two IAM roles by name, once per account: `dms-vpc-role` (it
must exist before any replication subnet group can be created) and
`dms-cloudwatch-logs-role` (to write task logs). The console creates them
the first time anyone uses DMS; CloudFormation does not. So the kind creates
them when `create_account_roles` is true, and keeps them when the stack is
deleted, because every DMS resource of the account relies on them.
"""

from pydantic import Field

from generator.kinds.base import (
    ANY,
    KEYS_ROTATE,
    KMS_KEYS_BILL_MONTHLY,
    LOG_DATA,
    LOG_GROUPS_EXPIRE_ENCRYPTED,
    PRICING_CHECKED,
    ContextFlag,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    component_ref,
)


class DmsReplicationInstanceProps(Props):
    vpc: component_ref("ec2.vpc", export="vpc", doc="the VPC whose private subnets it runs in")
    instance_class: str = Field(
        "dms.t3.medium",
        pattern=r"^dms\.[a-z0-9]+\.[a-z0-9]+$",
        description="replication instance class, e.g. dms.t3.medium, dms.r5.large",
    )
    allocated_storage_gib: int = Field(
        50, ge=5, le=6144, description="storage for cached changes and logs"
    )
    multi_az: bool = Field(
        False, description="a standby in another AZ that takes over if the instance fails"
    )
    create_account_roles: bool = Field(
        True,
        description=(
            "create the account-level roles dms-vpc-role and dms-cloudwatch-logs-role by "
            "default; the CDK context value create_dms_roles overrides it at deploy "
            "(-c create_dms_roles=false when the account already has them)"
        ),
    )


class DmsReplicationInstance(Kind):
    name = "dms.replication_instance"
    title = "DMS replication instance"
    doc = (
        "A DMS replication instance in private subnets, not publicly accessible, storage "
        "encrypted with its own KMS key, task logs kept a month; optionally Multi-AZ."
    )
    icon = Icon("diagrams.aws.migration", "DatabaseMigrationService")
    resource_types = (
        "AWS::DMS::ReplicationInstance",
        "AWS::DMS::ReplicationSubnetGroup",
        "AWS::EC2::SecurityGroup",
        "AWS::KMS::Key",
        "AWS::Logs::LogGroup",
    )
    supporting_types = ("AWS::IAM::Role", "AWS::EC2::VPCEndpoint", "AWS::EC2::SecurityGroupIngress")
    needs = ("logs_key",)
    exports = {
        "instance": Export("dms.CfnReplicationInstance", "the replication instance"),
        "security_group": Export("ec2.SecurityGroup", "its security group"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::DMS::ReplicationInstance",
            {"PubliclyAccessible": False, "KmsKeyId": ANY},
            "Replication instances are private and encrypt storage with a KMS key.",
        ),
        KEYS_ROTATE,
        LOG_GROUPS_EXPIRE_ENCRYPTED,
    )
    template = "kinds/dms_replication_instance.py.j2"
    imports = (
        "from aws_cdk import aws_dms as dms",
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import Acknowledgment",
        "from aws_cdk import Fn",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
    )
    props = DmsReplicationInstanceProps
    lifecycle = Lifecycle(
        context_flags=(
            ContextFlag(
                "create_dms_roles",
                prop="create_account_roles",
                set_to="false",
                when="deploy",
                doc=(
                    "The stack creates the account-level roles dms-vpc-role and "
                    "dms-cloudwatch-logs-role, which DMS finds by name: an account has each "
                    "once, and the DMS console creates them on first use. Where they exist, "
                    "deploy with this flag, or the deploy fails on the names that are taken."
                ),
            ),
        ),
        costs=(
            Cost(
                "AWS::DMS::ReplicationInstance",
                "per hour of its {instance_class} instance while it exists, whether or not a "
                "task runs (a Multi-AZ instance bills its standby too), and its storage per "
                "GB-month",
                "https://aws.amazon.com/dms/pricing/",
                PRICING_CHECKED,
            ),
            Cost(
                "AWS::EC2::VPCEndpoint",
                "per interface endpoint-hour in each Availability Zone, and per GB processed",
                "https://aws.amazon.com/privatelink/pricing/",
                PRICING_CHECKED,
            ),
            KMS_KEYS_BILL_MONTHLY,
            LOG_DATA,
        ),
        kept={
            "AWS::KMS::Key": (
                "CDK keeps KMS keys unless told otherwise. This one encrypted the replication "
                "instance's storage, which goes with the stack: schedule its deletion "
                "(aws kms schedule-key-deletion) once you are done."
            ),
        },
    )
