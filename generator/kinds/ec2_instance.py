"""Amazon EC2 instance in a VPC's private subnets, managed through Systems Manager, never SSH.

No key pair and no inbound rule: an operator opens a shell with Session Manager
(`aws ssm start-session`), which the SSM agent on the instance reaches outbound over
HTTPS, so nothing listens on port 22. Its root volume is encrypted with a KMS key of
its own, IMDSv2 is required (no token-less metadata requests), and detailed monitoring
sends metrics every minute. Flows attach volumes to it and open databases' ports to it.
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


class Ec2InstanceProps(Props):
    vpc: component_ref("ec2.vpc", export="vpc", doc="the VPC whose private subnets it runs in")
    instance_type: str = Field(
        "t3.micro",
        pattern=r"^[a-z][a-z0-9-]*\.[a-z0-9]+$",
        description="the instance type, e.g. t3.micro, m7i.large (a Nitro type for io2)",
    )


class Ec2Instance(Kind):
    name = "ec2.instance"
    title = "EC2 instance"
    doc = (
        "An Amazon Linux 2023 instance in private subnets with no key pair and no inbound rule, "
        "reached through Systems Manager Session Manager; IMDSv2 required, root volume "
        "encrypted with its own KMS key, detailed monitoring."
    )
    icon = Icon("diagrams.aws.compute", "EC2Instance")
    resource_types = ("AWS::EC2::Instance", "AWS::EC2::SecurityGroup", "AWS::IAM::Role")
    supporting_types = (
        "AWS::IAM::InstanceProfile",
        "AWS::IAM::Policy",
        "AWS::KMS::Key",
        "AWS::EC2::LaunchTemplate",  # CDK sets IMDSv2 through one
    )
    template = "kinds/ec2_instance.py.j2"
    imports = (
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = Ec2InstanceProps
    exports = {
        "instance": Export("ec2.Instance", "the instance"),
        "role": Export("iam.Role", "its role (the instance profile's)"),
        "security_group": Export("ec2.SecurityGroup", "its security group: nothing inbound"),
        "key": Export("kms.Key", "the key of its root volume"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::EC2::Instance",
            {"Monitoring": True},
            "Instances send detailed (one-minute) metrics.",
        ),
        KEYS_ROTATE,
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::EC2::Instance",
                "per second of its {instance_type} instance while it runs, its root volume per "
                "GB-month, and detailed monitoring's metrics",
                "https://aws.amazon.com/ec2/pricing/",
                PRICING_CHECKED,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::KMS::Key": (
                "CDK keeps KMS keys unless told otherwise. This one encrypted the instance's root "
                "volume, which goes with the instance: schedule its deletion (aws kms "
                "schedule-key-deletion) once the stack is gone."
            ),
        },
    )
