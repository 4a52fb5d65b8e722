"""The public internet (package mirrors, third-party APIs): drawn, never deployed.

A flow to it from something in a VPC's private subnets goes out through the
VPC's NAT gateway (T34): the diagram shows where the traffic ends, the flow's
text the way it takes.
"""

from generator.kinds.base import Icon, Kind


class ExternalInternet(Kind):
    name = "external.internet"
    title = "Internet"
    doc = "Hosts on the public internet, outside the stack; no resources."
    icon = Icon("diagrams.onprem.network", "Internet")
