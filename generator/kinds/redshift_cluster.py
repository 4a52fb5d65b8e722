"""Amazon Redshift provisioned cluster: encrypted, private, queried through the Data API (T04).

A provisioned cluster needs only a subnet group of two subnets, which any
ec2.vpc gives; Redshift Serverless needs subnets in three Availability Zones.
Nobody connects to it over the network: clients use the Redshift Data API
with their IAM identity, and the admin password lives in Secrets Manager.

A flow to an rds.aurora_cluster makes it a federated-query client of that
PostgreSQL database (T01): a second role, which may read only the secret of
the database login Redshift uses, and an egress rule to the database's port
alone (the connector adds the matching ingress rule on the database's side).
Its SQL names what the external schema needs as {federated_role_arn},
{federated_host}, {federated_port}, {federated_database} and
{federated_secret_arn}, from `sql_values`; that schema is made once, from the
starter README, because Redshift runs some external-object statements only outside a
transaction block, and the nightly batch is one. Such a cluster needs a NAT gateway in
its VPC (check_refs): enhanced VPC routing sends the secret's lookup through it.

`sql_user` names a database user, not the admin, for the Data API clients (a
schedule's batch, a monitoring function): no password, IAM temporary credentials
only, and, for a monitor, SYSLOG ACCESS UNRESTRICTED to see every user's rows in the
system tables. sql/<id>/sql_user.sql creates it, run once from the starter README.
"""

from typing import Literal

from pydantic import Field, field_validator, model_validator

from generator.kinds.base import (
    KEYS_ROTATE,
    KMS_KEYS_BILL_MONTHLY,
    LOG_DATA,
    LOG_GROUPS_EXPIRE_ENCRYPTED,
    PRICING_CHECKED,
    AppFile,
    ArrayWith,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
    app_code,
    component_ref,
)
from generator.kinds.prefixes import S3Prefixes


class RedshiftClusterProps(Props):
    vpc: component_ref(
        "ec2.vpc", export="vpc", doc="the VPC whose private subnets the cluster runs in"
    )
    node_type: Literal["ra3.xlplus", "ra3.4xlarge", "ra3.16xlarge"] = Field(
        "ra3.xlplus", description="RA3 node type (managed storage)"
    )
    nodes: int = Field(1, ge=1, le=128, description="1 makes a single-node cluster")
    database_name: str = Field(
        "dev", pattern=r"^[a-z][a-z0-9_]{0,63}$", description="the database created with it"
    )
    admin_username: str = Field(
        "dbadmin", pattern=r"^[a-z][a-z0-9_]{0,127}$", description="admin user (password managed)"
    )
    snapshot_retention_days: int = Field(7, ge=1, le=35, description="automated snapshots kept")
    port: int = Field(
        5440,
        description=(
            "the port it listens on: not Redshift's default 5439, which scanners try first; "
            "RA3 clusters take 5431-5455 or 8191-8215"
        ),
    )
    sql_user: str | None = Field(
        None,
        pattern=r"^[a-z][a-z0-9_]{0,62}$",
        description=(
            "a database user, not the admin, that Data API clients (a schedule, a function) run "
            "SQL as with IAM temporary credentials (GetClusterCredentials); its password is "
            "disabled, and sql/<id>/sql_user.sql, run once from the starter README, creates it"
        ),
    )
    sql_user_reads_system_logs: bool = Field(
        False,
        description=(
            "give sql_user SYSLOG ACCESS UNRESTRICTED, so that it sees every user's rows in the "
            "system tables (a monitor reading STL_ALERT_EVENT_LOG needs it); without it a "
            "regular user sees only its own"
        ),
    )
    sql: app_code(
        "redshift_cluster",
        ".sql",
        doc=(
            "SQL from templates/app/redshift_cluster/ that an orchestrator (an Airflow task) "
            "runs in the cluster through the Data API; without it, the task only runs ANALYZE"
        ),
        optional=True,
    ) = None

    @field_validator("port")
    @classmethod
    def _ra3_port(cls, port: int) -> int:
        if not (5431 <= port <= 5455 or 8191 <= port <= 8215):
            raise ValueError("an RA3 cluster listens on a port in 5431-5455 or 8191-8215")
        return port

    @model_validator(mode="after")
    def _syslog_needs_user(self) -> "RedshiftClusterProps":
        if self.sql_user_reads_system_logs and not self.sql_user:
            raise ValueError("sql_user_reads_system_logs: true needs a sql_user to give it to")
        if self.sql_user == self.admin_username:
            raise ValueError(f"sql_user must not be the admin user ({self.admin_username})")
        return self

    @model_validator(mode="after")
    def _single_node_needs_xlplus(self) -> "RedshiftClusterProps":
        if self.nodes == 1 and self.node_type != "ra3.xlplus":
            raise ValueError(f"{self.node_type} needs at least 2 nodes; use ra3.xlplus for 1")
        return self


