"""The connector s3.bucket -> glue.python_shell_job."""

from pydantic import Field

from generator.kinds.base import Connector, Props


class PrefixProps(Props):
    prefix: str = Field(
        pattern=r"^([A-Za-z0-9_=.-]+/)+$",
        description=(
            "the prefix the job's queries read (the LOCATION of the tables its SQL creates), "
            "ending in /; its role may read objects under it and no other"
        ),
    )


CONNECTOR = Connector(
    source="s3.bucket",
    target="glue.python_shell_job",
    doc=(
        "the job's SQL names the bucket ({data_bucket}); Athena reads the prefix the flow "
        "names with the job's role, which may list and read it and nothing else of the bucket"
    ),
    expression="connectors/s3_bucket__glue_python_shell_job.py.j2",
    fills=("target", "data_bucket"),
    wiring="connectors/s3_bucket__glue_python_shell_job.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
    props=PrefixProps,
)
