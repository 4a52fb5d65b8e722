"""Amazon Athena workgroup: isolates a team's queries, history, results and cost limits (T03)."""

from pydantic import Field

from generator.kinds.base import Connector, Icon, Kind, Props, Slot


class AthenaWorkgroupProps(Props):
    bytes_scanned_cutoff_gb: int = Field(
        10, ge=1, le=10000, description="cancel any query that scans more than this many GB"
    )


class AthenaWorkgroup(Kind):
    name = "athena.workgroup"
    title = "Athena workgroup"
    doc = (
        "An Athena workgroup (engine v3) whose settings are enforced: encrypted results in a "
        "bucket, a per-query scan limit, CloudWatch metrics; plus a managed policy for its users."
    )
    icon = Icon("diagrams.aws.analytics", "Athena")
    resource_types = ("AWS::Athena::WorkGroup", "AWS::IAM::ManagedPolicy")
    template = "kinds/athena_workgroup.py.j2"
    imports = (
        "from aws_cdk import aws_athena as athena",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = AthenaWorkgroupProps
    slots = {"results_bucket": Slot("the S3 bucket that holds query results", required=True)}
    connectors = (
        Connector(
            "s3.bucket",
            "writes query results to the bucket",
            expression="connectors/athena_workgroup__s3_bucket.py.j2",
            fills=("source", "results_bucket"),
        ),
        Connector(
            "glue.database",
            "lets the workgroup's users read the database's tables",
            wiring="connectors/athena_workgroup__glue_database.py.j2",
        ),
    )
