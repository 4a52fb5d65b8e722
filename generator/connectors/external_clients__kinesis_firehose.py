"""The connector external.clients -> kinesis.firehose."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="external.clients",
    target="kinesis.firehose",
    doc="clients call PutRecord/PutRecordBatch",
    evidence="none",
)
