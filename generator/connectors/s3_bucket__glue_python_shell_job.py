"""The connector s3.bucket -> glue.python_shell_job."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="s3.bucket",
    target="glue.python_shell_job",
    doc=(
        "the job's SQL names the bucket ({data_bucket}); Athena reads the prefixes the SQL's "
        "tables cover with the job's role, which may list and read them and nothing else"
    ),
    expression="connectors/s3_bucket__glue_python_shell_job.py.j2",
    fills=("target", "data_bucket"),
    wiring="connectors/s3_bucket__glue_python_shell_job.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
)
