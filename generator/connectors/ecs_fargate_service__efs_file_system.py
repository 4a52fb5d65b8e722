"""The connector ecs.fargate_service -> efs.file_system: every task mounts the shared files."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="ecs.fargate_service",
    target="efs.file_system",
    doc=(
        "every task mounts the file system at /mnt/shared through its access point, with TLS "
        "and the task role as its IAM identity; the role may mount and write through that "
        "access point only, and the file system's security group admits the tasks on NFS"
    ),
    expression="connectors/ecs_fargate_service__efs_file_system.py.j2",
    fills=("source", "shared_file_system"),
)
