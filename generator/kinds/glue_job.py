"""AWS Glue Spark ETL job: serverless Spark, its PySpark script shipped as application code.

Glue runs Spark without clusters to manage, which is how on-premises Spark jobs
move to AWS (T11). The FLEX execution class runs the same job on spare
capacity for less, for jobs that are not time-sensitive (T12).
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    ANY,
    KEYS_ROTATE,
    KMS_KEYS_BILL_MONTHLY,
    LOG_DATA,
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
    app_code,
)
from generator.kinds.prefixes import S3Prefixes


class GlueJobProps(Props):
    script: app_code(
        "glue_job", ".py", doc="which PySpark script from templates/app/glue_job/ it runs"
    )
    execution_class: Literal["STANDARD", "FLEX"] = Field(
        "STANDARD",
        description="STANDARD starts at once; FLEX runs on spare capacity at a lower price",
    )
    worker_type: Literal["G.1X", "G.2X"] = Field("G.1X", description="size of each worker")
    workers: int = Field(2, ge=2, le=100, description="number of workers")
    timeout_minutes: int = Field(60, ge=1, le=2880, description="stop a run after this long")
    max_concurrent_runs: int = Field(
        1,
        ge=1,
        le=1000,
        description=(
            "runs at once; more than 1 for an orchestrator that starts one run per item "
            "(a Step Functions Map state), each run then without the job bookmark"
        ),
    )


class GlueJob(Kind):
    name = "glue.job"
    title = "Glue ETL job"
    doc = (
        "A Glue 5.0 PySpark ETL job (STANDARD or FLEX) with job bookmarks, a security "
        "configuration that encrypts its S3 output, CloudWatch logs and bookmarks, its two log "
        "groups made with a retention, and a role with only what the job does (no AWS managed "
        "policy): its script, its log groups, Glue metrics, its key and its data bucket."
    )
    icon = Icon("diagrams.aws.analytics", "Glue")
    resource_types = (
        "AWS::Glue::Job",
        "AWS::Glue::SecurityConfiguration",
        "AWS::KMS::Key",
        "AWS::IAM::Role",
        "AWS::Logs::LogGroup",
    )
    template = "kinds/glue_job.py.j2"
    imports = (
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import aws_glue as glue",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import aws_s3_assets as s3_assets",
        "from aws_cdk import ArnFormat",
        "from aws_cdk import Duration",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = GlueJobProps
    supporting_types = ("AWS::IAM::Policy",)
    exports = {
        "job": Export("glue.Job", "the job"),
        "role": Export("iam.Role", "the role it runs as"),
        "data_bucket": Export("s3.IBucket | None", "the bucket it reads and writes, if any"),
    }
    slots = {
        "data_bucket": Slot("the S3 bucket the job reads and writes (--data_bucket)", "s3.IBucket")
    }
    secure_defaults = (
        SecureDefault(
            "AWS::Glue::Job",
            {"SecurityConfiguration": ANY},
            "Jobs run with a security configuration.",
        ),
        SecureDefault(
            "AWS::Glue::SecurityConfiguration",
            {
                "EncryptionConfiguration": {
                    "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS"},
                    "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS"},
                    "S3Encryptions": [{"S3EncryptionMode": "SSE-S3"}],
                }
            },
            "Glue security configurations encrypt S3 output, CloudWatch logs and bookmarks.",
        ),
        LOG_GROUPS_EXPIRE_ENCRYPTED,
        KEYS_ROTATE,
    )
    app_files = (AppFile("glue/{id}/{script}.py", "app/{folder}/{script}.py.j2"),)
    app_prefixes = {
        "clean_orders": S3Prefixes(
            reads={"orders": "raw/orders/"}, writes={"orders": "curated/orders/"}
        ),
    }

    @classmethod
    def check(cls, props: Props, filled: dict[str, int]) -> str | None:
        if filled.get("data_bucket") and cls.prefixes(props) is None:
            return (
                f"script: {props.script} declares no S3 prefixes, so its role cannot be scoped; "
                "add it to GlueJob.app_prefixes"
            )
        return None

    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Glue::Job",
                "per DPU-hour while it runs ({workers} {worker_type} workers, {execution_class}),"
                " billed per second; FLEX runs at a lower rate than STANDARD",
                "https://aws.amazon.com/glue/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            KMS_KEYS_BILL_MONTHLY,
            LOG_DATA,
        ),
        kept={
            "AWS::KMS::Key": (
                "CDK keeps KMS keys unless told otherwise. This one encrypted the job's logs "
                "and bookmarks, which go with the stack: schedule its deletion (aws kms "
                "schedule-key-deletion) once you need none of them."
            ),
        },
        run="run/glue_job.md.j2",
    )
