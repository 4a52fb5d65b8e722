"""The connector dms.endpoint -> rds.aurora_cluster."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="dms.endpoint",
    target="rds.aurora_cluster",
    doc=(
        "the endpoint logs in as a database user of its own (dms_user, with CONNECT and CREATE"
        " on the database), whose secret its role may read"
    ),
    expression="connectors/dms_endpoint__rds_aurora_cluster.py.j2",
    fills=("source", "secret"),
)
