"""The connector s3.bucket -> mwaa.environment."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="s3.bucket",
    target="mwaa.environment",
    doc="the environment reads DAGs from the bucket's dags/ folder (read grant to its role)",
    expression="connectors/s3_bucket__mwaa_environment.py.j2",
    fills=("target", "dag_bucket"),
)
