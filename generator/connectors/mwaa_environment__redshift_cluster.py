"""The connector mwaa.environment -> redshift.cluster."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="mwaa.environment",
    target="redshift.cluster",
    doc=(
        "a RedshiftDataOperator task runs SQL through the Data API; the execution role may "
        "run the task's calls and nothing else"
    ),
    expression="connectors/mwaa_environment__redshift_cluster.py.j2",
    fills=("source", "tasks"),
    wiring="connectors/mwaa_environment__redshift_cluster.wiring.py.j2",
)
