"""The connector external.clients -> athena.workgroup."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="external.clients",
    target="athena.workgroup",
    doc="clients submit queries to the workgroup",
    evidence="none",
)
