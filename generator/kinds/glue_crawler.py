"""AWS Glue crawler: infers schemas and keeps the catalog's partitions in sync with S3 (T14)."""

from pydantic import Field

from generator.kinds.base import (
    KEYS_ROTATE,
    KMS_KEYS_BILL_MONTHLY,
    LOG_GROUPS_EXPIRE_ENCRYPTED,
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
)


class GlueCrawlerProps(Props):
    schedule: str | None = Field(
        "cron(15 * * * ? *)",
        pattern=r"^cron\(.+\)$",
        description="when it runs (a cron expression); null runs it on demand only",
    )
    exclude: list[str] = Field(
        default_factory=list,
        description="glob patterns of S3 keys the crawler skips, e.g. errors/** for failed records",
    )
    new_folders_only: bool = Field(
        True, description="incremental crawls: only add partitions from new S3 folders"
    )


class GlueCrawler(Kind):
    name = "glue.crawler"
    title = "Glue crawler"
    doc = (
        "A Glue crawler over S3 paths that adds new partitions and tables to a catalog "
        "database; least-privilege role, CloudWatch logs in a log group it makes, kept 30 days "
        "and encrypted with its own KMS key."
    )
    icon = Icon("diagrams.aws.analytics", "GlueCrawlers")
    resource_types = (
        "AWS::Glue::Crawler",
        "AWS::Glue::SecurityConfiguration",
        "AWS::IAM::Role",
        "AWS::KMS::Key",
        "AWS::Logs::LogGroup",
    )
    template = "kinds/glue_crawler.py.j2"
    imports = (
        "from aws_cdk import aws_glue as glue",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import ArnFormat",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
        "import json",
    )
    props = GlueCrawlerProps
    supporting_types = ("AWS::IAM::Policy",)
    exports = {
        "crawler": Export("glue.CfnCrawler", "the crawler"),
        "role": Export("iam.Role", "the role it runs as"),
    }
    secure_defaults = (
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
    slots = {
        "s3_targets": Slot(
            "the S3 paths it crawls", "glue.CfnCrawler.S3TargetProperty", required=True, many=True
        ),
        "database": Slot(
            "the name of the catalog database it writes tables to", "str", required=True
        ),
    }
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Glue::Crawler",
                "per DPU-hour of each run, billed per second; its schedule ({schedule}) "
                "starts a run whether or not new data arrived",
                "https://aws.amazon.com/glue/pricing/",
                PRICING_CHECKED,
                when="schedule",
            ),
            Cost(
                "AWS::Glue::Crawler",
                "per DPU-hour of each run, billed per second; it runs only when started",
                "https://aws.amazon.com/glue/pricing/",
                PRICING_CHECKED,
                idle=False,
                when="not schedule",
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::KMS::Key": (
                "CDK keeps KMS keys unless told otherwise. This one encrypted the crawler's "
                "logs, which go with the stack: schedule its deletion (aws kms "
                "schedule-key-deletion) once you need none of them."
            ),
        },
        run="run/glue_crawler.md.j2",
    )
