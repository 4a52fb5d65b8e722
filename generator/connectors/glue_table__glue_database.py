"""The connector glue.table -> glue.database."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="glue.table",
    target="glue.database",
    doc="registers the table in the database, where Athena looks it up",
    expression="connectors/glue_table__glue_database.py.j2",
    fills=("source", "database"),
)
