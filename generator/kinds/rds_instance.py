"""Amazon RDS for PostgreSQL instance with Enhanced Monitoring and Performance Insights (T32).

CloudWatch's standard RDS metrics come from the hypervisor the instance runs on.
Enhanced Monitoring runs an agent on the instance itself and sends its operating
system's view (every process and thread, memory, swap, file systems) to CloudWatch
Logs every monitoring_interval_s seconds (1, 5, 10, 15, 30 or 60). Performance
Insights shows the database load by wait, SQL statement and user, its data encrypted
with the instance's KMS key and kept 7 days (the free retention).

It runs in isolated subnets, storage and generated admin secret encrypted with its
own key, TLS forced, IAM authentication on, its PostgreSQL log kept a month, backups
for 7 days, deletion protection unless the CDK context says otherwise, and a final
snapshot on delete. The admin password rotates every 30 days where the VPC has a NAT
gateway for the rotation function.
"""

from pydantic import Field, field_validator

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

MONITORING_INTERVALS = (1, 5, 10, 15, 30, 60)


class RdsInstanceProps(Props):
    vpc: component_ref("ec2.vpc", export="vpc", doc="the VPC whose isolated subnets it runs in")
    instance_class: str = Field(
        "t4g.medium",
        pattern=r"^[a-z][a-z0-9]*\.[a-z0-9]+$",
        description="the DB instance class without db. (t4g.medium, m7g.large)",
    )
    allocated_storage_gib: int = Field(20, ge=20, le=65536, description="gp3 storage in GiB")
    database_name: str = Field(
        "app", pattern=r"^[a-z][a-z0-9_]{0,62}$", description="the database created with it"
    )
    monitoring_interval_s: int = Field(
        60,
        description="Enhanced Monitoring: seconds between OS samples (1, 5, 10, 15, 30 or 60)",
    )
    deletion_protection: bool = Field(
        True,
        description=(
            "refuse to delete the instance; the CDK context value deletion_protection "
            "overrides it (cdk deploy -c deletion_protection=false before cdk destroy)"
        ),
    )

    @field_validator("monitoring_interval_s")
    @classmethod
    def _interval(cls, value: int) -> int:
        # The intervals RDS accepts (MonitoringInterval; 0 would turn it off).
        if value not in MONITORING_INTERVALS:
            raise ValueError(
                f"expected one of {', '.join(map(str, MONITORING_INTERVALS))}, got {value}"
            )
        return value


class RdsInstance(Kind):
    name = "rds.instance"
    title = "RDS for PostgreSQL"
    doc = (
        "An RDS for PostgreSQL instance in isolated subnets: storage, secret and Performance "
        "Insights encrypted with its own KMS key, TLS forced, Enhanced Monitoring (OS metrics "
        "from an agent on the instance, T32), log kept a month, deletion protection, final "
        "snapshot."
    )
    icon = Icon("diagrams.aws.database", "RDSPostgresqlInstance")
    resource_types = (
        "AWS::RDS::DBInstance",
        "AWS::SecretsManager::Secret",
        "AWS::KMS::Key",
        "AWS::Logs::LogGroup",
    )
    supporting_types = (
        "AWS::RDS::DBSubnetGroup",
        "AWS::RDS::DBParameterGroup",
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupIngress",
        "AWS::SecretsManager::SecretTargetAttachment",
        "AWS::SecretsManager::RotationSchedule",
        "AWS::SecretsManager::ResourcePolicy",
        "AWS::Serverless::Application",
        "AWS::IAM::Role",
        "AWS::IAM::Policy",
    )
    needs = ("logs_key",)
    exports = {
        "instance": Export("rds.DatabaseInstance", "the DB instance"),
        "secret": Export("secretsmanager.ISecret", "the admin secret: host, port, user, password"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::RDS::DBInstance",
            {
                "StorageEncrypted": True,
                "KmsKeyId": ANY,
                "PubliclyAccessible": False,
                "MonitoringInterval": ANY,
                "MonitoringRoleArn": ANY,
                "EnablePerformanceInsights": True,
                "PerformanceInsightsKMSKeyId": ANY,
            },
            "Instances are private, encrypted, with Enhanced Monitoring and Performance Insights.",
        ),
        SecureDefault(
            "AWS::RDS::DBParameterGroup",
            {"Parameters": {"rds.force_ssl": "1"}},
            "Clients must connect with TLS.",
            tls=True,
        ),
        KEYS_ROTATE,
        LOG_GROUPS_EXPIRE_ENCRYPTED,
    )
    template = "kinds/rds_instance.py.j2"
    imports = (
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import aws_rds as rds",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_secretsmanager as secretsmanager",
        "from aws_cdk import ArnFormat",
        "from aws_cdk import Acknowledgment",
        "from aws_cdk import Duration",
        "from aws_cdk import Fn",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
    )
    props = RdsInstanceProps
    lifecycle = Lifecycle(
        context_flags=(
            ContextFlag(
                "deletion_protection",
                prop="deletion_protection",
                set_to="false",
                when="destroy",
                doc=(
                    "The database refuses to be deleted while its deletion protection is on, so "
                    "`cdk destroy` fails. Deploy once with this flag to turn it off, then destroy."
                ),
            ),
        ),
        costs=(
            Cost(
                "AWS::RDS::DBInstance",
                "per hour of its db.{instance_class} instance while it runs, its gp3 storage "
                "and backups per GB-month; Enhanced Monitoring's OS metrics every "
                "{monitoring_interval_s} s bill as CloudWatch Logs data",
                "https://aws.amazon.com/rds/postgresql/pricing/",
                PRICING_CHECKED,
            ),
            Cost(
                "AWS::SecretsManager::Secret",
                "per secret-month, and per 10,000 API calls",
                "https://aws.amazon.com/secrets-manager/pricing/",
                PRICING_CHECKED,
            ),
            KMS_KEYS_BILL_MONTHLY,
            LOG_DATA,
        ),
        kept={
            "AWS::RDS::DBInstance": (
                "CloudFormation takes a final snapshot before it deletes the instance "
                "(RemovalPolicy.SNAPSHOT), so the data survives a destroy. The snapshot bills "
                "as backup storage until you delete it."
            ),
            "AWS::KMS::Key": (
                "It encrypts the instance's final snapshot, which is unreadable without it. "
                "Schedule its deletion (aws kms schedule-key-deletion) only after deleting the "
                "snapshot."
            ),
        },
        leaves_behind=(
            "the log group RDSOSMetrics that Enhanced Monitoring writes to: RDS creates it "
            "once per account and Region, and every database with Enhanced Monitoring shares it",
        ),
    )