class RedshiftCluster(Kind):
    name = "redshift.cluster"
    title = "Redshift cluster"
    doc = (
        "A provisioned RA3 Redshift cluster in private subnets: KMS-encrypted, not publicly "
        "accessible, SSL required, a non-default port, enhanced VPC routing, audit logs to "
        "CloudWatch, admin password managed in Secrets Manager, and an IAM role that may only "
        "read the buckets it loads with COPY."
    )
    icon = Icon("diagrams.aws.analytics", "Redshift")
    resource_types = (
        "AWS::Redshift::Cluster",
        "AWS::Redshift::ClusterSubnetGroup",
        "AWS::Redshift::ClusterParameterGroup",
        "AWS::EC2::SecurityGroup",
        "AWS::KMS::Key",
        "AWS::IAM::Role",
        "AWS::Logs::LogGroup",
    )
    template = "kinds/redshift_cluster.py.j2"
    imports = (
        "from aws_cdk import aws_redshift as redshift",
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import Fn",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
        "from collections.abc import Callable",
    )
    props = RedshiftClusterProps
    # The egress rule to a federated database's security group is a resource of its own.
    supporting_types = ("AWS::IAM::Policy", "AWS::EC2::SecurityGroupEgress")
    needs = ("logs_key",)
    exports = {
        "cluster": Export("redshift.CfnCluster", "the cluster"),
        "role": Export("iam.Role", "the role COPY assumes to read S3"),
        "copy_sources": Export("list[s3.IBucket]", "the buckets it loads with COPY"),
        "security_group": Export("ec2.SecurityGroup", "its security group (no inbound rule)"),
        "federated_role": Export(
            "iam.Role | None",
            "the role its external schema names to read a federated database's secret, if any",
        ),
        "sql_values": Export(
            "dict[str, str]",
            "what SQL run in it may name as {name}: the federated database's host, port, "
            "database, secret ARN and the role that reads it (empty without one)",
        ),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::Redshift::Cluster",
            {
                "Encrypted": True,
                "PubliclyAccessible": False,
                "EnhancedVpcRouting": True,
                "LoggingProperties": {"LogDestinationType": "cloudwatch"},
            },
            "Warehouses encrypt, stay private, route traffic through the VPC and log audits.",
        ),
        SecureDefault(
            "AWS::Redshift::ClusterParameterGroup",
            {
                "Parameters": ArrayWith(
                    ({"ParameterName": "require_ssl", "ParameterValue": "true"},)
                )
            },
            "Clients must connect with TLS.",
            tls=True,
        ),
        KEYS_ROTATE,
        LOG_GROUPS_EXPIRE_ENCRYPTED,
    )
    app_files = (
        AppFile("sql/{id}/{sql}.sql", "app/{folder}/{sql}.sql.j2", when="sql"),
        AppFile("sql/{id}/sql_user.sql", "app/{folder}/sql_user.sql.j2", when="sql_user"),
    )
    # What each SQL file loads with COPY: its paths, the COPY role's grants and the
    # orchestrator's check for input all come from here.
    app_prefixes = {"load_orders": S3Prefixes(reads={"orders": "curated/orders/"})}
    slots = {
        "copy_sources": Slot("S3 buckets it loads with COPY (read grant)", "s3.IBucket", many=True),
        "federated_databases": Slot(
            "PostgreSQL databases it queries through an external schema: a function of the "
            "federated role that gives the database's cluster, endpoint, database name and the "
            "secret of the login Redshift uses (which that role may read)",
            "Callable[[iam.IRole], dict]",
            many=True,
        ),
    }

    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Redshift::Cluster",
                "per node-hour of its {nodes} {node_type} node(s) until you pause it, and its "
                "managed storage per GB-month, paused or not",
                "https://aws.amazon.com/redshift/pricing/",
                PRICING_CHECKED,
            ),
            KMS_KEYS_BILL_MONTHLY,
            LOG_DATA,
        ),
        kept={
            "AWS::Redshift::Cluster": (
                "CloudFormation takes a final snapshot before it deletes the cluster "
                "(RemovalPolicy.SNAPSHOT), so the warehouse survives a destroy. The snapshot "
                "bills as backup storage until you delete it."
            ),
            "AWS::KMS::Key": (
                "It encrypts the cluster's final snapshot, which is unreadable without it. "
                "CDK keeps KMS keys unless told otherwise; schedule its deletion (aws kms "
                "schedule-key-deletion) only after you have deleted the snapshot."
            ),
        },
        run="run/redshift_cluster.md.j2",
    )

    @classmethod
    def check(cls, props: Props, filled: dict[str, int]) -> str | None:
        if filled.get("federated_databases", 0) > 1:
            return (
                "one federated database per cluster: its SQL names the database as "
                "{federated_host}, {federated_secret_arn}, ..., which would be ambiguous"
            )
        if props.sql and filled.get("copy_sources", 0) != 1:
            return f"sql: {props.sql} loads from S3, so it needs exactly one flow to an s3.bucket"
        if props.sql and cls.prefixes(props) is None:
            return (
                f"sql: {props.sql} declares no S3 prefixes, so the COPY role cannot be scoped; "
                "add it to RedshiftCluster.app_prefixes"
            )
        return None

    @classmethod
    def check_refs(cls, props: Props, filled: dict[str, int], refs: dict[str, Props]) -> str | None:
        # Enhanced VPC routing sends the cluster's traffic through its VPC, and a federated
        # query reads its login's secret from Secrets Manager: in a VPC with no NAT gateway
        # nothing routes it there, and the first query would fail after deploy.
        # https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html
        if filled.get("federated_databases", 0) and not refs["vpc"].nat_gateways:
            return (
                "a federated query reads its login's secret from Secrets Manager, which the "
                "cluster (enhanced VPC routing) reaches only through a NAT gateway of its VPC "
                f"'{props.vpc}'; give that ec2.vpc nat_gateways: 1 or more"
            )
        return None
