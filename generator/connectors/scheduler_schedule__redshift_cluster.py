"""The connector scheduler.schedule -> redshift.cluster: nightly SQL through the Data API (T04).

EventBridge Scheduler calls the Redshift Data API itself (a universal target,
`aws-sdk:redshiftdata:batchExecuteStatement`): no Lambda function, no driver,
no open connection and no password. The Data API gets temporary credentials
for the database user (GetClusterCredentials): the cluster's sql_user when it has
one, else the admin. The schedule's role may ask for that one user of that one
database, and the Data API runs the flow's SQL files as one BatchExecuteStatement:
one transaction, so a failed night leaves the warehouse as it was. What may not
run in a transaction block (an external schema) is no part of the batch.

The SQL files ship to sql/<schedule>/. Each statement in them ends at a line
that ends with ";", and comments take lines of their own: the stack splits
them on that rule at synth (the tests prove the split agrees with a SQL
parser), and fills in what they name as {name} from the cluster's
`sql_values` (the federated database's host, secret, ...), so no value is
pasted into the files.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import AppFile, Connector, Props, app_code

FOLDER = "scheduler_schedule__redshift_cluster"


class RedshiftBatchProps(Props):
    statements: app_code(
        FOLDER,
        ".sql",
        doc=(
            "the SQL files from templates/app/" + FOLDER + "/ the schedule runs, in order, in "
            "one transaction"
        ),
        many=True,
    )
    fact_distribution: Literal["key", "even", "all", "auto"] = Field(
        "key",
        description=(
            "the distribution style of the warehouse's fact table in the shipped DDL: DISTKEY "
            "on its join key, EVEN, ALL or AUTO"
        ),
    )


CONNECTOR = Connector(
    source="scheduler.schedule",
    target="redshift.cluster",
    doc=(
        "the schedule runs SQL files in the cluster through the Redshift Data API "
        "(BatchExecuteStatement, one transaction); its role may run statements in that cluster "
        "as one database user, and nothing else"
    ),
    expression="connectors/scheduler_schedule__redshift_cluster.py.j2",
    fills=("source", "target"),
    imports=(
        "from aws_cdk import aws_scheduler as scheduler",
        "from aws_cdk import aws_scheduler_targets as scheduler_targets",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import ArnFormat",
        "from pathlib import Path",
    ),
    props=RedshiftBatchProps,
    app_files=(AppFile("sql/{source}/{statements}.sql", "app/{folder}/{statements}.sql.j2"),),
    module_code="connectors/scheduler_schedule__redshift_cluster.module.py.j2",
)
