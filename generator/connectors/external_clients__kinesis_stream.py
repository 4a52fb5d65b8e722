"""The connector external.clients -> kinesis.stream."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="external.clients",
    target="kinesis.stream",
    doc=(
        "producers call PutRecord/PutRecords with a partition key; they need kinesis:PutRecord(s) "
        "on the stream and kms:GenerateDataKey on its key, granted outside the stack"
    ),
    evidence="none",
)
