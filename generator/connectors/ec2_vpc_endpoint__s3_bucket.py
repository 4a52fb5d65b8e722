"""The connector ec2.vpc_endpoint -> s3.bucket: the bucket's data only through this endpoint (T36).

Three gates, each set here:

- the clients' IAM policies: each client of the endpoint may put objects under the
  flow's prefix, and finds the bucket's name in <ID>_BUCKET and the prefix in <ID>_PREFIX;
- the endpoint policy: those actions, on this bucket's objects, for those roles only,
  so nothing in the VPC can copy data out to another bucket through it;
- the bucket policy: it denies the object actions to every request that does not come
  through this endpoint (aws:SourceVpce), whoever makes it. That is a network-level
  restriction, which IAM user policies cannot give: an administrator's credentials
  used from a laptop are refused too.

The deny names object actions only (get, put, delete, list), never the bucket's
configuration: CloudFormation can still update and delete the bucket policy, and an
administrator can still fix it in the console. So a deploy or `cdk destroy` never
locks itself out; the console's object browser and anything running outside the VPC
(CDK's auto-delete-objects custom resource among them, which s3.bucket never uses)
are refused object access, which is the point.
"""

from pydantic import Field

from generator.kinds.base import Connector, Props


class ThroughEndpointProps(Props):
    prefix: str = Field(
        pattern=r"^([A-Za-z0-9!_.*()\-]+/)+$",
        description=(
            "the key prefix the clients write under, ending in /: their grant, the endpoint "
            "policy and their <ID>_PREFIX environment variable"
        ),
    )


CONNECTOR = Connector(
    source="ec2.vpc_endpoint",
    target="s3.bucket",
    doc=(
        "the endpoint's policy allows its clients' roles to put objects under a prefix of this "
        "bucket only; "
        "the bucket's policy denies object access that does not come through the endpoint"
    ),
    wiring="connectors/ec2_vpc_endpoint__s3_bucket.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Stack",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
    requires={"source": {"service": "s3"}},
    props=ThroughEndpointProps,
)
