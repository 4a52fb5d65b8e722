"""The connector lambda.function -> ec2.vpc_endpoint: the function calls a service through it.

The function becomes one of the endpoint's clients; the flows out of the endpoint
grant it the resource they name and allow its role in the endpoint policy. The
function must run in the VPC (its vpc prop), or its calls never reach the endpoint.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="lambda.function",
    target="ec2.vpc_endpoint",
    doc=(
        "the function, in the VPC's private subnets, calls the service through the endpoint; "
        "the endpoint's policy allows the function's role"
    ),
    expression="connectors/lambda_function__ec2_vpc_endpoint.py.j2",
    fills=("target", "clients"),
)
