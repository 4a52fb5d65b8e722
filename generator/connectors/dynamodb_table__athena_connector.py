"""The connector dynamodb.table -> athena.connector: the connector reads the table's items."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="dynamodb.table",
    target="athena.connector",
    doc=(
        "the connector reads the table's items for Athena (Scan, Query, DescribeTable), "
        "with the table key's decrypt"
    ),
    expression="connectors/dynamodb_table__athena_connector.py.j2",
    fills=("target", "tables"),
    wiring="connectors/dynamodb_table__athena_connector.wiring.py.j2",
)
