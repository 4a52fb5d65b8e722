"""The connector lakeformation.data_lake -> athena.workgroup."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="lakeformation.data_lake",
    target="athena.workgroup",
    doc=(
        "Lake Formation vends the workgroup's queries credentials for the granted columns: "
        "the grantees' roles get the workgroup's users policy, with lakeformation:GetDataAccess"
    ),
    wiring="connectors/lakeformation_data_lake__athena_workgroup.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
)
