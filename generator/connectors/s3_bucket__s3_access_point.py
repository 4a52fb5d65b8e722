"""The connector s3.bucket -> s3.access_point: the access point opens onto the bucket.

Requests through an access point must also be allowed by the bucket. AWS documents a bucket
policy that delegates access control to the account's access points; this one delegates
only what the access point's own policy grants (s3:GetObject), and only through this access
point (s3:DataAccessPointArn).
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="s3.bucket",
    target="s3.access_point",
    doc=(
        "the access point opens onto the bucket; the bucket's policy lets the account read "
        "objects through this access point only"
    ),
    expression="connectors/s3_bucket__s3_access_point.py.j2",
    fills=("target", "bucket"),
    wiring="connectors/s3_bucket__s3_access_point.wiring.py.j2",
    imports=("from aws_cdk import aws_iam as iam",),
)
