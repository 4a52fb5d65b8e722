"""The connector lambda.function -> s3.object_lambda_access_point: the function answers GETs.

The function sends the transformed object back with WriteGetObjectResponse. The permission
is a policy of its own on the function's role, not the role's default policy: the access
point names the function, and the function waits for its role's default policy, so a grant
there naming the access point would be a cycle.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="lambda.function",
    target="s3.object_lambda_access_point",
    doc=(
        "the function answers each GetObject with s3-object-lambda:WriteGetObjectResponse, "
        "allowed on this Object Lambda access point only"
    ),
    wiring="connectors/lambda_function__s3_object_lambda_access_point.wiring.py.j2",
    imports=("from aws_cdk import aws_iam as iam",),
)
