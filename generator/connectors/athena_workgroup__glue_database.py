"""The connector athena.workgroup -> glue.database."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="athena.workgroup",
    target="glue.database",
    doc="lets the workgroup's users read the database's tables",
    wiring="connectors/athena_workgroup__glue_database.wiring.py.j2",
)
