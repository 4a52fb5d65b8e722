"""The connector lakeformation.data_lake -> glue.table: LF-tags on a table and its columns."""

from typing import Annotated

from pydantic import Field, StringConstraints

from generator.kinds.base import Connector, Props

Column = Annotated[str, StringConstraints(pattern=r"^[a-z_][a-z0-9_]{0,127}$")]
Value = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,49}$")]


class TagColumns(Props):
    columns: dict[Column, Value] = Field(
        default_factory=dict,
        description=(
            "the columns whose tag value differs from the table's (default_value), e.g. "
            "{email: pii}; the others inherit the table's"
        ),
    )


def _check(flow: TagColumns, source, target) -> str | None:
    """Every column the flow tags is the table's, with one of the LF-tag's values."""
    unknown = sorted(set(flow.columns) - set(target.columns))
    if unknown:
        return f"columns {unknown} are not columns of the table; it has {list(target.columns)}"
    values = sorted(set(flow.columns.values()) - set(source.tag_values))
    if values:
        return f"tag values {values} are not values of the LF-tag {source.tag_values}"
    return None


CONNECTOR = Connector(
    source="lakeformation.data_lake",
    target="glue.table",
    doc="tags the table with the LF-tag's default value and the columns the flow names with theirs",
    expression="connectors/lakeformation_data_lake__glue_table.py.j2",
    fills=("source", "tables"),
    props=TagColumns,
    check=_check,
)
