"""A database outside AWS (on premises, another cloud): drawn, never deployed.

Its connection details are not known when the stack is written, and a
password must never be in code, so the connector from it makes them
CloudFormation parameters that whoever deploys the stack fills in
(`<ConstructId>Host`, `Port`, `Database`, `Username`, and `Password`, which
is NoEcho). Its props only say what kind of database it is.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import Icon, Kind, Props

DEFAULT_PORTS = {"oracle": 1521, "sqlserver": 1433, "postgres": 5432}


class ExternalDatabaseProps(Props):
    engine: Literal["oracle", "sqlserver", "postgres"] = Field(
        description="the database engine; it sets the default port and what DMS expects"
    )
    port: int | None = Field(
        None, ge=1, le=65535, description="default of the port parameter; the engine's by default"
    )

    def default_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.engine]


class ExternalDatabase(Kind):
    name = "external.database"
    title = "Database"
    doc = (
        "A database outside AWS, reached over VPN or Direct Connect; no resources: what "
        "connects to it gets its host, port, name and credentials as stack parameters."
    )
    icon = Icon("diagrams.aws.general", "GenericDatabase")
    props = ExternalDatabaseProps
