"""AWS Glue Python shell job: a plain Python script on a fraction of a DPU, no Spark (T13).

For work that is mostly waiting, such as sending SQL to Athena and polling until it
finishes, a Spark cluster would sit idle: a Python shell job runs one Python 3.9
process on 1/16 or 1 DPU and is billed by the second. Its script and its SQL are
application code; the SQL's placeholders ({data_bucket}) are filled in at run time
from the job's arguments, which its flows set.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    ANY,
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

# Seconds the script keeps for itself before Glue's own timeout: enough to stop the
# running query and fail with its own message rather than be killed mid-poll.
DEADLINE_MARGIN_S = 60


class GluePythonShellJobProps(Props):
    script: app_code(
        "glue_python_shell_job",
        ".py",
        doc="which Python script from templates/app/glue_python_shell_job/ it runs",
    )
    sql: app_code(
        "glue_python_shell_job",
        ".sql",
        doc="which SQL file from templates/app/glue_python_shell_job/ its script sends to Athena",
    )
    capacity: Literal["1/16", "1"] = Field(
        "1/16", description="DPUs per run: 1/16 (the default, 1 GB of memory) or 1 (16 GB)"
    )
    timeout_minutes: int = Field(
        30,
        ge=2,
        le=2880,
        description="Glue stops a run after this long; the script stops its query a minute before",
    )

    def deadline_seconds(self) -> int:
        """How long the script may spend on its queries before it stops them and fails."""
        return self.timeout_minutes * 60 - DEADLINE_MARGIN_S


class GluePythonShellJob(Kind):
    name = "glue.python_shell_job"
    title = "Glue Python shell job"
    doc = (
        "A Glue Python shell job (Python 3.9, 1/16 or 1 DPU) that runs its SQL file in an Athena "
        "workgroup one statement at a time, polling each until it finishes, with a deadline "
        "and backoff; a security configuration encrypts its logs with the stack's logs key, its "
        "two log groups are made with a retention, and its role holds only what it does."
    )
    icon = Icon("diagrams.aws.analytics", "Glue")
    resource_types = (
        "AWS::Glue::Job",
        "AWS::Glue::SecurityConfiguration",
        "AWS::IAM::Role",
        "AWS::Logs::LogGroup",
    )
    supporting_types = ("AWS::IAM::Policy",)
    needs = ("logs_key",)
    template = "kinds/glue_python_shell_job.py.j2"
    imports = (
        "from aws_cdk import aws_glue as glue",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import aws_athena as athena",
        "from aws_cdk import aws_s3_assets as s3_assets",
        "from aws_cdk import ArnFormat",
        "from aws_cdk import Duration",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = GluePythonShellJobProps
    exports = {
        "job": Export("glue.PythonShellJob", "the job"),
        "role": Export("iam.Role", "the role it runs as, which runs its queries"),
    }
    slots = {
        "workgroup": Slot(
            "the Athena workgroup its queries run in (--workgroup)",
            "athena.CfnWorkGroup",
            required=True,
        ),
        "database": Slot(
            "the catalog database its queries run against (--database)",
            "glue.Database",
            required=True,
        ),
        "data_bucket": Slot(
            "the bucket its SQL names as {data_bucket} (--data_bucket)",
            "s3.IBucket",
            required=True,
        ),
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
    )
    app_files = (
        AppFile("glue/{id}/{script}.py", "app/{folder}/{script}.py.j2"),
        AppFile("sql/{id}/{sql}.sql", "app/{folder}/{sql}.sql.j2"),
    )
    # What each SQL file's tables cover in the data bucket ({data_bucket}): the SQL's
    # LOCATIONs and the role's read grant both come from here.
    app_prefixes = {"daily_revenue": S3Prefixes(reads={"orders": "curated/orders/"})}

    @classmethod
    def check(cls, props: Props, filled: dict[str, int]) -> str | None:
        if filled.get("data_bucket") and cls.prefixes(props) is None:
            return (
                f"sql: {props.sql} declares no S3 prefixes, so its role cannot be scoped; "
                "add it to GluePythonShellJob.app_prefixes"
            )
        return None

    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Glue::Job",
                "per DPU-hour while it runs ({capacity} DPU), billed per second; the queries it "
                "sends bill as the workgroup's",
                "https://aws.amazon.com/glue/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            LOG_DATA,
        ),
        run="run/glue_python_shell_job.md.j2",
    )
