"""The connector stepfunctions.state_machine -> athena.workgroup: one step of Athena queries.

The step runs its queries in order, each a task state of the optimized
`startQueryExecution.sync` integration, which waits for the query to finish
and fails the state when the query fails (T18). Each query is one SQL
statement in its own file, shipped to sql/<machine>/; table names in it stay
unqualified, because the database is passed as the QueryExecutionContext.
Values known only at deployment or at run time are named in the SQL as
{bucket} (the bucket the flow names) and {day} (the execution's start date,
UTC, YYYY-MM-DD), always inside a string literal; the stack turns them into a
States.Format call, so no value is pasted into the SQL at synth.

The machine's role queries as one of the workgroup's users (the workgroup's
policy: its queries and results, and what the flows bucket -> workgroup and
workgroup -> database let it read); the step adds what its statements change:
tables and partitions of its database, and objects under `writes` in its bucket.
"""

from pydantic import Field, model_validator

from generator.kinds.base import AppFile, Connector, Props, app_code, component_ref

FOLDER = "stepfunctions_state_machine__athena_workgroup"


class AthenaStepProps(Props):
    queries: app_code(
        FOLDER,
        ".sql",
        doc=(
            "the SQL files from templates/app/" + FOLDER + "/ the step runs, in order, one "
            "statement each"
        ),
        many=True,
    )
    database: component_ref(
        "glue.database",
        export="database",
        doc="the catalog database the queries' unqualified table names are in",
    )
    bucket: component_ref(
        "s3.bucket",
        export="bucket",
        doc="the bucket the SQL names as {bucket} (table locations)",
        optional=True,
    ) = None
    writes: str | None = Field(
        None,
        pattern=r"^([a-z0-9_\-]+/)+$",
        description=(
            "the prefix of the bucket under which the statements write (a table's location), "
            "ending in /; statements that only change the catalog write nothing"
        ),
    )

    @model_validator(mode="after")
    def _writes_in_a_bucket(self) -> "AthenaStepProps":
        if self.writes and not self.bucket:
            raise ValueError("writes is a prefix of the flow's bucket; name the bucket too")
        return self


CONNECTOR = Connector(
    source="stepfunctions.state_machine",
    target="athena.workgroup",
    doc=(
        "one step of the state machine: its queries run in the workgroup one after the "
        "other, each waiting for the last (.sync), retried with backoff when Athena throttles"
    ),
    expression="connectors/stepfunctions_state_machine__athena_workgroup.py.j2",
    fills=("source", "steps"),
    wiring="connectors/stepfunctions_state_machine__athena_workgroup.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_stepfunctions as sfn",
        "from aws_cdk import aws_stepfunctions_tasks as tasks",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Duration",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
        "import string",
    ),
    props=AthenaStepProps,
    app_files=(AppFile("sql/{source}/{queries}.sql", "app/{folder}/{queries}.sql.j2"),),
    module_code="connectors/stepfunctions_state_machine__athena_workgroup.module.py.j2",
)
