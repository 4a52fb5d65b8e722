"""AWS DMS replication task: what to copy, from which endpoint to which, on which instance (T10).

The migration type is the heart of a DMS migration: `full-load` copies the
tables once, `cdc` replicates ongoing changes only, `full-load-and-cdc` copies
the tables and then keeps the target in sync until cutover, which is how a
migration has minimal downtime. CloudFormation creates the task; you start it
(console, CLI or StartReplicationTask) when the endpoints test successfully.

How a full load prepares each target table (TargetTablePrepMode) decides
whether a schema converted beforehand survives: DROP_AND_CREATE replaces it
with tables DMS makes itself, TRUNCATE_BEFORE_LOAD and DO_NOTHING keep it. DMS
applies the mode at full-load startup only, so a `cdc` task has no such
setting and the kind leaves it out; asking for another mode there is an error,
not a setting that silently does nothing.
"""

from typing import Literal

from pydantic import Field, model_validator

from generator.kinds.base import (
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    Slot,
)

TablePrep = Literal["DROP_AND_CREATE", "TRUNCATE_BEFORE_LOAD", "DO_NOTHING"]
DEFAULT_TABLE_PREP = "DROP_AND_CREATE"


class DmsReplicationTaskProps(Props):
    migration_type: Literal["full-load", "cdc", "full-load-and-cdc"] = Field(
        "full-load-and-cdc",
        description="copy once, replicate changes only, or copy then replicate changes",
    )
    schema_name: str = Field(
        pattern=r"^[A-Za-z0-9_$#%]{1,128}$",
        description="the source schema whose tables it replicates (% is a wildcard)",
    )
    table_name: str = Field(
        "%", pattern=r"^[A-Za-z0-9_$#%]{1,128}$", description="table name pattern (% is a wildcard)"
    )
    lowercase_names: bool = Field(
        True,
        description=(
            "rename schemas, tables and columns to lower case, as PostgreSQL folds unquoted "
            "names (Oracle keeps them upper case)"
        ),
    )
    target_table_prep: TablePrep = Field(
        DEFAULT_TABLE_PREP,
        description=(
            "what a full load does to target tables first; keep tables you created from a "
            "converted schema with TRUNCATE_BEFORE_LOAD or DO_NOTHING (full loads only)"
        ),
    )
    validate_data: bool = Field(
        True, description="compare source and target rows after the load and during CDC"
    )
    lob_max_size_kb: int = Field(
        32, ge=1, le=102400, description="LOBs above this size are truncated (limited LOB mode)"
    )

    @model_validator(mode="after")
    def _table_prep_needs_a_full_load(self) -> "DmsReplicationTaskProps":
        if self.migration_type == "cdc" and self.target_table_prep != DEFAULT_TABLE_PREP:
            raise ValueError(
                f"target_table_prep {self.target_table_prep} has no effect on a cdc task: DMS "
                "prepares target tables at full-load startup, and a cdc task does no full load "
                "(its tables must exist already); use migration_type full-load or "
                f"full-load-and-cdc, or leave target_table_prep at {DEFAULT_TABLE_PREP}"
            )
        return self

    def table_mappings(self) -> dict:
        """The task's table mappings: select the schema's tables, optionally lower-case names."""
        where = {"schema-name": self.schema_name, "table-name": self.table_name}
        rules: list[dict] = [
            {
                "rule-type": "selection",
                "rule-id": "1",
                "rule-name": "include-tables",
                "object-locator": where,
                "rule-action": "include",
            }
        ]
        if self.lowercase_names:
            for number, (target, locator) in enumerate(
                [
                    ("schema", {"schema-name": self.schema_name}),
                    ("table", where),
                    ("column", {**where, "column-name": "%"}),
                ],
                start=2,
            ):
                rules.append(
                    {
                        "rule-type": "transformation",
                        "rule-id": str(number),
                        "rule-name": f"lowercase-{target}-names",
                        "rule-target": target,
                        "object-locator": locator,
                        "rule-action": "convert-lowercase",
                    }
                )
        return {"rules": rules}


class DmsReplicationTask(Kind):
    name = "dms.replication_task"
    title = "DMS replication task"
    doc = (
        "A DMS task (full load, CDC or both) over one schema's tables, with CloudWatch logging, "
        "data validation and limited-size LOB mode."
    )
    icon = Icon("diagrams.aws.database", "DatabaseMigrationServiceDatabaseMigrationWorkflow")
    resource_types = ("AWS::DMS::ReplicationTask",)
    template = "kinds/dms_replication_task.py.j2"
    imports = ("from aws_cdk import aws_dms as dms", "import json")
    props = DmsReplicationTaskProps
    slots = {
        "replication_instance": Slot("the ARN of the instance it runs on", "str", required=True),
        "source_endpoint": Slot("the ARN of the endpoint it reads from", "str", required=True),
        "target_endpoint": Slot("the ARN of the endpoint it writes to", "str", required=True),
    }
    exports = {"task": Export("dms.CfnReplicationTask", "the replication task")}
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::DMS::ReplicationTask",
                "nothing of its own: it runs on the replication instance, which bills by the hour",
                "https://aws.amazon.com/dms/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
        run="run/dms_replication_task.md.j2",
    )
