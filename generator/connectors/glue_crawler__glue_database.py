"""The connector glue.crawler -> glue.database."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="glue.crawler",
    target="glue.database",
    doc="writes the tables it finds into the database",
    expression="connectors/glue_crawler__glue_database.py.j2",
    fills=("source", "database"),
    wiring="connectors/glue_crawler__glue_database.wiring.py.j2",
)
