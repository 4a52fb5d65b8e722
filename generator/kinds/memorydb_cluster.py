"""Amazon MemoryDB cluster: a durable in-memory database, Valkey or Redis OSS (T08).

MemoryDB answers reads in microseconds from memory and keeps every write in a
Multi-AZ transaction log, so unlike a cache it can be the primary store. The
cluster runs in the VPC's isolated subnets, with at least one replica per shard
in another AZ (automatic failover), TLS on every connection, encryption at rest
with a KMS key of its own, daily snapshots kept for a number of days, and a
final snapshot when the stack deletes it.

Clients authenticate with IAM, not a password: the one user of the cluster's
ACL has authentication mode `iam`, so a client signs a short-lived token with
its role's credentials (memorydb:Connect on the cluster and the user) and
there is no secret to store or rotate. The cluster's security group admits
nothing until a flow opens its port to one client's security group.

MemoryDB names clusters, users, ACLs and subnet groups per account and Region,
so every name ends with the first part of the stack's id.
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
    component_ref,
)

# The engine version each engine runs here: Valkey 7.2 and Redis OSS 7.1, both of which
# accept IAM authentication (7.0 and later). Engine versions:
# https://docs.aws.amazon.com/memorydb/latest/devguide/engine-versions.html
ENGINE_VERSIONS = {"valkey": "7.2", "redis": "7.1"}
PORT = 6379


class MemorydbClusterProps(Props):
    vpc: component_ref("ec2.vpc", export="vpc", doc="the VPC whose isolated subnets it runs in")
    engine: Literal["valkey", "redis"] = Field(
        "valkey", description="valkey (Valkey 7.2) or redis (Redis OSS 7.1)"
    )
    node_type: str = Field(
        "db.t4g.small",
        pattern=r"^db\.[a-z0-9]+\.[a-z0-9]+$",
        description="the node type of every node (db.t4g.small is the smallest)",
    )
    shards: int = Field(1, ge=1, le=500, description="shards: each holds part of the key space")
    replicas_per_shard: int = Field(
        1,
        ge=1,
        le=5,
        description=(
            "replicas of each shard's primary, in other AZs; at least 1, so that a failed "
            "primary fails over (Multi-AZ)"
        ),
    )
    snapshot_retention_days: int = Field(
        7, ge=1, le=35, description="days MemoryDB keeps its daily automatic snapshots"
    )
    access_string: str = Field(
        "on ~* &* +@all -@dangerous",
        pattern=r"^on [ -~]+$",
        description=(
            "what the application user may do, in Redis ACL syntax: every key and command but "
            "the dangerous ones (FLUSHALL, CONFIG, KEYS, ...) by default"
        ),
    )

    @property
    def engine_version(self) -> str:
        return ENGINE_VERSIONS[self.engine]

    @property
    def port(self) -> int:
        return PORT


class MemorydbCluster(Kind):
    name = "memorydb.cluster"
    title = "MemoryDB cluster"
    doc = (
        "A MemoryDB cluster (Valkey or Redis OSS) in isolated subnets: replicas in other AZs, "
        "TLS, an ACL whose one user authenticates with IAM, encryption at rest with its own "
        "KMS key, daily snapshots and a final snapshot, and a security group that admits only "
        "the clients a flow names."
    )
    icon = Icon("generator.icons", "MemoryDB")
    resource_types = (
        "AWS::MemoryDB::Cluster",
        "AWS::MemoryDB::ACL",
        "AWS::MemoryDB::User",
        "AWS::KMS::Key",
    )
    supporting_types = (
        "AWS::MemoryDB::SubnetGroup",
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupIngress",
    )
    template = "kinds/memorydb_cluster.py.j2"
    imports = (
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import aws_memorydb as memorydb",
        "from aws_cdk import Fn",
        "from aws_cdk import RemovalPolicy",
    )
    props = MemorydbClusterProps
    exports = {
        "cluster": Export("memorydb.CfnCluster", "the cluster"),
        "user": Export("memorydb.CfnUser", "the ACL's user, which authenticates with IAM"),
        "connections": Export(
            "ec2.Connections", "its security group and port: allow_default_port_from(a client)"
        ),
        "key": Export("kms.Key", "the key that encrypts its data and snapshots at rest"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::MemoryDB::Cluster",
            {
                "TLSEnabled": True,
                "KmsKeyId": ANY,
                "ACLName": ANY,
                "SnapshotRetentionLimit": ANY,
                "SecurityGroupIds": ANY,
                "SubnetGroupName": ANY,
            },
            "Clusters use TLS, their own KMS key, an ACL of their own, snapshots, their own "
            "subnets and security group.",
            tls=True,
        ),
        SecureDefault(
            "AWS::MemoryDB::User",
            {"AuthenticationMode": {"Type": "iam"}},
            "Users authenticate with IAM: no password to store or rotate.",
        ),
        KEYS_ROTATE,
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::MemoryDB::Cluster",
                "per node-hour: {shards} shard(s) of a primary and {replicas_per_shard} "
                "replica(s) each, of {node_type}, while the cluster exists",
                "https://aws.amazon.com/memorydb/pricing/",
                PRICING_CHECKED,
            ),
            Cost(
                "AWS::MemoryDB::Cluster",
                "per GB of data written, and per GB-month of snapshot storage",
                "https://aws.amazon.com/memorydb/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::KMS::Key": (
                "It encrypts the cluster's final snapshot, which is unreadable without it. "
                "CDK keeps KMS keys unless told otherwise; schedule its deletion (aws kms "
                "schedule-key-deletion) only after you have deleted the snapshot."
            ),
        },
        leaves_behind=(
            "the cluster's final snapshot (<cluster name>-final), taken when the stack deletes "
            "the cluster; it bills as snapshot storage until you delete it (aws memorydb "
            "delete-snapshot)",
        ),
        run="run/memorydb_cluster.md.j2",
    )
