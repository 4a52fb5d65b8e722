"""The connector ecs.fargate_service -> ecs.ebs_volume: each task gets a volume of its own."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="ecs.fargate_service",
    target="ecs.ebs_volume",
    doc=(
        "ECS creates one EBS volume per task at launch, attaches it at /mnt/task and deletes it "
        "when the task stops; the task definition names the volume, the service configures it"
    ),
    expression="connectors/ecs_fargate_service__ecs_ebs_volume.py.j2",
    fills=("source", "task_volume"),
)
