"""The connector lambda.function -> memorydb.cluster: the function reads and writes the cluster.

The function must run in the cluster's VPC: the cluster has no public endpoint. The flow
opens the cluster's port to the function's security group (and only that port out of
it), lets the function's role connect as the cluster's IAM-authenticated user, and gives
the handler the endpoint, port, user and cluster name in environment variables named
after the component (SCORES_ENDPOINT, SCORES_PORT, SCORES_USER, SCORES_CLUSTER for
scores).
"""

from generator.kinds.base import ANY, Connector

CONNECTOR = Connector(
    source="lambda.function",
    target="memorydb.cluster",
    doc=(
        "the function, in the cluster's VPC, connects over TLS as the cluster's IAM user; its "
        "security group is the only one the cluster admits"
    ),
    wiring="connectors/lambda_function__memorydb_cluster.wiring.py.j2",
    imports=("from aws_cdk import aws_iam as iam",),
    requires={"source": {"vpc": ANY}},
    same=("vpc",),
)
