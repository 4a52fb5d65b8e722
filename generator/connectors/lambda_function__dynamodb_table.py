"""The connector lambda.function -> dynamodb.table: the function writes items."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="lambda.function",
    target="dynamodb.table",
    doc=(
        "the function writes items (put, update, delete, batch write) and finds the table's name "
        "in an environment variable named after the component (FLAGS_TABLE for flags)"
    ),
    wiring="connectors/lambda_function__dynamodb_table.wiring.py.j2",
)
