"""The connector dms.replication_instance -> rds.aurora_cluster."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="dms.replication_instance",
    target="rds.aurora_cluster",
    doc="the instance connects to the cluster: its security group admits the instance's",
    wiring="connectors/dms_replication_instance__rds_aurora_cluster.wiring.py.j2",
)
