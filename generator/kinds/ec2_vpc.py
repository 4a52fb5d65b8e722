"""Amazon VPC: the private network that databases, replication and Airflow run in.

Other kinds place themselves in it through a `vpc` prop (a component
reference), and a group with `component:` draws it as the box around them.
"""

from pydantic import Field

from generator.kinds.base import (
    LOG_GROUPS_EXPIRE_ENCRYPTED,
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
)


class VpcProps(Props):
    max_azs: int = Field(2, ge=2, le=3, description="availability zones (2 or 3)")
    nat_gateways: int = Field(
        1,
        ge=0,
        le=3,
        description=(
            "NAT gateways for outbound internet from private subnets; 0 means isolated subnets only"
        ),
    )
    cidr: str = Field("10.0.0.0/16", pattern=r"^\d+\.\d+\.\d+\.\d+/(1[6-9]|2[0-4])$")
    s3_gateway_endpoint: bool = Field(
        True,
        description=(
            "an S3 gateway endpoint with the default (full access) policy; false where an "
            "ec2.vpc_endpoint component makes the VPC's S3 endpoint, with a policy of its own "
            "(a route table holds one gateway endpoint per service)"
        ),
    )


class Ec2Vpc(Kind):
    name = "ec2.vpc"
    title = "VPC"
    doc = (
        "A VPC over two or three AZs with isolated subnets, private subnets behind NAT gateways "
        "when nat_gateways > 0, an S3 gateway endpoint (S3 traffic stays off NAT and the "
        "internet), and flow logs of all traffic to an encrypted log group."
    )
    icon = Icon("diagrams.aws.network", "VPC")
    resource_types = (
        "AWS::EC2::VPC",
        "AWS::EC2::Subnet",
        "AWS::EC2::FlowLog",
        "AWS::Logs::LogGroup",
    )
    supporting_types = (
        "AWS::EC2::VPCEndpoint",  # its S3 gateway endpoint, unless s3_gateway_endpoint: false
        "AWS::EC2::RouteTable",
        "AWS::EC2::SubnetRouteTableAssociation",
        "AWS::EC2::Route",
        "AWS::EC2::InternetGateway",
        "AWS::EC2::VPCGatewayAttachment",
        "AWS::EC2::NatGateway",
        "AWS::EC2::EIP",
        "AWS::IAM::Role",
        "AWS::IAM::Policy",
    )
    needs = ("logs_key",)
    exports = {"vpc": Export("ec2.Vpc", "the VPC")}
    secure_defaults = (
        SecureDefault("AWS::EC2::FlowLog", {"TrafficType": "ALL"}, "Flow logs record all traffic."),
        LOG_GROUPS_EXPIRE_ENCRYPTED,
    )
    template = "kinds/ec2_vpc.py.j2"
    imports = (
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import RemovalPolicy",
    )
    props = VpcProps

    @classmethod
    def describe(cls, props: VpcProps) -> str:
        if props.s3_gateway_endpoint:
            return cls.doc
        return (
            "A VPC over two or three AZs with isolated subnets, private subnets behind NAT "
            "gateways when nat_gateways > 0, and flow logs of all traffic to an encrypted log "
            "group; its S3 gateway endpoint is a component of its own."
        )

    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::EC2::NatGateway",
                "per NAT gateway-hour while it exists, and per GB it processes",
                "https://aws.amazon.com/vpc/pricing/",
                PRICING_CHECKED,
            ),
            Cost(
                "AWS::EC2::EIP",
                "per hour of each public IPv4 address (the NAT gateways' Elastic IPs)",
                "https://aws.amazon.com/vpc/pricing/",
                PRICING_CHECKED,
            ),
            Cost(
                "AWS::EC2::FlowLog",
                "per GB of flow log records delivered to CloudWatch Logs, and per GB-month stored",
                "https://aws.amazon.com/cloudwatch/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
    )
