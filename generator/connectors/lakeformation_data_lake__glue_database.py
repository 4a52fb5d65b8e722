"""The connector lakeformation.data_lake -> glue.database."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="lakeformation.data_lake",
    target="glue.database",
    doc=(
        "governs the database: its new tables give IAMAllowedPrincipals nothing, it is made "
        "after the data lake settings, and the grantees may DESCRIBE it"
    ),
    expression="connectors/lakeformation_data_lake__glue_database.py.j2",
    fills=("source", "databases"),
    wiring="connectors/lakeformation_data_lake__glue_database.wiring.py.j2",
)
