"""Amazon S3 bucket: private, encrypted, TLS-only, versioned and access-logged.

Server access logs go to a second bucket the kind makes beside the first
(`<Id>AccessLogs`), kept 90 days; a pattern may switch logging off where the
bucket's content is itself short-lived scratch space.
"""

from pydantic import Field

from generator.kinds.base import Connector, Icon, Kind, Props


class S3BucketProps(Props):
    versioned: bool = True
    expire_after_days: int | None = Field(
        None, ge=1, le=3650, description="delete objects after N days"
    )
    access_logs: bool = Field(True, description="server access logs to a bucket beside it")


class S3Bucket(Kind):
    name = "s3.bucket"
    title = "S3 bucket"
    doc = (
        "An S3 bucket with public access blocked, SSE-S3 encryption, TLS enforced, versioning "
        "and server access logs kept 90 days in a bucket beside it."
    )
    icon = Icon("diagrams.aws.storage", "SimpleStorageServiceS3")
    resource_types = ("AWS::S3::Bucket",)
    template = "kinds/s3_bucket.py.j2"
    imports = (
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import Duration",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = S3BucketProps
    connectors = (
        Connector(
            "athena.workgroup",
            "the workgroup's queries read the bucket's data (read grant to its users' policy)",
            wiring="connectors/s3_bucket__athena_workgroup.wiring.py.j2",
            imports=(
                "from aws_cdk import aws_iam as iam",
                "from aws_cdk import Validations",
                "from aws_cdk import Acknowledgment",
            ),
        ),
        Connector(
            "mwaa.environment",
            "the environment reads DAGs from the bucket's dags/ folder (read grant to its role)",
            expression="connectors/s3_bucket__mwaa_environment.py.j2",
            fills=("target", "dag_bucket"),
        ),
        Connector(
            "rds.aurora_cluster",
            "the cluster imports files from the bucket (aws_s3.table_import_from_s3)",
            expression="connectors/s3_bucket__rds_aurora_cluster.py.j2",
            fills=("target", "s3_import_buckets"),
        ),
    )
