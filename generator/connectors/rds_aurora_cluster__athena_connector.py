"""The connector rds.aurora_cluster -> athena.connector: the connector reads the database."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="rds.aurora_cluster",
    target="athena.connector",
    doc=(
        "the connector reads rows over JDBC with TLS, logging in with the cluster's secret; "
        "the cluster's security group admits the connector's on the database port"
    ),
    expression="connectors/rds_aurora_cluster__athena_connector.py.j2",
    fills=("target", "database"),
    wiring="connectors/rds_aurora_cluster__athena_connector.wiring.py.j2",
)
