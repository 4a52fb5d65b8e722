"""Amazon ECS service on Fargate running archgen's application code in a public image.

No image is built: the task runs a public Python image from Amazon ECR Public, and the
application code (a plain file under templates/app/ecs_fargate_service/, tested
locally) reaches the container in the task definition, as the argument of
`python -c`. Changing the code registers a new task definition revision and rolls the
service, as a new image would. The tasks run in the VPC's private subnets with no
public IP (NAT gateways fetch the image and reach CloudWatch Logs), as a non-root
user, with a read-only root file system: they write only to the volumes their flows
attach, a shared EFS file system and/or one EBS volume of their own.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    LOG_DATA,
    LOG_GROUPS_EXPIRE_ENCRYPTED,
    PRICING_CHECKED,
    AppFile,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
    app_code,
    component_ref,
)

# Fargate's CPU units and the memory sizes each allows (MiB):
# https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html
FARGATE_MEMORY = {256: (512, 1024, 2048), 512: (1024, 2048, 3072, 4096)}


class EcsFargateServiceProps(Props):
    cluster: component_ref("ecs.cluster", export="cluster", doc="the cluster it runs in")
    app: app_code(
        "ecs_fargate_service", ".py", doc="which program from templates/app/ecs_fargate_service/"
    )
    image: Literal[
        "public.ecr.aws/docker/library/python:3.13-slim",
        "public.ecr.aws/docker/library/python:3.12-slim",
    ] = Field(
        "public.ecr.aws/docker/library/python:3.13-slim",
        description="the public Python image from Amazon ECR Public the program runs in",
    )
    desired_count: int = Field(2, ge=1, le=10, description="tasks the service keeps running")
    cpu: Literal[256, 512] = Field(256, description="CPU units of each task")
    memory_mib: int = Field(512, description="memory of each task, MiB (one Fargate allows)")
    interval_s: int = Field(
        60, ge=10, le=3600, description="seconds between the program's rounds of work"
    )


class EcsFargateService(Kind):
    name = "ecs.fargate_service"
    title = "Fargate service"
    doc = (
        "An ECS service of Fargate tasks in private subnets, running archgen's application code "
        "in a public Python image from Amazon ECR Public (no image build), as a non-root user "
        "with a read-only root file system, logging to an encrypted log group kept a month, "
        "with a deployment circuit breaker that rolls back a failing release."
    )
    icon = Icon("diagrams.aws.compute", "Fargate")
    resource_types = (
        "AWS::ECS::Service",
        "AWS::ECS::TaskDefinition",
        "AWS::IAM::Role",
        "AWS::Logs::LogGroup",
        "AWS::EC2::SecurityGroup",
    )
    supporting_types = ("AWS::IAM::Policy", "AWS::EC2::SecurityGroupEgress")
    template = "kinds/ecs_fargate_service.py.j2"
    imports = (
        "from aws_cdk import aws_ecs as ecs",
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import RemovalPolicy",
    )
    props = EcsFargateServiceProps
    needs = ("logs_key",)
    slots = {
        "shared_file_system": Slot(
            "the EFS access point every task mounts at /mnt/shared", "efs.AccessPoint"
        ),
        "task_volume": Slot(
            "the EBS volume ECS creates for each task, mounted at /mnt/task",
            "ecs.ServiceManagedVolume",
        ),
    }
    exports = {
        "service": Export("ecs.FargateService", "the service"),
        "task_role": Export("iam.Role", "the role its program runs with"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::ECS::Service",
            {
                "NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "DISABLED"}},
                "DeploymentConfiguration": {
                    "DeploymentCircuitBreaker": {"Enable": True, "Rollback": True}
                },
            },
            "Services run tasks without public IPs and roll back failed deployments.",
        ),
        SecureDefault(
            "AWS::ECS::TaskDefinition",
            {
                "ContainerDefinitions": [
                    {
                        "ReadonlyRootFilesystem": True,
                        "User": "1000:1000",
                        "LogConfiguration": {"LogDriver": "awslogs"},
                    }
                ]
            },
            "Containers run as a non-root user on a read-only root file system, and log.",
        ),
        LOG_GROUPS_EXPIRE_ENCRYPTED,
    )
    app_files = (AppFile("ecs/{id}/{app}.py", "app/{folder}/{app}.py.j2"),)
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::ECS::Service",
                "per vCPU-hour and GB-hour of each of its {desired_count} running tasks "
                "({cpu} CPU units, {memory_mib} MiB each), every second they run: the service "
                "keeps them running while it exists",
                "https://aws.amazon.com/fargate/pricing/",
                PRICING_CHECKED,
            ),
            LOG_DATA,
        ),
        run="run/ecs_fargate_service.md.j2",
    )

    @classmethod
    def check(cls, props, filled: dict[str, int]) -> str | None:
        if props.memory_mib not in FARGATE_MEMORY[props.cpu]:
            allowed = ", ".join(str(m) for m in FARGATE_MEMORY[props.cpu])
            return (
                f"memory_mib {props.memory_mib} is not one Fargate allows with cpu {props.cpu}: "
                f"{allowed}"
            )
        if not filled.get("shared_file_system") and not filled.get("task_volume"):
            return (
                "its tasks have a read-only root file system and nothing to write to: add a flow "
                "to an efs.file_system (shared by all tasks) or an ecs.ebs_volume (one per task)"
            )
        return None
