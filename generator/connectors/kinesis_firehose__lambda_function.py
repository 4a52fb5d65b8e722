"""The connector kinesis.firehose -> lambda.function."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="kinesis.firehose",
    target="lambda.function",
    doc="invokes the function to transform each batch",
    expression="connectors/kinesis_firehose__lambda_function.py.j2",
    fills=("source", "processor"),
    wiring="connectors/kinesis_firehose__lambda_function.wiring.py.j2",
)
