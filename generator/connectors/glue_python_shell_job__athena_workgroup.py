"""The connector glue.python_shell_job -> athena.workgroup."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="glue.python_shell_job",
    target="athena.workgroup",
    doc=(
        "the job runs its queries in the workgroup (--workgroup): its role gets the workgroup's "
        "query policy (start, poll and stop queries, write their results)"
    ),
    expression="connectors/glue_python_shell_job__athena_workgroup.py.j2",
    fills=("source", "workgroup"),
    wiring="connectors/glue_python_shell_job__athena_workgroup.wiring.py.j2",
)
