"""AWS Lake Formation as the owner of a data lake: who may read which columns (T07).

One component stands for the account's Lake Formation setup around the lake,
because the diagram reads better with one Lake Formation icon than with five:

- the data lake settings (an account-level singleton, so opt-in through a prop
  and the CDK context flag `manage_lake_formation_settings`): the deploying role
  (CloudFormation's execution role) and an optional human administrator are the
  data lake administrators, and no `IAMAllowedPrincipals` default permissions
  are given to new databases and tables, so Lake Formation, not IAM alone,
  decides who reads them;
- each S3 bucket it flows to is registered as a data lake location with a role
  of its own (not the service-linked role), which Lake Formation assumes to vend
  credentials scoped to what a principal was granted;
- one LF-tag (`sensitivity = public | pii` by default). Each table it flows to
  gets the default value, and the columns its flow names get theirs (a column
  tag overrides the table's, which the columns otherwise inherit);
- one IAM role per grantee (analysts, data stewards), assumable by the account's
  IAM principals, with SELECT granted by LF-tag expression: each role reads the
  columns whose tag value it was granted, and nothing else;
- optionally a data-cells filter: one grantee reads only the rows a filter
  expression admits. Lake Formation adds grants up (a union), so that grantee's
  SELECT comes from the filter alone and its tag grant keeps only DESCRIBE.

The connectors do the rest: a database it governs gets no IAMAllowedPrincipals
permissions for new tables, and a workgroup's users policy gets
lakeformation:GetDataAccess and is attached to the grantee roles.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from generator.kinds.base import (
    PRICING_CHECKED,
    ContextFlag,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
)

Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
TagValue = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,49}$")]
# A row filter is a PartiQL WHERE condition. Props may hold no quotes, so the filter
# compares a column with a number, true/false or another column: `opted_in = true`.
ROW_FILTER = r"^[a-z_][a-z0-9_]* (=|<>|<|>|<=|>=) [a-z0-9_.]+$"


class LakeFormationDataLakeProps(Props):
    manage_settings: bool = Field(
        True,
        description=(
            "set the account's data lake settings (administrators, no IAMAllowedPrincipals "
            "defaults); the CDK context value manage_lake_formation_settings overrides it at "
            "deploy (-c manage_lake_formation_settings=false where the account's Lake "
            "Formation administrators are managed elsewhere)"
        ),
    )
    tag_key: Name = Field("sensitivity", description="the LF-tag's key")
    tag_values: list[TagValue] = Field(
        ["public", "pii"], min_length=1, max_length=50, description="the LF-tag's values"
    )
    default_value: TagValue = Field(
        "public", description="the value every table it tags gets, and its columns inherit"
    )
    grants: dict[Name, list[TagValue]] = Field(
        min_length=1,
        description=(
            "grantee (an IAM role the stack makes) to the tag values whose columns it may "
            "SELECT, e.g. {analysts: [public], data_stewards: [public, pii]}"
        ),
    )
    row_level_security: bool = Field(
        False, description="row_filter_for reads only the rows row_filter admits"
    )
    row_filter: str | None = Field(
        None,
        pattern=ROW_FILTER,
        description=(
            "a data-cells filter's row condition (PartiQL, e.g. opted_in = true) for the "
            "grantee row_filter_for, with row_level_security"
        ),
    )
    row_filter_for: Name | None = Field(
        None, description="the grantee whose rows row_filter limits"
    )

    def hidden_columns(self, columns: dict[str, str], tagged: dict[str, str]) -> list[str]:
        """The columns of a table whose tag value row_filter_for was not granted.

        columns: the table's columns; tagged: the columns its flow tags otherwise than
        default_value. A data-cells filter excludes them, as the tag grant would.
        """
        allowed = set(self.grants.get(self.row_filter_for or "", []))
        return sorted(
            name for name in columns if tagged.get(name, self.default_value) not in allowed
        )


class LakeFormationDataLake(Kind):
    name = "lakeformation.data_lake"
    title = "Lake Formation"
    doc = (
        "Lake Formation governing the lake: data lake administrators and no IAMAllowedPrincipals "
        "defaults (opt-in), S3 locations registered with a role of their own, an LF-tag on "
        "tables and columns, and a role per grantee that may SELECT the columns whose tag "
        "values it was granted (optionally only the rows a data-cells filter admits)."
    )
    icon = Icon("diagrams.aws.analytics", "LakeFormation")
    resource_types = (
        "AWS::LakeFormation::Tag",
        "AWS::LakeFormation::TagAssociation",
        "AWS::LakeFormation::PrincipalPermissions",
        "AWS::IAM::Role",
    )
    supporting_types = (
        "AWS::LakeFormation::DataLakeSettings",
        "AWS::LakeFormation::Resource",
        "AWS::LakeFormation::DataCellsFilter",
        "AWS::IAM::Policy",
    )
    template = "kinds/lakeformation_data_lake.py.j2"
    imports = (
        "from aws_cdk import aws_glue as glue",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_lakeformation as lakeformation",
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import Acknowledgment",
        "from aws_cdk import Aws",
        "from aws_cdk import CfnCondition",
        "from aws_cdk import CfnParameter",
        "from aws_cdk import Fn",
        "from aws_cdk import Validations",
    )
    props = LakeFormationDataLakeProps
    exports = {
        "roles": Export(
            "dict[str, iam.Role]", "the grantees' roles by name (analysts, data_stewards)"
        ),
        "settings": Export(
            "lakeformation.CfnDataLakeSettings | None",
            "the data lake settings, when this stack manages them",
        ),
    }
    slots = {
        "tables": Slot(
            "the tables it tags (their flows name the columns that differ)",
            "glue.S3Table",
            required=True,
            many=True,
        ),
        "databases": Slot(
            "the databases it governs (its grantees may DESCRIBE them)",
            "glue.Database",
            many=True,
        ),
        "locations": Slot(
            "the buckets it registers as data lake locations", "s3.IBucket", many=True
        ),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::LakeFormation::Resource",
            {"UseServiceLinkedRole": False, "HybridAccessEnabled": False},
            "Locations are registered with a role of their own, in Lake Formation mode only "
            "(no hybrid access through IAM).",
        ),
        SecureDefault(
            "AWS::LakeFormation::PrincipalPermissions",
            {"PermissionsWithGrantOption": []},
            "No grantee may pass its permissions on.",
        ),
        SecureDefault(
            "AWS::LakeFormation::DataLakeSettings",
            {"CreateDatabaseDefaultPermissions": [], "CreateTableDefaultPermissions": []},
            "New databases and tables give IAMAllowedPrincipals nothing.",
        ),
    )
    lifecycle = Lifecycle(
        context_flags=(
            ContextFlag(
                "manage_lake_formation_settings",
                prop="manage_settings",
                set_to="false",
                when="deploy",
                doc=(
                    "The stack sets the account's Lake Formation settings, which exist once per "
                    "account and Region: it replaces the data lake administrators with its "
                    "deploying role (and the principal of the stack parameter ending in "
                    "DataLakeAdminArn) and gives "
                    "IAMAllowedPrincipals no default permissions. Where the account's Lake "
                    "Formation is managed elsewhere, deploy with this flag after making the "
                    "deploying role a data lake administrator there."
                ),
            ),
        ),
        costs=(
            Cost(
                "AWS::LakeFormation::PrincipalPermissions",
                "nothing for permissions, LF-tags and registered locations; the services "
                "that read the data (Athena) bill for the queries",
                "https://aws.amazon.com/lake-formation/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
        leaves_behind=(
            "The account's Lake Formation settings (data lake administrators, default "
            "permissions) are the account's, not the stack's: this stack does not put back "
            "the ones it replaced, so read them after cdk destroy with aws lakeformation "
            "get-data-lake-settings and set what you need",
        ),
    )

    @classmethod
    def check(cls, props: LakeFormationDataLakeProps, filled: dict[str, int]) -> str | None:
        values = set(props.tag_values)
        if props.default_value not in values:
            return (
                f"default_value '{props.default_value}' is not one of tag_values {props.tag_values}"
            )
        for grantee, granted in props.grants.items():
            unknown = sorted(set(granted) - values)
            if unknown or not granted:
                return (
                    f"grants.{grantee} names {unknown or 'no'} tag values; "
                    f"choose from {props.tag_values}"
                )
        if props.row_level_security and (props.row_filter is None or props.row_filter_for is None):
            return "row_level_security needs row_filter and row_filter_for"
        if props.row_filter_for is not None and props.row_filter_for not in props.grants:
            return f"row_filter_for '{props.row_filter_for}' is not a grantee of grants"
        return None

    @classmethod
    def describe(cls, props: LakeFormationDataLakeProps) -> str:
        grants = "; ".join(
            f"{name} may SELECT the columns tagged {props.tag_key} = {' or '.join(values)}"
            for name, values in props.grants.items()
        )
        text = f"{cls.doc} Here: {grants}."
        if props.row_level_security:
            text += f" {props.row_filter_for} sees only the rows where {props.row_filter}."
        return text
