"""The connector kinesis.stream -> flink.application: the Flink job reads the stream.

The application receives the stream (its name reaches the job as a runtime property) and
its role the stream's read actions and kms:Decrypt on the stream's key.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="kinesis.stream",
    target="flink.application",
    doc="the Flink job reads the stream (its role may read it and decrypt its records)",
    expression="connectors/kinesis_stream__flink_application.py.j2",
    fills=("target", "source_stream"),
    wiring="connectors/kinesis_stream__flink_application.wiring.py.j2",
)
