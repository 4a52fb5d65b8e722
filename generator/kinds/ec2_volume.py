"""Amazon EBS Provisioned IOPS volume (io1 or io2) attached to an instance (T33).

Its type and IOPS are props, so that a learner can build both sides of the notes'
contrast and see what changing one to the other does: Elastic Volumes modifies a
volume in place (ModifyVolume), attached and in use, with no detach and no downtime;
CloudFormation applies a change of VolumeType or Iops to AWS::EC2::Volume as an
update with no interruption (the same volume, its id kept), after which EBS allows
the next modification only once this one completes. io2 (Block Express) gives the
same IOPS with higher durability than io1.

Encrypted with a KMS key of its own. The stack snapshots it when it deletes it
(RemovalPolicy.SNAPSHOT): the data is yours.
"""

from typing import Literal

from pydantic import Field, model_validator

from generator.kinds.base import (
    ANY,
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
    Slot,
)


class Ec2VolumeProps(Props):
    volume_type: Literal["io1", "io2"] = Field(
        "io2", description="Provisioned IOPS SSD: io1, or io2 (Block Express, more durable)"
    )
    size_gib: int = Field(100, ge=4, le=16384, description="size in GiB")
    iops: int = Field(3000, ge=100, le=64000, description="provisioned IOPS")
    device_name: str = Field(
        "/dev/sdf", pattern=r"^/dev/(sd|xvd)[f-p]$", description="the device it is attached as"
    )

    @model_validator(mode="after")
    def _iops_per_gib(self) -> "Ec2VolumeProps":
        # io1 allows up to 50 IOPS per GiB, io2 (Block Express) up to 1,000:
        # https://docs.aws.amazon.com/ebs/latest/userguide/provisioned-iops.html
        ratio = 50 if self.volume_type == "io1" else 1000
        if self.iops > ratio * self.size_gib:
            raise ValueError(
                f"{self.volume_type} allows at most {ratio} IOPS per GiB: {self.iops} IOPS need "
                f"at least {-(-self.iops // ratio)} GiB, not {self.size_gib}"
            )
        return self


class Ec2Volume(Kind):
    name = "ec2.volume"
    title = "EBS volume"
    doc = (
        "A Provisioned IOPS EBS volume (io1 or io2) in its instance's Availability Zone, "
        "encrypted with its own KMS key, attached to the instance, snapshotted when deleted."
    )
    icon = Icon("diagrams.aws.storage", "ElasticBlockStoreEBSVolume")
    resource_types = ("AWS::EC2::Volume", "AWS::EC2::VolumeAttachment", "AWS::KMS::Key")
    template = "kinds/ec2_volume.py.j2"
    imports = (
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Size",
    )
    props = Ec2VolumeProps
    exports = {"volume": Export("ec2.Volume", "the volume")}
    slots = {
        "instance": Slot(
            "the instance it is attached to (from the instance's flow to it)",
            "ec2.Instance",
            required=True,
        ),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::EC2::Volume",
            {"Encrypted": True, "KmsKeyId": ANY},
            "Volumes are encrypted with a customer-managed key.",
        ),
        KEYS_ROTATE,
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::EC2::Volume",
                "per GB-month of its {size_gib} GiB and per provisioned IOPS-month of its "
                "{iops} IOPS ({volume_type}), attached or not; its snapshot after a destroy "
                "per GB-month",
                "https://aws.amazon.com/ebs/pricing/",
                PRICING_CHECKED,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::EC2::Volume": (
                "CloudFormation snapshots the volume before it deletes it "
                "(RemovalPolicy.SNAPSHOT), so its data survives a destroy; the snapshot bills "
                "per GB-month until you delete it in the EC2 console."
            ),
            "AWS::KMS::Key": (
                "It encrypts the volume's final snapshot, which is unreadable without it. "
                "Schedule its deletion (aws kms schedule-key-deletion) only after deleting the "
                "snapshot."
            ),
        },
    )
