"""The connector flink.application -> kinesis.firehose: the Flink job writes to Firehose.

The job's Firehose sink calls PutRecordBatch; the application receives the delivery
stream (its name reaches the job as a runtime property) and its role may put records
on that one stream. Firehose then buffers and delivers them like any direct-put source.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="flink.application",
    target="kinesis.firehose",
    doc="the Flink job's sink puts its results on the Firehose stream (PutRecordBatch)",
    expression="connectors/flink_application__kinesis_firehose.py.j2",
    fills=("source", "sink"),
    wiring="connectors/flink_application__kinesis_firehose.wiring.py.j2",
)
