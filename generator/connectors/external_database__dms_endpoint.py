"""The connector external.database -> dms.endpoint."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="external.database",
    target="dms.endpoint",
    doc=(
        "the endpoint reaches the database at a host, port and database name given as stack"
        " parameters, in the database's SSL mode, and logs in with a generated password it keeps"
        " in Secrets Manager"
    ),
    expression="connectors/external_database__dms_endpoint.py.j2",
    fills=("target", "login"),
    imports=("from aws_cdk import CfnParameter",),
    evidence="none",
)
