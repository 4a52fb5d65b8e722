"""An Athena data source connector, deployed from the AWS Serverless Application Repository (T06).

Athena Federated Query reaches a source outside S3 through a Lambda function
that speaks the Athena Query Federation protocol. AWS publishes one per
source in the Serverless Application Repository (SAR); the way AWS documents
to deploy one in a template is an `AWS::Serverless::Application` naming the
public application and a pinned semantic version, which CloudFormation's
`AWS::Serverless-2016-10-31` transform turns into a nested stack.

The application is given a role of this stack (its LambdaRole or
LambdaRoleARN parameter), so that the function's permissions are visible here,
least-privilege and checked by cdk-nag, instead of the application's own
role with `*` resources. The function writes its logs to a log group this
stack makes first, with a retention and the logs key. The PostgreSQL
connector runs in the VPC's private subnets, with a security group of its own.

What each source needs (the tables it reads, the database and its secret, the
spill bucket) comes from the flows, through the slots.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    LOG_DATA,
    LOG_GROUPS_EXPIRE_ENCRYPTED,
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    Slot,
    component_ref,
)

# The public applications AWS publishes (account 292517598671, us-east-1, deployable in
# every commercial Region), and the release pinned here: the connectors' release tags of
# https://github.com/awslabs/aws-athena-query-federation are their semantic versions.
SAR_ACCOUNT = "292517598671"
APPLICATIONS = {
    "dynamodb": "AthenaDynamoDBConnector",
    "postgresql": "AthenaPostgreSQLConnector",
}
PINNED_VERSION = "2026.33.1"


class AthenaConnectorProps(Props):
    source: Literal["dynamodb", "postgresql"] = Field(
        description="the data source: DynamoDB tables, or a PostgreSQL database (Aurora)"
    )
    semantic_version: str = Field(
        PINNED_VERSION,
        pattern=r"^20\d\d\.\d{1,2}\.\d{1,2}$",
        description="the release of the connector application to deploy (YYYY.WW.N)",
    )
    memory_mib: int = Field(
        3008, ge=512, le=3008, description="Lambda memory of the connector function"
    )
    timeout_s: int = Field(
        900, ge=60, le=900, description="the longest the function may run for one call"
    )
    vpc: component_ref(
        "ec2.vpc",
        export="vpc",
        doc="the VPC whose private subnets the connector runs in (PostgreSQL)",
        optional=True,
    ) = None

    @property
    def application(self) -> str:
        return APPLICATIONS[self.source]


class AthenaConnector(Kind):
    name = "athena.connector"
    title = "Athena connector (Lambda)"
    doc = (
        "An Athena data source connector: the Lambda function AWS publishes in the Serverless "
        "Application Repository, deployed at a pinned version with a role of this stack, its "
        "log group made first (a month, KMS-encrypted), spilling large results to a bucket."
    )
    icon = Icon("diagrams.aws.compute", "Lambda")
    resource_types = ("AWS::Serverless::Application", "AWS::IAM::Role", "AWS::Logs::LogGroup")
    supporting_types = (
        "AWS::IAM::Policy",
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupEgress",
    )
    needs = ("logs_key",)
    template = "kinds/athena_connector.py.j2"
    imports = (
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import aws_rds as rds",
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import aws_dynamodb as dynamodb",
        "from aws_cdk import aws_sam as sam",
        "from aws_cdk import Acknowledgment",
        "from aws_cdk import ArnFormat",
        "from aws_cdk import Fn",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
    )
    props = AthenaConnectorProps
    exports = {
        "application": Export("sam.CfnApplication", "the nested application"),
        "function_arn": Export("str", "the ARN of the connector's Lambda function"),
        "role": Export("iam.Role", "the function's execution role"),
        "security_group": Export(
            "ec2.SecurityGroup | None", "its security group in the VPC (PostgreSQL); else None"
        ),
        "spill_bucket": Export("s3.IBucket", "the bucket it spills to"),
        "spill_prefix": Export("str", "its prefix in that bucket (no trailing /)"),
    }
    slots = {
        "spill_bucket": Slot(
            "the bucket it spills results too large for a Lambda response to",
            "s3.IBucket",
            required=True,
        ),
        "tables": Slot("the DynamoDB tables it reads", "dynamodb.ITable", many=True),
        "database": Slot(
            "the Aurora PostgreSQL cluster it reads, and the database's name",
            "tuple[rds.DatabaseCluster, str]",
        ),
    }
    secure_defaults = (LOG_GROUPS_EXPIRE_ENCRYPTED,)
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Serverless::Application",
                "its Lambda function bills per request and GB-second ({memory_mib} MB) while "
                "queries read through it, nothing while idle",
                "https://aws.amazon.com/lambda/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            LOG_DATA,
        ),
        leaves_behind=(
            "for a connector in a VPC (PostgreSQL), the network interfaces Lambda made for it, "
            "for up to a few minutes after the stack is deleted, until Lambda releases them",
        ),
        run="run/athena_connector.md.j2",
    )

    @classmethod
    def describe(cls, props: Props) -> str:
        return (
            f"{cls.doc} Application {APPLICATIONS[props.source]} {props.semantic_version} "
            f"({'in the VPC' if props.vpc else 'outside a VPC'})."
        )

    @classmethod
    def check(cls, props: Props, filled: dict[str, int]) -> str | None:
        if props.source == "dynamodb":
            if not filled.get("tables") or filled.get("database"):
                return "a dynamodb connector needs flows from its DynamoDB tables, and only those"
            if props.vpc:
                return "the dynamodb connector reaches DynamoDB's public endpoint: leave out vpc"
        else:
            if filled.get("database") != 1 or filled.get("tables"):
                return "a postgresql connector needs exactly one flow from an rds.aurora_cluster"
            if not props.vpc:
                return "a postgresql connector runs in the database's VPC: set vpc"
        return None
