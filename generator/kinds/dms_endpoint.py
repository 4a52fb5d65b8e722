"""AWS DMS endpoint: where a replication task reads from or writes to (T10).

An endpoint is configuration, not a server: the engine, where the database
is and how to log in. All of that is a property of the database, so the
connector from or to the database fills one of two slots:

- secret: for a database in AWS whose Secrets Manager secret holds the host,
  port, user and password, a function from the role DMS assumes to read the
  secret to the CfnEndpoint keyword arguments; the connector grants the role
  read access to that secret only;
- login: for a database outside AWS, its engine, SSL mode, CA certificate,
  host, port, database and user (stack parameters). The endpoint then keeps
  the login in a secret of its own, encrypted with its own KMS key, with a
  password Secrets Manager generates, so no password is ever typed into a
  parameter. (An external database deploys nothing, so the login is the
  endpoint's.)

Either way the endpoint creates the role (`secret_access`), and no credential
is ever a clear-text property of the endpoint.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    ANY,
    KEYS_ROTATE,
    KMS_KEYS_BILL_MONTHLY,
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
        "A DMS source or target endpoint; its engine, SSL mode and login come from the database "
        "it connects to, through that database's Secrets Manager secret and an IAM role."
    )
    icon = Icon("diagrams.aws.database", "DatabaseMigrationService")
    resource_types = ("AWS::DMS::Endpoint",)
    template = "kinds/dms_endpoint.py.j2"
    imports = (
        "from aws_cdk import aws_dms as dms",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import aws_secretsmanager as secretsmanager",
        "from aws_cdk import Acknowledgment",
        "from aws_cdk import Validations",
        "from aws_cdk import Duration",
        "from aws_cdk import RemovalPolicy",
        "from collections.abc import Callable",
    )
    props = DmsEndpointProps
    supporting_types = (
        "AWS::IAM::Role",
        "AWS::IAM::Policy",
        "AWS::SecretsManager::Secret",
        "AWS::KMS::Key",
    )
    exports = {
        "endpoint": Export("dms.CfnEndpoint", "the endpoint"),
        "secret_access": Export("iam.Role", "the role DMS assumes to read the database's secret"),
        "login": Export(
            "secretsmanager.Secret | None",
            "the login it keeps for a database outside AWS (host, port, user, generated password)",
        ),
    }
    slots = {
        "secret": Slot(
            "CfnEndpoint keyword arguments for a database whose Secrets Manager secret holds "
            "its host, port, user and password, given the role DMS assumes to read it",
            "Callable[[iam.IRole], dict]",
        ),
        "login": Slot(
            "a database outside AWS: engine_name, ssl_mode, certificate_arn (verify modes), "
            "server_name, port, database_name and username",
            "dict",
        ),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::DMS::Endpoint",
            {"SslMode": ANY},
            "Endpoints state their TLS mode; a starter project pins each endpoint's mode.",
            tls=True,
        ),
        SecureDefault(
            "AWS::SecretsManager::Secret",
            {"KmsKeyId": ANY},
            "Logins are encrypted with a customer-managed key.",
        ),
        KEYS_ROTATE,
    )

    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::DMS::Endpoint",
                "nothing of its own: the replication instance that uses it bills by the hour",
                "https://aws.amazon.com/dms/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            Cost(
                "AWS::SecretsManager::Secret",
                "per secret-month, and per 10,000 API calls: the login of a database outside AWS",
                "https://aws.amazon.com/secrets-manager/pricing/",
                PRICING_CHECKED,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        run="run/dms_endpoint.md.j2",
    )

    @classmethod
    def check(cls, props: Props, filled: dict[str, int]) -> str | None:
        if filled.get("login", 0) + filled.get("secret", 0) != 1:
            return (
                "needs exactly one flow that gives its login: from an external.database or to a "
                "database whose secret it reads"
            )
        return None
