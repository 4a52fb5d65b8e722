"""The connector glue.python_shell_job -> glue.database."""

from typing import Annotated

from pydantic import Field

from generator.kinds.base import Connector, Props

TableName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,254}$")]


class TablesProps(Props):
    tables: list[TableName] = Field(
        min_length=1,
        description=(
            "the tables the job's SQL creates and reads in the database; its role may create "
            "and read these and no other"
        ),
    )


CONNECTOR = Connector(
    source="glue.python_shell_job",
    target="glue.database",
    doc=(
        "the job's queries run against the database (--database); its role may create and read "
        "the tables the flow names"
    ),
    expression="connectors/glue_python_shell_job__glue_database.py.j2",
    fills=("source", "database"),
    wiring="connectors/glue_python_shell_job__glue_database.wiring.py.j2",
    imports=("from aws_cdk import aws_iam as iam",),
    props=TablesProps,
)
