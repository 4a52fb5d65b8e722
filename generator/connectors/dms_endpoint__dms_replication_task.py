"""The connector dms.endpoint -> dms.replication_task."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="dms.endpoint",
    target="dms.replication_task",
    doc="the task reads from this source endpoint",
    expression="connectors/dms_endpoint__dms_replication_task.py.j2",
    fills=("target", "source_endpoint"),
)
