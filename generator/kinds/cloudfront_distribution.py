"""Amazon CloudFront distribution: HTTPS in front of one origin, with a cache.

Viewers reach it over HTTPS only (HTTP/2 and HTTP/3), for GET and HEAD. Its cache policy
keys on the query parameters a pattern names (an image's width) and on nothing else (no
cookies, no headers), so each variant is made once and then served from the edge. It writes
standard access logs to a bucket of its own, kept 90 days; CloudFront delivers them with an
ACL, so that bucket (unlike the catalog's s3.bucket) has ACLs enabled for the log delivery.

The origin is a slot: the flow to the origin fills it (a Lambda function URL, signed with
origin access control). It uses the default *.cloudfront.net certificate: a custom domain
needs an ACM certificate in us-east-1 and a DNS record outside this stack.
"""

import re
from typing import Literal

from pydantic import Field, field_validator

from generator.kinds.base import (
    ANY,
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

QUERY_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")


class CloudFrontDistributionProps(Props):
    cache_query_strings: list[str] = Field(
        default_factory=list,
        max_length=10,
        description=(
            "the query parameters the cache key holds (and CloudFront forwards to the origin); "
            "all others are dropped"
        ),
    )
    default_ttl_hours: int = Field(
        24, ge=0, le=8760, description="how long it keeps an answer whose origin sets no max-age"
    )
    price_class: Literal["100", "200", "all"] = Field(
        "100",
        description=(
            "the edge locations it serves from: 100 (North America, Europe, Israel), 200 (and "
            "most of Asia, the Middle East and Africa) or all"
        ),
    )

    @field_validator("cache_query_strings")
    @classmethod
    def _names(cls, names: list[str]) -> list[str]:
        for name in names:
            if not QUERY_NAME.fullmatch(name):
                raise ValueError(
                    f"query parameter {name!r} must be 1 to 64 letters, digits, '_', '.' or '-'"
                )
        return names


class CloudFrontDistribution(Kind):
    name = "cloudfront.distribution"
    title = "CloudFront distribution"
    doc = (
        "A CloudFront distribution: HTTPS only for viewers (HTTP/2 and HTTP/3), GET and HEAD, "
        "a cache policy keyed on the query parameters it names, security response headers, and "
        "standard access logs in a bucket of its own kept 90 days."
    )
    icon = Icon("diagrams.aws.network", "CloudFront")
    resource_types = ("AWS::CloudFront::Distribution",)
    supporting_types = (
        "AWS::CloudFront::CachePolicy",
        # Made by the origin a flow fills: the OAC that signs origin requests, and the
        # function URL's permissions for this distribution (lambda:InvokeFunctionUrl and
        # lambda:InvokeFunction).
        "AWS::CloudFront::OriginAccessControl",
        "AWS::Lambda::Permission",
        "AWS::S3::Bucket",
        "AWS::S3::BucketPolicy",
    )
    template = "kinds/cloudfront_distribution.py.j2"
    imports = (
        "from aws_cdk import aws_cloudfront as cloudfront",
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import Duration",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = CloudFrontDistributionProps
    slots = {
        "origin": Slot(
            "the origin it fetches from on a cache miss", "cloudfront.IOrigin", required=True
        )
    }
    exports = {
        "distribution": Export("cloudfront.Distribution", "the distribution"),
        "access_logs": Export("s3.Bucket", "the bucket of its standard access logs"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::CloudFront::Distribution",
            {
                "DistributionConfig": {
                    "DefaultCacheBehavior": {"ViewerProtocolPolicy": "https-only"}
                }
            },
            "Distributions answer viewers over HTTPS only.",
            tls=True,
        ),
        SecureDefault(
            "AWS::CloudFront::Distribution",
            {"DistributionConfig": {"Logging": {"Bucket": ANY}}},
            "Distributions write standard access logs.",
        ),
        SecureDefault(
            "AWS::CloudFront::OriginAccessControl",
            {
                "OriginAccessControlConfig": {
                    "SigningBehavior": "always",
                    "SigningProtocol": "sigv4",
                }
            },
            "Origin access control signs every origin request.",
        ),
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::CloudFront::Distribution",
                "per request and per GB sent to viewers (an always-free monthly allowance "
                "first), and per GB of its standard logs stored",
                "https://aws.amazon.com/cloudfront/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
        kept={
            "AWS::S3::Bucket": (
                "Its access logs (RemovalPolicy.RETAIN), kept 90 days by a lifecycle rule: "
                "CloudFormation cannot delete a bucket that holds any. Empty it (every object "
                "version) in the S3 console and delete it when you no longer need them."
            ),
        },
        run="run/cloudfront_distribution.md.j2",
    )
