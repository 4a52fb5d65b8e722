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

Clients get database users of their own, not the admin: `login(username,
reader)` makes a secret for the user and a custom resource whose function
(application code, `lambda/<id>_logins/`) creates the user through the RDS
Data API, with CONNECT and CREATE on the database. The DMS target endpoint
logs in this way, as the DMS documentation recommends.

A minimum capacity of 0 ACUs turns on auto-pause: an instance with no user
connections for auto_pause_after_s seconds pauses, and costs nothing for
compute until the next connection resumes it. Only engine versions that
support auto-pause accept 0; the pinned Aurora PostgreSQL 16.8 does (from
16.3 on, as CDK's AuroraPostgresEngineVersion records), and because the
template always passes the pause delay with a minimum of 0, CDK refuses the
combination at synth if the pinned version is ever changed to one that
does not.
"""

from typing import Literal

from pydantic import Field, model_validator

from generator.kinds.base import (
    ANY,
    KEYS_ROTATE,
    KMS_KEYS_BILL_MONTHLY,
    LOG_DATA,
    LOG_GROUPS_EXPIRE_ENCRYPTED,
    PRICING_CHECKED,
    AppFile,
    ContextFlag,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
    component_ref,
)

# SecondsUntilAutoPause when it is not given (API_ServerlessV2ScalingConfiguration).
AURORA_DEFAULT_PAUSE_DELAY_S = 300


class AuroraClusterProps(Props):
    vpc: component_ref("ec2.vpc", export="vpc", doc="the VPC whose isolated subnets it runs in")
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
        0.5,
        ge=0,
        le=256,
        description="lowest capacity in ACUs; 0 lets idle instances pause (auto-pause)",
    )
    auto_pause_after_s: int | None = Field(
        None,
        ge=300,
        le=86400,
        description=(
            "with min_capacity_acu 0: seconds without user connections before an instance "
            "pauses (Aurora's default, 300, when not set)"
        ),
    )
    max_capacity_acu: float = Field(16, ge=1, le=256, description="highest capacity in ACUs")
    readers: int = Field(
        0, ge=0, le=15, description="reader instances in other AZs (failover and reads)"
    )
    backup_retention_days: int = Field(7, ge=1, le=35)
    deletion_protection: bool = Field(
        True,
        description=(
            "refuse to delete the cluster; the CDK context value deletion_protection overrides "
            "it (cdk deploy -c deletion_protection=false before cdk destroy)"
        ),
    )
    monitoring_interval_s: Literal[1, 5, 10, 15, 30, 60] = Field(
        60, description="Enhanced Monitoring: seconds between OS metrics samples (T32)"
    )

    @model_validator(mode="after")
    def _capacity_range(self) -> "AuroraClusterProps":
        if self.min_capacity_acu > self.max_capacity_acu:
            raise ValueError("min_capacity_acu must not exceed max_capacity_acu")
        for name in ("min_capacity_acu", "max_capacity_acu"):
            # Aurora Serverless v2 capacity goes in steps of half an ACU (CDK refuses others).
            if (getattr(self, name) * 2) % 1:
                raise ValueError(f"{name} must be a multiple of 0.5 (got {getattr(self, name):g})")
        if self.auto_pause_after_s is not None and self.min_capacity_acu != 0:
            raise ValueError(
                f"auto_pause_after_s applies only with min_capacity_acu 0 (auto-pause); "
                f"with {self.min_capacity_acu:g} ACUs the instances never pause"
            )
        return self

    @property
    def pause_delay_s(self) -> int | None:
        """Seconds idle before pausing, or None when the cluster never pauses."""
        if self.min_capacity_acu != 0:
            return None
        return self.auto_pause_after_s or AURORA_DEFAULT_PAUSE_DELAY_S


class RdsAuroraCluster(Kind):
    name = "rds.aurora_cluster"
    title = "Aurora Serverless v2"
    doc = (
        "An Aurora PostgreSQL Serverless v2 cluster in isolated subnets: storage and secret "
        "encrypted with its own KMS key, secret rotated monthly, TLS enforced, logs kept a "
        "month in a KMS-encrypted log group, Enhanced Monitoring of every instance (OS "
        "metrics from an agent on the instance, topic T32 of the notes), deletion "
        "protection, optional auto-pause (a minimum of 0 ACUs), optional S3 import and export."
    )
    icon = Icon("diagrams.aws.database", "Aurora")
    resource_types = (
        "AWS::RDS::DBCluster",
        "AWS::RDS::DBInstance",
        "AWS::SecretsManager::Secret",
        "AWS::KMS::Key",
        "AWS::Logs::LogGroup",
    )
    supporting_types = (
        "AWS::RDS::DBSubnetGroup",
        "AWS::RDS::DBClusterParameterGroup",
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupIngress",
        "AWS::SecretsManager::SecretTargetAttachment",
        "AWS::SecretsManager::ResourcePolicy",
        "AWS::SecretsManager::RotationSchedule",
        "AWS::Serverless::Application",
        "AWS::IAM::Role",
        "AWS::IAM::Policy",
        "AWS::Lambda::Function",
        "Custom::DatabaseLogin",
    )
    needs = ("logs_key",)
    exports = {
        "cluster": Export("rds.DatabaseCluster", "the cluster"),
        "secret": Export("secretsmanager.ISecret", "the admin secret: host, port, user, password"),
        "logins": Export(
            "dict[str, secretsmanager.ISecret]", "the secrets of the database users login() made"
        ),
        "login": Export(
            "Callable[[str, iam.IGrantable], secretsmanager.ISecret]",
            "login(username, reader): a database user of its own for a client (not the admin), "
            "created through the Data API; its secret, which reader may read",
        ),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::RDS::DBCluster",
            {"StorageEncrypted": True, "KmsKeyId": ANY, "DBClusterParameterGroupName": ANY},
            "Clusters encrypt their storage with their own key.",
        ),
        SecureDefault(
            "AWS::RDS::DBClusterParameterGroup",
            {"Parameters": {"rds.force_ssl": "1"}},
            "Clients must connect with TLS.",
            tls=True,
        ),
        SecureDefault(
            "AWS::RDS::DBInstance",
            {"PubliclyAccessible": False, "MonitoringInterval": ANY, "MonitoringRoleArn": ANY},
            "Instances are private and have Enhanced Monitoring (T32).",
        ),
        KEYS_ROTATE,
        LOG_GROUPS_EXPIRE_ENCRYPTED,
    )
    template = "kinds/rds_aurora_cluster.py.j2"
    imports = (
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import aws_rds as rds",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import aws_secretsmanager as secretsmanager",
        "from aws_cdk import ArnFormat",
        "from aws_cdk import Acknowledgment",
        "from aws_cdk import Duration",
        "from aws_cdk import Fn",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import CustomResource",
        "from aws_cdk import aws_lambda as lambda_",
        "from collections.abc import Callable",
    )
    app_files = (AppFile("lambda/{id}_logins/index.py", "app/{folder}/logins.py.j2"),)
    props = AuroraClusterProps
    slots = {
        "s3_import_buckets": Slot(
            "buckets it may import from (aws_s3.table_import_from_s3)", "s3.IBucket", many=True
        ),
        "s3_export_buckets": Slot(
            "buckets it may export to (aws_s3.query_export_to_s3)", "s3.IBucket", many=True
        ),
    }
    lifecycle = Lifecycle(
        context_flags=(
            ContextFlag(
                "deletion_protection",
                prop="deletion_protection",
                set_to="false",
                when="destroy",
                doc=(
                    "The cluster refuses to be deleted while its deletion protection is on, "
                    "so `cdk destroy` fails. Deploy once with this flag to turn it off, then "
                    "destroy."
                ),
            ),
        ),
        costs=(
            Cost(
                "AWS::RDS::DBInstance",
                "per ACU-hour: each instance holds at least {min_capacity_acu} ACU while the "
                "cluster runs, and scales up to {max_capacity_acu} ACU under load",
                "https://aws.amazon.com/rds/aurora/pricing/",
                PRICING_CHECKED,
                when="min_capacity_acu",
            ),
            Cost(
                "AWS::RDS::DBInstance",
                "per ACU-hour while it runs (up to {max_capacity_acu} ACU); with a minimum "
                "of 0 ACU an idle instance pauses and bills no ACUs",
                "https://aws.amazon.com/rds/aurora/pricing/",
                PRICING_CHECKED,
                idle=False,
                when="not min_capacity_acu",
            ),
            Cost(
                "AWS::RDS::DBInstance",
                "Enhanced Monitoring's OS metrics, every {monitoring_interval_s} s, go to "
                "CloudWatch Logs and bill as log data ingested and stored",
                "https://aws.amazon.com/cloudwatch/pricing/",
                PRICING_CHECKED,
            ),
            Cost(
                "AWS::RDS::DBCluster",
                "per GB-month of storage and of backup storage, and per million I/O requests",
                "https://aws.amazon.com/rds/aurora/pricing/",
                PRICING_CHECKED,
            ),
            Cost(
                "AWS::SecretsManager::Secret",
                "per secret-month, and per 10,000 API calls",
                "https://aws.amazon.com/secrets-manager/pricing/",
                PRICING_CHECKED,
            ),
            Cost(
                "AWS::Lambda::Function",
                "per request and GB-second: the function that creates database logins runs "
                "only when the stack creates, changes or deletes one",
                "https://aws.amazon.com/lambda/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            KMS_KEYS_BILL_MONTHLY,
            LOG_DATA,
        ),
        kept={
            "AWS::RDS::DBCluster": (
                "CloudFormation takes a final snapshot before it deletes the cluster "
                "(RemovalPolicy.SNAPSHOT), so the data survives a destroy. The snapshot bills "
                "as backup storage until you delete it."
            ),
            "AWS::KMS::Key": (
                "It encrypts the cluster's final snapshot, which is unreadable without it. "
                "CDK keeps KMS keys unless told otherwise; schedule its deletion (aws kms "
                "schedule-key-deletion) only after you have deleted the snapshot."
            ),
        },
        leaves_behind=(
            "the log group RDSOSMetrics that Enhanced Monitoring writes to: RDS creates it "
            "once per account and Region, and every database with Enhanced Monitoring shares it",
        ),
    )
