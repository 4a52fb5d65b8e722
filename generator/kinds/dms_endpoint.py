"""AWS DMS endpoint: where a replication task reads from or writes to (T10).

An endpoint is configuration, not a server: the engine, where the database
is and how to log in. All of that is a property of the database, so the
connector from or to the database fills it, as CfnEndpoint keyword
arguments, in one of two slots:

- connection: clear-text details (host, port, user, password), for a
  database outside AWS whose details are stack parameters;
- secret: for a database in AWS whose Secrets Manager secret holds the host,
  port, user and password, a function from the role DMS assumes to read the
  secret to the keyword arguments. The endpoint creates that role
  (`secret_access`); the connector grants it read access to that secret only.

A pattern fills exactly one of them.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    ANY,
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
)


class DmsEndpointProps(Props):
    endpoint_type: Literal["source", "target"] = Field(
        description="source: a task reads from it; target: a task writes to it"
    )


class DmsEndpoint(Kind):
    name = "dms.endpoint"
    title = "DMS endpoint"
    doc = (
        "A DMS source or target endpoint; its engine and connection come from the database it "
        "connects to, through a Secrets Manager secret and an IAM role where the database has one."
    )
    icon = Icon("diagrams.aws.database", "DatabaseMigrationService")
    resource_types = ("AWS::DMS::Endpoint",)
    secure_defaults = (
        SecureDefault(
            "AWS::DMS::Endpoint",
            {"SslMode": ANY},
            "Endpoints state their TLS mode; a starter project pins each endpoint's mode.",
            tls=True,
        ),
    )
    template = "kinds/dms_endpoint.py.j2"
    imports = (
        "from aws_cdk import aws_dms as dms",
        "from aws_cdk import aws_iam as iam",
        "from collections.abc import Callable",
    )
    props = DmsEndpointProps
    supporting_types = ("AWS::IAM::Role", "AWS::IAM::Policy")
    exports = {
        "endpoint": Export("dms.CfnEndpoint", "the endpoint"),
        "secret_access": Export(
            "iam.Role | None", "the role DMS assumes to read the database's secret, if any"
        ),
    }
    slots = {
        "connection": Slot(
            "CfnEndpoint keyword arguments with a database's engine, host, port and credentials",
            kwargs=True,
        ),
        "secret": Slot(
            "CfnEndpoint keyword arguments for a database whose Secrets Manager secret holds "
            "its host, port, user and password, given the role DMS assumes to read it",
            "Callable[[iam.IRole], dict]",
        ),
    }

    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::DMS::Endpoint",
                "nothing of its own: the replication instance that uses it bills by the hour",
                "https://aws.amazon.com/dms/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
    )

    @classmethod
    def check(cls, props: Props, filled: dict[str, int]) -> str | None:
        if filled.get("connection", 0) + filled.get("secret", 0) != 1:
            return (
                "needs exactly one flow that gives its connection: from an external.database "
                "(connection details) or to a database whose secret it reads"
            )
        return None
