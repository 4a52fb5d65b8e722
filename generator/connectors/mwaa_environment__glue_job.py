"""The connector mwaa.environment -> glue.job."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="mwaa.environment",
    target="glue.job",
    doc=(
        "a GlueJobOperator task runs the job; the execution role may run the task's calls and"
        " nothing else"
    ),
    expression="connectors/mwaa_environment__glue_job.py.j2",
    fills=("source", "tasks"),
    wiring="connectors/mwaa_environment__glue_job.wiring.py.j2",
)
