"""The connector external.database -> dms.endpoint."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="external.database",
    target="dms.endpoint",
    doc=(
        "the endpoint connects with the database's host, port, name and credentials, given as"
        " stack parameters (the password NoEcho)"
    ),
    expression="connectors/external_database__dms_endpoint.py.j2",
    fills=("target", "connection"),
    imports=("from aws_cdk import CfnParameter",),
    evidence="none",
)
