"""Amazon Aurora Serverless v2 cluster (PostgreSQL-compatible) in a VPC's isolated subnets (T09).

Aurora Serverless v2 scales its capacity (ACUs) with the load, between a
minimum and a maximum, so a cluster that receives a bulk load and then a
trickle of changes pays for what it uses. Its storage and its generated
credentials (a Secrets Manager secret with host, port, user and password) are
encrypted with a KMS key of its own, connections must use TLS, its PostgreSQL
log is kept a month, and it can import from and export to S3 buckets (the
aws_s3 extension, through a gateway endpoint to S3).

Secrets Manager rotates the password every 30 days with a function in the
VPC's private subnets, which reaches Secrets Manager through the NAT gateway.
A VPC without one gets no rotation (acknowledged), since only one Secrets
Manager endpoint per VPC can serve its private DNS name and the VPC kind owns
neither.
"""

from typing import Literal

from pydantic import Field, model_validator

from generator.kinds.base import Connector, Icon, Kind, Props, Slot, component_ref


class AuroraClusterProps(Props):
    vpc: component_ref("ec2.vpc", doc="the VPC whose isolated subnets it runs in")
    engine: Literal["postgresql"] = Field(
        "postgresql", description="Aurora PostgreSQL (16.x); other engines are not supported yet"
    )
    database_name: str = Field(
        pattern=r"^[a-z][a-z0-9_]{0,62}$", description="the database created with the cluster"
    )
    master_username: str = Field(
        "dbadmin", pattern=r"^[a-z][a-z0-9_]{0,15}$", description="user of the generated secret"
    )
    min_capacity_acu: float = Field(
        0.5, ge=0, le=256, description="lowest capacity in ACUs (0 pauses an idle cluster)"
    )
    max_capacity_acu: float = Field(16, ge=1, le=256, description="highest capacity in ACUs")
    readers: int = Field(
        0, ge=0, le=15, description="reader instances in other AZs (failover and reads)"
    )
    backup_retention_days: int = Field(7, ge=1, le=35)
    deletion_protection: bool = True

    @model_validator(mode="after")
    def _capacity_range(self) -> "AuroraClusterProps":
        if self.min_capacity_acu > self.max_capacity_acu:
            raise ValueError("min_capacity_acu must not exceed max_capacity_acu")
        return self


class RdsAuroraCluster(Kind):
    name = "rds.aurora_cluster"
    title = "Aurora Serverless v2"
    doc = (
        "An Aurora PostgreSQL Serverless v2 cluster in isolated subnets: storage and secret "
        "encrypted with its own KMS key, secret rotated monthly, TLS enforced, logs kept a "
        "month, deletion protection, optional S3 import and export."
    )
    icon = Icon("diagrams.aws.database", "Aurora")
    resource_types = (
        "AWS::RDS::DBCluster",
        "AWS::RDS::DBInstance",
        "AWS::SecretsManager::Secret",
        "AWS::KMS::Key",
        "AWS::Logs::LogGroup",
    )
    template = "kinds/rds_aurora_cluster.py.j2"
    imports = (
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import aws_rds as rds",
        "from aws_cdk import Acknowledgment",
        "from aws_cdk import Duration",
        "from aws_cdk import Fn",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
    )
    props = AuroraClusterProps
    slots = {
        "s3_import_buckets": Slot(
            "buckets it may import from (aws_s3.table_import_from_s3)", many=True
        ),
        "s3_export_buckets": Slot(
            "buckets it may export to (aws_s3.query_export_to_s3)", many=True
        ),
    }
    connectors = (
        Connector(
            "s3.bucket",
            "the cluster exports query results to the bucket (aws_s3.query_export_to_s3)",
            expression="connectors/rds_aurora_cluster__s3_bucket.py.j2",
            fills=("source", "s3_export_buckets"),
        ),
    )
