"""Amazon S3 Object Lambda access point: a GET through it runs a Lambda function.

S3 Object Lambda is open only to existing customers since 2025-11-07; a new account cannot
create one. It stays in the catalog because the notes teach it and existing customers run it.

Its supporting access point is a prop (where it reads from, not a step of the data's path);
the function it runs is a slot, filled by the flow to the function. Callers use their own
IAM permissions: the kind makes a managed policy with the three grants AWS documents for a
caller (s3-object-lambda:GetObject on this access point, s3:GetObject through the supporting
access point and lambda:InvokeFunction on the function, the last two only when S3 Object
Lambda calls them), to attach to the roles that read resized images.
"""

from generator.kinds.base import (
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    Slot,
    component_ref,
)


class S3ObjectLambdaAccessPointProps(Props):
    access_point: component_ref(
        "s3.access_point",
        export="access_point",
        doc="its supporting access point: the standard access point the originals are read through",
    )


class S3ObjectLambdaAccessPoint(Kind):
    name = "s3.object_lambda_access_point"
    title = "S3 Object Lambda access point"
    doc = (
        "An S3 Object Lambda access point: each GetObject through it runs a Lambda function on "
        "the object read through its supporting access point, with CloudWatch request metrics; "
        "a policy that lets the account's principals GetObject and nothing else, and a managed "
        "policy for the callers. Open only to existing S3 Object Lambda customers since "
        "2025-11-07."
    )
    icon = Icon("diagrams.aws.storage", "S3ObjectLambdaAccessPoints")
    resource_types = ("AWS::S3ObjectLambda::AccessPoint",)
    supporting_types = ("AWS::S3ObjectLambda::AccessPointPolicy", "AWS::IAM::ManagedPolicy")
    template = "kinds/s3_object_lambda_access_point.py.j2"
    imports = (
        "from aws_cdk import aws_s3objectlambda as s3objectlambda",
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_lambda as lambda_",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = S3ObjectLambdaAccessPointProps
    slots = {
        "function": Slot(
            "the Lambda function each GetObject runs", "lambda_.IFunction", required=True
        ),
    }
    exports = {
        "access_point": Export("s3objectlambda.CfnAccessPoint", "the Object Lambda access point"),
        "arn": Export("str", "its ARN"),
        "readers_policy": Export(
            "iam.ManagedPolicy", "the managed policy to attach to a role that reads through it"
        ),
    }
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::S3ObjectLambda::AccessPoint",
                "per GB of data it returns and per request, besides the function's run time "
                "and the requests to the supporting access point",
                "https://aws.amazon.com/s3/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
        run="run/s3_object_lambda_access_point.md.j2",
    )
