"""Amazon ECS cluster: the namespace Fargate services run in, with Container Insights (T26).

ECS schedules containers with no control plane for the user to run or upgrade, which
is what the notes contrast with Kubernetes on EKS. The cluster itself costs nothing;
it holds the VPC its services place tasks in, and the Container Insights setting
that collects their metrics.
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
    component_ref,
)


class EcsClusterProps(Props):
    vpc: component_ref(
        "ec2.vpc", export="vpc", doc="the VPC whose private subnets its services' tasks run in"
    )
    container_insights: Literal["enhanced", "enabled"] = Field(
        "enhanced",
        description=(
            "CloudWatch Container Insights: enhanced adds task- and container-level metrics "
            "to the cluster- and service-level ones"
        ),
    )


class EcsCluster(Kind):
    name = "ecs.cluster"
    title = "ECS cluster"
    doc = (
        "An Amazon ECS cluster for Fargate tasks in the VPC, with CloudWatch Container "
        "Insights collecting cluster, service, task and container metrics."
    )
    icon = Icon("diagrams.aws.compute", "ElasticContainerService")
    resource_types = ("AWS::ECS::Cluster",)
    template = "kinds/ecs_cluster.py.j2"
    imports = ("from aws_cdk import aws_ecs as ecs",)
    props = EcsClusterProps
    exports = {"cluster": Export("ecs.Cluster", "the cluster (its vpc is the VPC it was given)")}
    secure_defaults = (
        SecureDefault(
            "AWS::ECS::Cluster",
            {"ClusterSettings": [{"Name": "containerInsights", "Value": ANY}]},
            "Clusters collect Container Insights metrics.",
        ),
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::ECS::Cluster",
                "nothing for the cluster itself; Container Insights bills the metrics and "
                "performance log events it collects from running tasks, per metric and per GB",
                "https://aws.amazon.com/cloudwatch/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
    )
