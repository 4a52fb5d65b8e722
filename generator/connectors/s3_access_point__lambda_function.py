"""The connector s3.access_point -> lambda.function: the function reads through the access point.

An S3 Object Lambda function reads the original object with the presigned inputS3Url of its
supporting access point, so its role needs no S3 permission. The flow names the access point
to the function (<ID>_ACCESS_POINT_ARN), which refuses events from any other.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="s3.access_point",
    target="lambda.function",
    doc=(
        "the function reads objects through the access point with the presigned URLs S3 "
        "Object Lambda gives it, and finds the access point's ARN in an environment variable "
        "named after the component (ORIGINALS_AP_ACCESS_POINT_ARN for originals_ap)"
    ),
    wiring="connectors/s3_access_point__lambda_function.wiring.py.j2",
)
