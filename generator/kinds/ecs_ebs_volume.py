"""An EBS volume that Amazon ECS creates for each Fargate task at launch (since 2024).

The notes say an EBS volume cannot be attached to a Fargate task (T17). Today ECS
attaches one EBS volume per task, configured on the service and created, attached and
deleted by ECS with an infrastructure role; it is never shared between tasks, so EFS
stays the answer for shared storage. CloudFormation has no resource for the volume
itself: this component is its configuration (size, type, file system), the KMS key
that encrypts it and the role ECS manages it with. A flow from a Fargate service puts
it on that service.
"""

from typing import Literal

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
)


class EcsEbsVolumeProps(Props):
    size_gib: int = Field(20, ge=1, le=16384, description="size of each task's volume, GiB")
    volume_type: Literal["gp3", "gp2", "io2", "st1", "sc1"] = Field(
        "gp3", description="EBS volume type of each task's volume"
    )
    file_system_type: Literal["ext4", "xfs"] = Field(
        "ext4", description="Linux file system ECS formats the new volume with"
    )


class EcsEbsVolume(Kind):
    name = "ecs.ebs_volume"
    title = "EBS volume per task"
    doc = (
        "An EBS volume that ECS creates, attaches and deletes for each task of a Fargate "
        "service (one per task, never shared), encrypted with its own KMS key and managed "
        "through an ECS infrastructure role."
    )
    icon = Icon("diagrams.aws.storage", "ElasticBlockStoreEBSVolume")
    resource_types = ("AWS::KMS::Key", "AWS::IAM::Role")
    supporting_types = ("AWS::IAM::Policy",)
    template = "kinds/ecs_ebs_volume.py.j2"
    imports = (
        "from aws_cdk import aws_ecs as ecs",
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import Size",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = EcsEbsVolumeProps
    exports = {
        "volume": Export(
            "ecs.ServiceManagedVolume",
            "the volume's configuration, for a service and its task definition",
        )
    }
    secure_defaults = (KEYS_ROTATE,)
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::IAM::Role",
                "nothing for the role; each running task's {size_gib} GiB {volume_type} volume "
                "bills per GB-month (prorated by the second) while it exists, from launch "
                "until ECS deletes it when the task stops",
                "https://aws.amazon.com/ebs/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::KMS::Key": (
                "CDK keeps KMS keys unless told otherwise. ECS deletes each task's volume when "
                "the task stops, so once the service is gone nothing needs the key: schedule "
                "its deletion (aws kms schedule-key-deletion)."
            ),
        },
    )
