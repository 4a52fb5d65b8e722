"""A database outside AWS (on premises, another cloud): drawn, never deployed.

Its connection details are not known when the stack is written, so the
connector from it makes them CloudFormation parameters that whoever deploys
the stack fills in (`<ConstructId>Host`, `Port`, `Database`, `Username`, and
`CaCertificateArn` when TLS checks the server's certificate). No password is
ever a parameter: the client that logs in keeps a generated one in Secrets
Manager, and the DBA creates the user with it. Its props say what kind of
database it is and how clients encrypt the connection.

TLS: `tls` is the SSL mode clients use. verify-ca and verify-full check the
server's certificate against a CA certificate imported into DMS. DMS supports
different modes per engine (`check`): Oracle is encrypted with TLS only in
verify-ca mode, with an Oracle wallet imported as the certificate.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import Icon, Kind, Props

DEFAULT_PORTS = {"oracle": 1521, "sqlserver": 1433, "postgres": 5432}

# The SSL modes DMS supports for each engine, strongest last (the default):
# https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html
SSL_MODES = {
    "oracle": ("none", "verify-ca"),
    "sqlserver": ("none", "require", "verify-full"),
    "postgres": ("none", "require", "verify-ca", "verify-full"),
}


class ExternalDatabaseProps(Props):
    engine: Literal["oracle", "sqlserver", "postgres"] = Field(
        description="the database engine; it sets the default port and what DMS expects"
    )
    port: int | None = Field(
        None, ge=1, le=65535, description="default of the port parameter; the engine's by default"
    )

    username: str = Field(
        "dms_user",
        pattern=r"^[A-Za-z][A-Za-z0-9_]{0,29}$",
        description="default of the user-name parameter: the login the DBA creates for clients",
    )
    tls: Literal["none", "require", "verify-ca", "verify-full"] | None = Field(
        None,
        description=(
            "how clients encrypt the connection: none, require (TLS without a certificate "
            "check), verify-ca or verify-full (the server's certificate checked against a CA "
            "certificate imported into DMS, whose ARN is a stack parameter); by default the "
            "strongest the engine supports in DMS (Oracle verify-ca, others verify-full)"
        ),
    )

    def default_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.engine]

    def ssl_mode(self) -> str:
        return self.tls or SSL_MODES[self.engine][-1]

    def checks_certificate(self) -> bool:
        return self.ssl_mode().startswith("verify")


class ExternalDatabase(Kind):
    name = "external.database"
    title = "Database"
    doc = (
        "A database outside AWS, reached over VPN or Direct Connect; no resources: what "
        "connects to it gets its host, port, name, user and CA certificate as stack parameters."
    )
    icon = Icon("diagrams.aws.general", "GenericDatabase")
    props = ExternalDatabaseProps

    @classmethod
    def check(cls, props: Props, filled: dict[str, int]) -> str | None:
        if props.ssl_mode() not in SSL_MODES[props.engine]:
            modes = ", ".join(SSL_MODES[props.engine])
            return f"tls: DMS supports {modes} on {props.engine}, not {props.tls}"
        return None
