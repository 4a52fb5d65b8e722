"""The connector ec2.vpc_endpoint -> dynamodb.table: the endpoint reaches this table only (T39).

DynamoDB tables here have no resource policy of their own, so the endpoint policy
and the callers' IAM policies are the two gates. This flow sets both: each client
of the endpoint may write to the table (CDK's grant_write_data, with the table
key's actions), and the endpoint allows those actions on this table, for those
roles, and nothing else.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="ec2.vpc_endpoint",
    target="dynamodb.table",
    doc=(
        "the endpoint's policy allows its clients' roles to write to this table only; each "
        "client gets the write grant and the table's name in <ID>_TABLE"
    ),
    wiring="connectors/ec2_vpc_endpoint__dynamodb_table.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
    requires={"source": {"service": "dynamodb"}},
)
