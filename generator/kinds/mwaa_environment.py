"""Amazon MWAA environment: managed Apache Airflow that runs a DAG archgen generates (T15).

The DAG is generated from the environment's outgoing flows: each flow becomes
one task, in the order the flows are listed, and each flow's connector attaches
a policy of its own to the execution role with exactly what that task calls.
The environment runs in two private subnets of a VPC with outbound access, so
the VPC needs NAT gateways.
A connector to a new target kind comes with templates/app/mwaa/task_<kind>.py.j2,
the code of its task.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import AppFile, Connector, Icon, Kind, Props, Slot, component_ref


class MwaaEnvironmentProps(Props):
    vpc: component_ref(
        "ec2.vpc", doc="the VPC whose private subnets (with NAT gateways) the environment uses"
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
        "from aws_cdk import aws_mwaa as mwaa",
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import aws_s3_deployment as s3deploy",
        "from aws_cdk import ArnFormat",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = MwaaEnvironmentProps
    slots = {
        "dag_bucket": Slot("the versioned S3 bucket it reads DAGs from", required=True),
        "tasks": Slot("the resource names one DAG task needs, one entry per flow", many=True),
    }
    connectors = (
        Connector(
            "glue.job",
            f"a GlueJobOperator task runs the job; {GRANTS}",
            expression="connectors/mwaa_environment__glue_job.py.j2",
            fills=("source", "tasks"),
            wiring="connectors/mwaa_environment__glue_job.wiring.py.j2",
        ),
        Connector(
            "emr.serverless_application",
            f"an EmrServerlessStartJobOperator task runs a Spark job; {GRANTS}",
            expression="connectors/mwaa_environment__emr_serverless_application.py.j2",
            fills=("source", "tasks"),
            wiring="connectors/mwaa_environment__emr_serverless_application.wiring.py.j2",
        ),
        Connector(
            "redshift.cluster",
            f"a RedshiftDataOperator task runs SQL through the Data API; {GRANTS}",
            expression="connectors/mwaa_environment__redshift_cluster.py.j2",
            fills=("source", "tasks"),
            wiring="connectors/mwaa_environment__redshift_cluster.wiring.py.j2",
        ),
    )
    app_files = (AppFile("mwaa/{id}/{id}_pipeline.py", "app/mwaa/dag.py.j2"),)
