"""Amazon MWAA environment: managed Apache Airflow that runs a DAG archgen generates (T15).

The DAG is generated from the environment's outgoing flows: each flow becomes
one task, in the order the flows are listed, and each flow's connector attaches
a policy of its own to the execution role with exactly what that task calls.
The environment runs in two private subnets of a VPC with outbound access, so
the VPC needs NAT gateways.
A connector to a new target kind comes with templates/app/mwaa_environment/task_<kind>.py.j2,
the code of its task.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    LOG_GROUPS_EXPIRE_ENCRYPTED,
    PRICING_CHECKED,
    AppFile,
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


class MwaaEnvironmentProps(Props):
    vpc: component_ref(
        "ec2.vpc",
        export="vpc",
        doc="the VPC whose private subnets (with NAT gateways) the environment uses",
    )
    airflow_version: Literal["2.10.3"] = Field(
        "2.10.3", description="Apache Airflow 2.x version (the DAG is written for 2.x)"
    )
    environment_class: Literal["mw1.small", "mw1.medium", "mw1.large"] = Field(
        "mw1.small", description="size of the scheduler, worker and web server containers"
    )
    max_workers: int = Field(2, ge=1, le=25, description="workers the environment scales out to")
    schedule: str = Field(
        "0 3 * * *",
        pattern=r"^(@(hourly|daily|weekly|monthly)|[0-9*,/\-]+( [0-9*,/\-]+){4})$",
        description="when the generated DAG runs: a cron expression (UTC) or @daily and the like",
    )
    log_level: Literal["INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        "INFO", description="lowest level sent to CloudWatch Logs, for all five log types"
    )


GRANTS = "the execution role may run the task's calls and nothing else"


class MwaaEnvironment(Kind):
    name = "mwaa.environment"
    title = "MWAA (Airflow)"
    doc = (
        "An Amazon MWAA environment in two private subnets with a private web server, all five "
        "log types in CloudWatch Logs, a least-privilege execution role, a security group that "
        "only admits itself, and a generated DAG (one task per outgoing flow) deployed to its "
        "DAG bucket."
    )
    icon = Icon("diagrams.aws.management", "AmazonManagedWorkflowsApacheAirflow")
    resource_types = (
        "AWS::MWAA::Environment",
        "AWS::IAM::Role",
        "AWS::EC2::SecurityGroup",
        "AWS::Logs::LogGroup",
        "Custom::CDKBucketDeployment",
    )
    template = "kinds/mwaa_environment.py.j2"
    imports = (
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import aws_mwaa as mwaa",
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import aws_s3_deployment as s3deploy",
        "from aws_cdk import aws_s3_assets as s3_assets",
        "from aws_cdk import ArnFormat",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = MwaaEnvironmentProps
    slots = {
        "dag_bucket": Slot(
            "the versioned S3 bucket it reads DAGs from", "s3.IBucket", required=True
        ),
        "tasks": Slot(
            "what one DAG task needs (resource names known at deployment), one entry per flow, "
            "keyed by the component the task runs",
            "dict",
            keyed=True,
        ),
    }
    supporting_types = (
        "AWS::IAM::Policy",
        "AWS::EC2::SecurityGroupIngress",
        "AWS::EC2::SecurityGroupEgress",
        "AWS::Lambda::LayerVersion",
    )
    # CDK's BucketDeployment runs one function per stack, at its top level, with one role
    # (made by the kind, at the same level, so that every environment's deployment adds to it).
    stack_level_types = ("AWS::Lambda::Function", "AWS::IAM::Role", "AWS::IAM::Policy")
    needs = ("logs_key",)
    exports = {
        "environment": Export("mwaa.CfnEnvironment", "the environment"),
        "role": Export("iam.Role", "its execution role"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::MWAA::Environment",
            {
                "WebserverAccessMode": "PRIVATE_ONLY",
                "LoggingConfiguration": {
                    log_type: {"Enabled": True}
                    for log_type in (
                        "DagProcessingLogs",
                        "SchedulerLogs",
                        "TaskLogs",
                        "WebserverLogs",
                        "WorkerLogs",
                    )
                },
            },
            "Airflow keeps its web server private and sends every log type to CloudWatch.",
        ),
        LOG_GROUPS_EXPIRE_ENCRYPTED,
    )
    app_files = (AppFile("mwaa/{id}/{id}_pipeline.py", "app/{folder}/dag.py.j2"),)
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::MWAA::Environment",
                "per hour of its {environment_class} environment while it exists, whether or "
                "not a DAG runs; per hour of each worker it adds beyond the first (up to "
                "{max_workers}); and its metadata database per GB-month",
                "https://aws.amazon.com/managed-workflows-for-apache-airflow/pricing/",
                PRICING_CHECKED,
            ),
            Cost(
                "AWS::Logs::LogGroup",
                "per GB of log data ingested and per GB-month stored: the scheduler and the "
                "DAG processor log while the environment exists, even when no DAG runs",
                "https://aws.amazon.com/cloudwatch/pricing/",
                PRICING_CHECKED,
            ),
        ),
        run="run/mwaa_environment.md.j2",
    )
