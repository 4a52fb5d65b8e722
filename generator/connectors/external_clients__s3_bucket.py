"""The connector external.clients -> s3.bucket."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="external.clients",
    target="s3.bucket",
    doc="systems outside the stack write files to the bucket with their own credentials",
    evidence="none",
)
