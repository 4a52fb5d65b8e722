"""The connector ec2.instance -> ec2.volume: the instance writes its data to the volume.

The volume is made in the instance's Availability Zone and attached to it.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="ec2.instance",
    target="ec2.volume",
    doc="the volume is created in the instance's Availability Zone and attached to it",
    expression="connectors/ec2_instance__ec2_volume.py.j2",
    fills=("target", "instance"),
)
