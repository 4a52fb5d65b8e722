"""The connector dms.replication_task -> dms.endpoint."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="dms.replication_task",
    target="dms.endpoint",
    doc="the task writes to this target endpoint",
    expression="connectors/dms_replication_task__dms_endpoint.py.j2",
    fills=("source", "target_endpoint"),
)
