"""The connector cloudfront.distribution -> lambda.function: a function URL is the origin.

The flow gives the function a URL whose auth type is AWS_IAM, so only signed requests reach
it, and makes it the distribution's origin with origin access control: CloudFront signs each
origin request (SigV4), and the function's resource policy lets this distribution alone
invoke it (lambda:InvokeFunctionUrl and, as new function URLs require since October 2025,
lambda:InvokeFunction). POST and PUT bodies would need the viewer to send their SHA-256; the
distribution allows GET and HEAD only.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="cloudfront.distribution",
    target="lambda.function",
    doc=(
        "on a cache miss the distribution calls the function's URL (AWS_IAM auth), signed "
        "with origin access control; only this distribution may invoke it"
    ),
    expression="connectors/cloudfront_distribution__lambda_function.py.j2",
    fills=("source", "origin"),
    imports=(
        "from aws_cdk import aws_cloudfront_origins as origins",
        "from aws_cdk import aws_lambda as lambda_",
    ),
)
