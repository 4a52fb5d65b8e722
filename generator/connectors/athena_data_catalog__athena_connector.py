"""The connector athena.data_catalog -> athena.connector: Athena invokes the connector."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="athena.data_catalog",
    target="athena.connector",
    doc=(
        "Athena invokes the connector's function for the catalog's metadata and rows; the "
        "catalog is made after the application that makes the function"
    ),
    expression="connectors/athena_data_catalog__athena_connector.py.j2",
    fills=("source", "connector"),
    # The function is made by a nested application with no outputs: nothing in this template
    # can reference it, so the link CloudFormation sees is the catalog's DependsOn.
    evidence="dependency",
)
