"""Amazon Athena workgroup: isolates a team's queries, history, results and cost limits (T03)."""

from typing import Annotated

from pydantic import Field

from generator.kinds.base import (
    ANY,
    PRICING_CHECKED,
    AppCode,
    AppFile,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
)


class AthenaWorkgroupProps(Props):
    bytes_scanned_cutoff_gb: int = Field(
        10, ge=1, le=10000, description="cancel any query that scans more than this many GB"
    )
    named_queries: Annotated[
        list[str],
        AppCode("athena_workgroup", ".sql"),
        Field(
            default_factory=list,
            description=(
                "saved queries of the workgroup (templates/app/athena_workgroup/<name>.sql.j2): "
                "its users see them, and only its users"
            ),
        ),
    ]


class AthenaWorkgroup(Kind):
    name = "athena.workgroup"
    title = "Athena workgroup"
    doc = (
        "An Athena workgroup (engine v3) whose settings are enforced: encrypted results in a "
        "bucket, a per-query scan limit, CloudWatch metrics; plus a managed policy for its users."
    )
    icon = Icon("diagrams.aws.analytics", "Athena")
    resource_types = ("AWS::Athena::WorkGroup", "AWS::IAM::ManagedPolicy")
    supporting_types = ("AWS::Athena::NamedQuery",)
    template = "kinds/athena_workgroup.py.j2"
    imports = (
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import aws_athena as athena",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = AthenaWorkgroupProps
    app_files = (AppFile("sql/{id}/{named_queries}.sql", "app/{folder}/{named_queries}.sql.j2"),)
    exports = {
        "workgroup": Export("athena.CfnWorkGroup", "the workgroup"),
        "users": Export(
            "iam.ManagedPolicy", "the policy to attach to the roles that query in the workgroup"
        ),
    }
    slots = {
        "results_bucket": Slot(
            "the S3 bucket that holds query results", "s3.IBucket", required=True
        )
    }
    secure_defaults = (
        SecureDefault(
            "AWS::Athena::WorkGroup",
            {
                "WorkGroupConfiguration": {
                    "EnforceWorkGroupConfiguration": True,
                    "BytesScannedCutoffPerQuery": ANY,
                    "ResultConfiguration": {"EncryptionConfiguration": ANY},
                }
            },
            "Workgroups enforce their settings, encrypt results and cap the bytes a query scans.",
        ),
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Athena::WorkGroup",
                "per TB its queries scan, each query stopped at {bytes_scanned_cutoff_gb} GB",
                "https://aws.amazon.com/athena/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
        run="run/athena_workgroup.md.j2",
    )
