"""The connector lambda.function -> external.internet: HTTPS out through the VPC's NAT gateway.

Nothing is deployed for the flow itself: the function's security group already lets
HTTPS out, and its private subnets route everything else than the VPC's endpoints to a
NAT gateway in a public subnet.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="lambda.function",
    target="external.internet",
    doc=(
        "the function, in private subnets, reaches hosts on the internet over HTTPS through "
        "the VPC's NAT gateway; nothing on the internet can connect to it"
    ),
    evidence="none",
)
