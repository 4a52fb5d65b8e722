"""AWS Glue Data Catalog database: where crawlers and jobs register tables for Athena."""

from pydantic import Field

from generator.kinds.base import (
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
)


class GlueDatabaseProps(Props):
    database_name: str = Field(
        pattern=r"^[a-z][a-z0-9_]{0,200}$",
        description=(
            "catalog database name, prefixed with the stack's name so that two stacks "
            "(or a redeploy after destroy) never share it"
        ),
    )


class GlueDatabase(Kind):
    name = "glue.database"
    title = "Glue Data Catalog"
    doc = "A database in the Glue Data Catalog."
    icon = Icon("diagrams.aws.analytics", "GlueDataCatalog")
    resource_types = ("AWS::Glue::Database",)
    template = "kinds/glue_database.py.j2"
    imports = ("from aws_cdk import aws_glue as glue", "from aws_cdk import RemovalPolicy")
    props = GlueDatabaseProps
    exports = {"database": Export("glue.Database", "the database")}
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Glue::Database",
                "Data Catalog: per 100,000 objects stored and per million requests a month, "
                "beyond the first million of each, which are free",
                "https://aws.amazon.com/glue/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
    )
