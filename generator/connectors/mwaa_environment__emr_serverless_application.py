"""The connector mwaa.environment -> emr.serverless_application."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="mwaa.environment",
    target="emr.serverless_application",
    doc=(
        "an EmrServerlessStartJobOperator task runs a Spark job; the execution role may run "
        "the task's calls and nothing else"
    ),
    expression="connectors/mwaa_environment__emr_serverless_application.py.j2",
    fills=("source", "tasks"),
    wiring="connectors/mwaa_environment__emr_serverless_application.wiring.py.j2",
)
