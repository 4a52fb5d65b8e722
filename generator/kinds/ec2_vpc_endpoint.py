"""A VPC endpoint to S3 or DynamoDB: AWS API calls that never leave the AWS network (T36, T39).

A gateway endpoint is a route in the VPC's route tables to the service's
prefix list: free, for S3 and DynamoDB only, usable only from inside the VPC.
An interface endpoint (AWS PrivateLink) is a network interface with a private
address in each private subnet: billed by the hour, behind a security group,
and reachable from peered networks and on premises too.

Either way its endpoint policy is the second gate after the caller's IAM
policy: the flows out of it (to a table, to a bucket) allow the actions of
its clients' roles on that one resource, so nothing in the VPC can use the
endpoint to reach another account's bucket or another table. Its clients are
the functions that flow into it; the flows out grant each of them the access
and tell it the resource's name.
"""

from typing import Literal

from pydantic import Field

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
    component_ref,
)


class VpcEndpointProps(Props):
    vpc: component_ref("ec2.vpc", export="vpc", doc="the VPC whose subnets use the endpoint")
    service: Literal["s3", "dynamodb"] = Field(description="the AWS service it reaches")
    endpoint_type: Literal["gateway", "interface"] = Field(
        "gateway",
        description=(
            "gateway: a route to the service in the route tables, free; interface: AWS "
            "PrivateLink network interfaces in the private subnets, billed per hour and GB"
        ),
    )


class Ec2VpcEndpoint(Kind):
    name = "ec2.vpc_endpoint"
    title = "VPC endpoint"
    doc = (
        "A VPC endpoint to S3 or DynamoDB (gateway, or interface through AWS PrivateLink) whose "
        "endpoint policy allows only its clients' roles, only on the resources its flows name."
    )
    icon = Icon("diagrams.aws.network", "Endpoint")
    resource_types = ("AWS::EC2::VPCEndpoint",)
    supporting_types = ("AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress")
    template = "kinds/ec2_vpc_endpoint.py.j2"
    imports = (
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_lambda as lambda_",
        "from aws_cdk import Fn",
    )
    props = VpcEndpointProps
    exports = {
        "endpoint": Export(
            "ec2.GatewayVpcEndpoint | ec2.InterfaceVpcEndpoint",
            "the endpoint; flows out of it add its policy statements",
        ),
        "clients": Export(
            "list[lambda_.Function]",
            "the functions that call the service through it; flows out of it grant their roles",
        ),
    }
    slots = {
        "clients": Slot(
            "the functions that call the service through it, one per flow into it",
            "lambda_.Function",
            required=True,
            many=True,
        ),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::EC2::VPCEndpoint",
            {"PolicyDocument": ANY},
            "Endpoints carry a policy of their own instead of the default full access.",
        ),
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::EC2::VPCEndpoint",
                "nothing for a gateway endpoint; an interface endpoint per hour in each "
                "Availability Zone and per GB processed",
                "https://aws.amazon.com/privatelink/pricing/",
                PRICING_CHECKED,
            ),
        ),
    )

    @classmethod
    def describe(cls, props: VpcEndpointProps) -> str:
        service = {"s3": "S3", "dynamodb": "DynamoDB"}[props.service]
        if props.endpoint_type == "gateway":
            how = (
                f"A gateway endpoint: a route in every route table of the VPC sends {service} "
                "traffic to it, off the NAT gateway and the internet, at no charge."
            )
        else:
            how = (
                "An interface endpoint (AWS PrivateLink): a network interface with a private "
                "address in each private subnet, behind a security group that admits HTTPS "
                "from its clients only; the clients call it by its own DNS name."
            )
        return (
            f"{how} Its endpoint policy allows only its clients' roles, and only on the "
            f"{service} resources its flows name."
        )
