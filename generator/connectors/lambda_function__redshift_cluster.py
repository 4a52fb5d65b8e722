"""The connector lambda.function -> redshift.cluster: the function runs SQL through the Data API.

No driver, no connection, no password (T04): the function calls the Redshift
Data API (ExecuteStatement, then DescribeStatement until it finishes, then
GetStatementResult) with its role, which may run statements in that one
cluster as one database user (the cluster's sql_user, else the admin) through
GetClusterCredentials, and may read only the statements it submitted itself.
The handler finds the cluster, database and user in REDSHIFT_CLUSTER_ID,
REDSHIFT_DATABASE and REDSHIFT_DB_USER. Nothing connects to the cluster's port,
so the function needs no VPC.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="lambda.function",
    target="redshift.cluster",
    doc=(
        "the function runs SQL in the cluster through the Redshift Data API as one database "
        "user, and reads back only the statements it submitted; the cluster, database and user "
        "are in its environment (REDSHIFT_CLUSTER_ID, REDSHIFT_DATABASE, REDSHIFT_DB_USER)"
    ),
    wiring="connectors/lambda_function__redshift_cluster.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import ArnFormat",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
)
