"""A network ACL on a VPC's private subnets: numbered allow and deny rules, stateless (T35).

Security groups are stateful allow-lists on each network interface: a reply to
an allowed request is let back in whatever the rules say. A network ACL filters
every packet that enters or leaves a subnet, in the order of its rule numbers,
the first match deciding, and remembers nothing: a reply needs a rule of its
own, on the ephemeral port range the client picked. The rules are data here
(RULES), so that the template, the teaching page and the tests read one list.
"""

from dataclasses import dataclass
from typing import Literal

from generator.kinds.base import (
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


@dataclass(frozen=True)
class AclRule:
    number: int
    direction: Literal["inbound", "outbound"]
    action: Literal["allow", "deny"]
    ports: tuple[int, int]
    peer: Literal["anywhere", "vpc"]  # 0.0.0.0/0, or the VPC's own CIDR
    why: str

    @property
    def port_text(self) -> str:
        low, high = self.ports
        return str(low) if low == high else f"{low}-{high}"


# Every rule is TCP; anything no rule matches meets the ACL's final * rule, which denies it.
RULES = (
    AclRule(
        100,
        "inbound",
        "deny",
        (3389, 3389),
        "anywhere",
        "RDP, which rule 300's ephemeral range would otherwise admit: deny rules go first",
    ),
    AclRule(
        200,
        "inbound",
        "allow",
        (443, 443),
        "vpc",
        "HTTPS from inside the VPC, to interface endpoints in these subnets",
    ),
    AclRule(
        300,
        "inbound",
        "allow",
        (1024, 65535),
        "anywhere",
        "replies to the subnets' own HTTPS requests, which return to the ephemeral port the "
        "client picked (Lambda and NAT gateways use 1024-65535)",
    ),
    AclRule(
        100,
        "outbound",
        "allow",
        (443, 443),
        "anywhere",
        "HTTPS out: AWS APIs through the gateway endpoints, the internet through the NAT gateway",
    ),
    AclRule(
        200,
        "outbound",
        "allow",
        (1024, 65535),
        "vpc",
        "replies from interface endpoints in these subnets to their clients' ephemeral ports",
    ),
)


class NetworkAclProps(Props):
    vpc: component_ref("ec2.vpc", export="vpc", doc="the VPC whose private subnets it filters")


class Ec2NetworkAcl(Kind):
    name = "ec2.network_acl"
    title = "Network ACL"
    doc = (
        "A network ACL on the VPC's private subnets with numbered, stateless allow and deny "
        "rules: HTTPS out, replies back in on the ephemeral ports, RDP denied first."
    )
    icon = Icon("diagrams.aws.network", "Nacl")
    resource_types = (
        "AWS::EC2::NetworkAcl",
        "AWS::EC2::NetworkAclEntry",
        "AWS::EC2::SubnetNetworkAclAssociation",
    )
    template = "kinds/ec2_network_acl.py.j2"
    imports = (
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = NetworkAclProps
    exports = {"acl": Export("ec2.NetworkAcl", "the network ACL")}
    secure_defaults = (
        SecureDefault(
            "AWS::EC2::NetworkAclEntry",
            {"Protocol": 6},
            "Every rule names TCP and a port range; nothing opens all protocols.",
        ),
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::EC2::NetworkAcl",
                "nothing: network ACLs carry no charge",
                "https://aws.amazon.com/vpc/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
    )

    @classmethod
    def rules(cls) -> tuple[AclRule, ...]:
        return RULES

    @classmethod
    def describe(cls, props: NetworkAclProps) -> str:
        lines = [
            f"{r.direction} {r.number}: {r.action} TCP {r.port_text} "
            f"{'from' if r.direction == 'inbound' else 'to'} "
            f"{'0.0.0.0/0' if r.peer == 'anywhere' else 'the VPC CIDR'} ({r.why})"
            for r in RULES
        ]
        return cls.doc + " Rules, lowest number first: " + "; ".join(lines) + "; then * deny all."
