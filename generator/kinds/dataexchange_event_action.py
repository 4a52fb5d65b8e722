"""AWS Data Exchange event action: exports each new revision of a subscribed data set to S3 (T37).

When the provider publishes a revision of the entitled data set, Data Exchange
starts an auto-export job that copies every asset of it into the destination
bucket, named by a key pattern of dynamic references. The pattern here is
fixed: one Hive-style folder per reference (year, month and day the revision was
created, then its id), then the asset's name, under the kind's prefix:

    prices/year=2025/month=6/day=1/revision=3afc.../prices.csv

So a crawler over the prefix finds one table named after it, partitioned by
year, month, day and revision, and two revisions never overwrite each other's
assets (the revision id keeps them apart). The year, month and day references
are used rather than ${Revision.CreatedAt}, whose documented form
(2021-10-08T16:33:19.787Z) would put colons in the folder names.
https://docs.aws.amazon.com/data-exchange/latest/apireference/API_AutoExportRevisionDestinationEntry.html
https://docs.aws.amazon.com/data-exchange/latest/userguide/export-rev-s3-prog.html
"""

from __future__ import annotations

import re

from pydantic import Field

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

# The dynamic references AWS documents for key patterns; a pattern must hold at least one
# of the two asset references, or the assets of a revision would share one key.
REFERENCES = (
    "Asset.Id",
    "Asset.Name",
    "DataSet.Id",
    "DataSet.Name",
    "Revision.CreatedAt",
    "Revision.CreatedAt.Day",
    "Revision.CreatedAt.Month",
    "Revision.CreatedAt.Year",
    "Revision.Id",
)
ASSET_REFERENCES = ("Asset.Id", "Asset.Name")
# The partition folders of the exported layout, in order: column name, dynamic reference.
PARTITIONS = (
    ("year", "Revision.CreatedAt.Year"),
    ("month", "Revision.CreatedAt.Month"),
    ("day", "Revision.CreatedAt.Day"),
    ("revision", "Revision.Id"),
)
_REFERENCE = re.compile(r"\$\{([^}]*)\}")


def key_pattern_parts(prefix: str) -> list[str]:
    """The KeyPattern of the export, in parts: the prefix, a folder per partition, the asset."""
    folders = [f"{column}=${{{reference}}}/" for column, reference in PARTITIONS]
    return [prefix, *folders, "${Asset.Name}"]


def key_pattern(prefix: str) -> str:
    return "".join(key_pattern_parts(prefix))


def render_key(pattern: str, values: dict[str, str]) -> str:
    """The S3 key Data Exchange gives an asset: each ${reference} replaced by its value.

    Refuses what Data Exchange refuses: an unknown reference, or a pattern with
    neither ${Asset.Name} nor ${Asset.Id}.
    """
    used = _REFERENCE.findall(pattern)
    unknown = [name for name in used if name not in REFERENCES]
    if unknown:
        raise ValueError(f"unknown dynamic reference ${{{unknown[0]}}} in key pattern {pattern!r}")
    if not any(name in ASSET_REFERENCES for name in used):
        raise ValueError(f"key pattern {pattern!r} names no asset: add ${{Asset.Name}}")
    return _REFERENCE.sub(lambda match: values[match.group(1)], pattern)


class DataExchangeEventActionProps(Props):
    prefix: str = Field(
        "revisions/",
        pattern=r"^[a-z][a-z0-9_]{0,62}/$",
        description=(
            "the folder of the bucket the revisions are exported under (lower case, ending "
            "in /): a crawler over it names the table after it"
        ),
    )


class DataExchangeEventAction(Kind):
    name = "dataexchange.event_action"
    title = "Data Exchange auto-export"
    doc = (
        "An AWS Data Exchange event action on a subscribed data set: every revision the "
        "provider publishes is exported, encrypted, to an S3 bucket under "
        "<prefix>year=/month=/day=/revision=/<asset name>."
    )
    icon = Icon("generator.icons", "DataExchange")
    resource_types = ("AWS::DataExchange::EventAction",)
    template = "kinds/dataexchange_event_action.py.j2"
    imports = ("from aws_cdk import aws_dataexchange as dataexchange",)
    props = DataExchangeEventActionProps
    exports = {
        "event_action": Export("dataexchange.CfnEventAction", "the event action"),
        "data_set_id": Export("str", "the id of the data set it watches"),
    }
    slots = {
        "data_set_id": Slot(
            "the id of the entitled data set (from its provider's flow: a stack parameter)",
            "str",
            required=True,
        ),
        "destination": Slot(
            "where revisions go: the bucket and its KMS key, or None for SSE-S3",
            "dict",
            required=True,
        ),
    }
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::DataExchange::EventAction",
                "no charge of its own; the provider bills the subscription through AWS "
                "Marketplace, and the bucket bills the exported objects' storage",
                "https://aws.amazon.com/data-exchange/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
        leaves_behind=(
            "the subscription to the provider's product, which cdk destroy does not end (it "
            "removes the event action only): cancel its auto-renewal in the AWS Data Exchange "
            "console",
        ),
        run="run/dataexchange_event_action.md.j2",
    )

    @classmethod
    def key_pattern_of(cls, props: Props) -> list[str]:
        return key_pattern_parts(props.prefix)

    @classmethod
    def describe(cls, props: Props) -> str:
        return f"{cls.doc} Key pattern: {key_pattern(props.prefix)}"
