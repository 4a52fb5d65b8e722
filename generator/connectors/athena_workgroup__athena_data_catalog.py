"""The connector athena.workgroup -> athena.data_catalog: the workgroup's users may query it."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="athena.workgroup",
    target="athena.data_catalog",
    doc=(
        "the workgroup's users may query the catalog: athena:GetDataCatalog on it, and "
        "lambda:InvokeFunction on its connector's function (Athena invokes it as the caller), "
        "and read its connector's spilled rows"
    ),
    wiring="connectors/athena_workgroup__athena_data_catalog.wiring.py.j2",
)
