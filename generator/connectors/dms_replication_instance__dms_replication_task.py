"""The connector dms.replication_instance -> dms.replication_task."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="dms.replication_instance",
    target="dms.replication_task",
    doc="the task runs on this instance",
    expression="connectors/dms_replication_instance__dms_replication_task.py.j2",
    fills=("target", "replication_instance"),
)
