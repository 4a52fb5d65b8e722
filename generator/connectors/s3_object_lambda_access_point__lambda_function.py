"""The connector s3.object_lambda_access_point -> lambda.function: a GetObject runs the function."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="s3.object_lambda_access_point",
    target="lambda.function",
    doc=(
        "each GetObject through the Object Lambda access point invokes the function, with the "
        "caller's permissions and a getObjectContext"
    ),
    expression="connectors/s3_object_lambda_access_point__lambda_function.py.j2",
    fills=("source", "function"),
)
