"""AWS Glue Data Catalog table over JSON objects in S3, its days projected by Athena (T14).

A crawler or MSCK REPAIR TABLE adds partitions to the catalog after their
folders appear, so a new day is not queryable until one of them runs. With
Athena partition projection the table's properties say which partitions exist
(one a day, from `first_day` to today), and Athena computes them at query
time: a day is queryable as soon as its folder has an object, and nothing has
to run. In exchange the table is declared, columns and all, instead of
inferred, and Athena ignores any partition registered in the catalog for it.

The layout it expects is Hive-style, one folder a day:
`<prefix>dt=YYYY-MM-DD/`, the layout the kinesis.firehose kind writes; the
`storage.location.template` property states it, and the catalog tests check
that it matches the writer's prefix exactly. Objects are JSON, one object a
line, optionally GZIP-compressed (Athena reads .gz objects as such).
"""

import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from generator.kinds.base import PRICING_CHECKED, Cost, Export, Icon, Kind, Lifecycle, Props, Slot

# Hive column types the table may use, and the aws_glue.Schema constant for each.
SCHEMA_TYPES = {
    "string": "STRING",
    "int": "INTEGER",
    "bigint": "BIG_INT",
    "double": "DOUBLE",
    "boolean": "BOOLEAN",
    "timestamp": "TIMESTAMP",
    "date": "DATE",
}
PARTITION_KEY = "dt"
ColumnName = Annotated[str, StringConstraints(pattern=r"^[a-z_][a-z0-9_]{0,127}$")]
ColumnType = Literal["string", "int", "bigint", "double", "boolean", "timestamp", "date"]


class GlueTableProps(Props):
    table_name: str = Field(
        pattern=r"^[a-z][a-z0-9_]{0,127}$", description="the table's name in the database"
    )
    prefix: str = Field(
        "events/",
        pattern=r"^([A-Za-z0-9_\-]+/)+$",
        description="the S3 key prefix the day folders are under, ending in /",
    )
    columns: dict[ColumnName, ColumnType] = Field(
        min_length=1,
        description="column name to Hive type, in order; JSON keys not listed are not read",
    )
    first_day: str = Field(
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description=(
            "the first day (YYYY-MM-DD, UTC) Athena projects; the range ends today, so set it to "
            "the day data starts: every day in the range is a folder a query may list"
        ),
    )

    @field_validator("first_day")
    @classmethod
    def _a_real_day(cls, value: str) -> str:
        datetime.date.fromisoformat(value)
        return value

    @model_validator(mode="after")
    def _partition_key_is_not_a_column(self) -> "GlueTableProps":
        if PARTITION_KEY in self.columns:
            raise ValueError(
                f"'{PARTITION_KEY}' is the table's partition key (the day folder); "
                "rename that column"
            )
        return self

    def schema_types(self) -> dict[str, str]:
        """Column name to the aws_glue.Schema constant of its type."""
        return {name: SCHEMA_TYPES[kind] for name, kind in self.columns.items()}


class GlueTable(Kind):
    name = "glue.table"
    title = "Glue table (partition projection)"
    doc = (
        "A Data Catalog table over JSON objects under an S3 prefix, partitioned by day "
        "(dt=YYYY-MM-DD folders) with Athena partition projection: new days are queryable at "
        "once, with no crawler or MSCK REPAIR TABLE."
    )
    icon = Icon("diagrams.aws.analytics", "GlueDataCatalog")
    resource_types = ("AWS::Glue::Table",)
    template = "kinds/glue_table.py.j2"
    imports = ("from aws_cdk import aws_glue as glue",)
    props = GlueTableProps
    exports = {"table": Export("glue.S3Table", "the table")}
    slots = {
        "database": Slot("the catalog database it belongs to", "glue.IDatabase", required=True),
        "bucket": Slot("the S3 bucket its data is in", "s3.IBucket", required=True),
    }

    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Glue::Table",
                "Data Catalog: one object among the free first million; partition projection "
                "stores no partitions, and Athena bills the data its queries scan",
                "https://aws.amazon.com/glue/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
    )
