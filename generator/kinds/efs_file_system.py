"""Amazon EFS file system: storage that every task of a service shares (T17).

Encrypted at rest with a key of its own and in transit (the file system policy denies
any connection without TLS), reached through one access point that pins a POSIX user
and a root directory, IAM-authorized (once a file system policy exists, only the
principals it or their own policies allow may mount), and backed up daily by AWS
Backup. Its mount targets sit in the VPC's private subnets, one per AZ, behind a
security group that a flow opens to the client on NFS (2049) only.
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
    component_ref,
)


class EfsFileSystemProps(Props):
    vpc: component_ref(
        "ec2.vpc", export="vpc", doc="the VPC whose private subnets hold its mount targets"
    )
    path: str = Field(
        "/shared",
        pattern=r"^/[a-z0-9_\-]+(/[a-z0-9_\-]+)*$",
        description="the directory the access point exposes as the client's root",
    )
    posix_uid: int = Field(
        1000, ge=1, le=65534, description="the user id every client acts as (never root)"
    )
    posix_gid: int = Field(1000, ge=1, le=65534, description="the group id every client acts as")
    throughput_mode: Literal["elastic", "bursting"] = Field(
        "elastic", description="elastic scales throughput with the workload, billed per GB moved"
    )
    transition_to_ia_days: Literal[7, 14, 30, 60, 90] = Field(
        30, description="days without access before a file moves to Infrequent Access"
    )


class EfsFileSystem(Kind):
    name = "efs.file_system"
    title = "EFS file system"
    doc = (
        "An Amazon EFS file system encrypted with its own KMS key, TLS required by its file "
        "system policy, one access point with a fixed POSIX user and root directory, IAM "
        "authorization for every mount, daily AWS Backup, and mount targets in the private "
        "subnets."
    )
    icon = Icon("diagrams.aws.storage", "ElasticFileSystemEFS")
    resource_types = ("AWS::EFS::FileSystem", "AWS::EFS::AccessPoint", "AWS::EFS::MountTarget")
    supporting_types = (
        "AWS::KMS::Key",
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupIngress",
    )
    template = "kinds/efs_file_system.py.j2"
    imports = (
        "from aws_cdk import aws_efs as efs",
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import RemovalPolicy",
    )
    props = EfsFileSystemProps
    exports = {
        "file_system": Export("efs.FileSystem", "the file system"),
        "access_point": Export(
            "efs.AccessPoint", "its access point (the only way in: POSIX user, root directory)"
        ),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::EFS::FileSystem",
            {
                "Encrypted": True,
                "KmsKeyId": ANY,
                "BackupPolicy": {"Status": "ENABLED"},
            },
            "File systems encrypt with a customer-managed key and are backed up.",
        ),
        SecureDefault(
            "AWS::EFS::FileSystem",
            {
                "FileSystemPolicy": {
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
            "File system policies deny connections that do not use TLS.",
            tls=True,
        ),
        SecureDefault(
            "AWS::EFS::AccessPoint",
            {"PosixUser": {"Uid": ANY, "Gid": ANY}},
            "Access points make every client act as one POSIX user.",
        ),
        KEYS_ROTATE,
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::EFS::FileSystem",
                "per GB-month stored (less in Infrequent Access), per GB read and written "
                "with elastic throughput, and AWS Backup per GB-month of its backups",
                "https://aws.amazon.com/efs/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::EFS::FileSystem": (
                "Kept with its files (RemovalPolicy.RETAIN), like every store of data here. "
                "Delete the file system in the EFS console once you need none of its files; "
                "AWS Backup keeps its recovery points in the default vault for 35 days "
                "unless you delete them."
            ),
            "AWS::KMS::Key": (
                "It encrypts the kept file system and its backups: schedule its deletion "
                "(aws kms schedule-key-deletion) only after both are gone."
            ),
        },
        leaves_behind=(
            "AWS Backup recovery points of the file system, in the account's default EFS "
            "backup vault, kept per the default plan (daily, 35 days)",
        ),
    )
