"""Amazon S3 access point: a named, policy-bearing way into one bucket.

It blocks public access and has a policy of its own. Its name must be fixed in the template,
because the policy names the access point's own ARN (an access point has no separate policy
resource, and its Arn attribute cannot appear in its own properties): the name is made unique
per stack and construct path, lower case, as access point names must be.

The bucket is a slot: the flow bucket -> access point fills it, and also lets the bucket's
policy delegate reads to this access point (s3:DataAccessPointArn), as AWS documents for
access points in the bucket owner's account.
"""

from pydantic import Field

from generator.kinds.base import (
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
)


class S3AccessPointProps(Props):
    only_via_object_lambda: bool = Field(
        False,
        description=(
            "its policy lets the account's principals read objects only when S3 Object Lambda "
            "makes the request for them (aws:CalledVia), as a supporting access point"
        ),
    )


class S3AccessPoint(Kind):
    name = "s3.access_point"
    title = "S3 access point"
    doc = (
        "An S3 access point on one bucket: public access blocked, and a policy that lets the "
        "account's principals read objects (s3:GetObject) and nothing else."
    )
    icon = Icon("diagrams.aws.storage", "S3AccessPoints")
    resource_types = ("AWS::S3::AccessPoint",)
    template = "kinds/s3_access_point.py.j2"
    imports = (
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Names",
    )
    props = S3AccessPointProps
    slots = {"bucket": Slot("the bucket it opens onto", "s3.IBucket", required=True)}
    exports = {
        "access_point": Export("s3.CfnAccessPoint", "the access point"),
        "arn": Export("str", "its ARN"),
        "objects_arn": Export("str", "the ARN of its objects (<arn>/object/*)"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::S3::AccessPoint",
            {
                "PublicAccessBlockConfiguration": {
                    "BlockPublicAcls": True,
                    "BlockPublicPolicy": True,
                    "IgnorePublicAcls": True,
                    "RestrictPublicBuckets": True,
                }
            },
            "Access points block public access.",
        ),
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::S3::AccessPoint",
                "nothing for the access point itself; the requests made through it bill as "
                "requests to its bucket",
                "https://aws.amazon.com/s3/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
    )

    @classmethod
    def describe(cls, props: Props) -> str:
        if props.only_via_object_lambda:
            return (
                "An S3 access point on one bucket, the supporting access point of an Object "
                "Lambda access point: public access blocked, and a policy that lets the "
                "account's principals read objects (s3:GetObject) only when S3 Object Lambda "
                "makes the request for them."
            )
        return cls.doc
