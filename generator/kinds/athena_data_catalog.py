"""An Athena data catalog of type LAMBDA: a federated source's name in SQL (T06).

Registering a connector's function as a catalog is what lets a query name the
source as `catalog.schema.table` and join it with the lake's tables (the
AwsDataCatalog) and other catalogs. The name is per account and Region, and
it is what the SQL says, so it is a prop the pattern chooses (a short,
lower-case name needs no quotes in SQL); the function comes from the flow to
the connector.
"""

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


class AthenaDataCatalogProps(Props):
    catalog_name: str = Field(
        pattern=r"^[a-z][a-z0-9_]{0,62}$",
        description=(
            "the catalog's name in SQL (catalog.schema.table); unique in the account and Region"
        ),
    )


class AthenaDataCatalog(Kind):
    name = "athena.data_catalog"
    title = "Athena data catalog"
    doc = (
        "An Athena data catalog of type LAMBDA: registers a connector's function under a name "
        "queries use as catalog.schema.table, to join the source with the lake."
    )
    icon = Icon("diagrams.aws.analytics", "Athena")
    resource_types = ("AWS::Athena::DataCatalog",)
    template = "kinds/athena_data_catalog.py.j2"
    imports = (
        "from aws_cdk import aws_athena as athena",
        "from aws_cdk import aws_sam as sam",
        "from aws_cdk import aws_s3 as s3",
    )
    props = AthenaDataCatalogProps
    exports = {
        "catalog": Export("athena.CfnDataCatalog", "the catalog; its Ref is its name"),
        "function_arn": Export("str", "the ARN of the function Athena invokes for it"),
        "spill_bucket": Export("s3.IBucket", "the bucket its connector spills to"),
        "spill_prefix": Export("str", "the connector's prefix in that bucket"),
    }
    slots = {
        "connector": Slot(
            "the connector: its function's ARN, the application that makes the function, and "
            "the bucket and prefix it spills to (which the catalog's users read)",
            "tuple[str, sam.CfnApplication, s3.IBucket, str]",
            required=True,
        )
    }
    secure_defaults = (
        SecureDefault(
            "AWS::Athena::DataCatalog",
            {"Type": "LAMBDA", "Parameters": {"function": ANY}},
            "Federated catalogs invoke one composite connector function.",
        ),
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Athena::DataCatalog",
                "nothing for the catalog itself; a query through it bills per TB Athena scans, "
                "plus the connector's Lambda time",
                "https://aws.amazon.com/athena/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
    )

    @classmethod
    def describe(cls, props: Props) -> str:
        return f"{cls.doc} Its name in SQL: {props.catalog_name}."
