"""Amazon SageMaker AI domain in VPC-only mode: Studio for one user profile (T25).

VpcOnly sends all of Studio's traffic through the domain's private subnets, with no
internet access unless the VPC has a NAT gateway; Studio then runs only if the VPC
has interface endpoints to the SageMaker API and runtime (or NAT):
https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html
So the domain brings those endpoints, plus the SageMaker Metrics endpoint that the
training jobs launched into its subnets log metrics through. They admit HTTPS from
the domain's security group only; IAM decides who may call what.

The domain encrypts its home EFS volume with a key of its own, and its apps run as
an execution role with no AWS managed policy: the flows out of the domain grant what
the launcher does (start a training job, create a run, upload data), nothing more.
"""

from pydantic import Field

from generator.kinds.base import (
    KEYS_ROTATE,
    KMS_KEYS_BILL_MONTHLY,
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    component_ref,
)


class DomainProps(Props):
    vpc: component_ref("ec2.vpc", export="vpc", doc="the VPC whose private subnets it runs in")
    user_profile: str = Field(
        "data-scientist",
        pattern=r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$",
        description="the name of its one user profile",
    )


class SageMakerDomain(Kind):
    name = "sagemaker.domain"
    title = "SageMaker domain"
    doc = (
        "A SageMaker AI domain (Studio) in VPC-only mode, IAM authentication, its home EFS "
        "volume encrypted with a key of its own, one user profile, interface endpoints to the "
        "SageMaker API, runtime and metrics, and an execution role with no AWS managed policy."
    )
    icon = Icon("diagrams.aws.ml", "SagemakerNotebook")
    resource_types = (
        "AWS::SageMaker::Domain",
        "AWS::SageMaker::UserProfile",
        "AWS::KMS::Key",
        "AWS::IAM::Role",
        "AWS::EC2::VPCEndpoint",
    )
    supporting_types = (
        "AWS::IAM::Policy",
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupIngress",
    )
    template = "kinds/sagemaker_domain.py.j2"
    imports = (
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import aws_sagemaker as sagemaker",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = DomainProps
    exports = {
        "domain": Export("sagemaker.CfnDomain", "the domain"),
        "role": Export("iam.Role", "the execution role its apps (and the launcher) run as"),
        "key": Export("kms.Key", "the key of its home EFS volume and its jobs' storage volumes"),
        "security_group": Export(
            "ec2.SecurityGroup", "the group of its apps, and of the jobs launched into its subnets"
        ),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::SageMaker::Domain",
            {"AppNetworkAccessType": "VpcOnly", "AuthMode": "IAM", "KmsKeyId": {}},
            "The domain runs in VPC-only mode and encrypts its EFS volume with its own key.",
        ),
        KEYS_ROTATE,
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::SageMaker::Domain",
                "nothing for the domain itself; each Studio app (JupyterLab, Code Editor) per "
                "instance-hour while it runs, and the home EFS volume per GB-month stored",
                "https://aws.amazon.com/sagemaker/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            Cost(
                "AWS::EC2::VPCEndpoint",
                "per interface endpoint per hour in each Availability Zone (three endpoints "
                "here), and per GB processed",
                "https://aws.amazon.com/privatelink/pricing/",
                PRICING_CHECKED,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::KMS::Key": (
                "CDK keeps KMS keys unless told otherwise. This one encrypts the domain's home "
                "EFS volume, which SageMaker keeps after the domain is deleted: delete that "
                "volume first, then schedule the key's deletion (aws kms schedule-key-deletion)."
            ),
        },
        leaves_behind=(
            "the domain's home EFS file system (HomeEfsFileSystemId), which SageMaker keeps "
            "when the domain is deleted; delete it with aws efs delete-file-system",
            "the Studio apps and spaces a user started: delete them (aws sagemaker delete-app, "
            "delete-space) before cdk destroy, which cannot delete a user profile that has them",
        ),
    )
