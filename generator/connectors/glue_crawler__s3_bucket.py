"""The connector glue.crawler -> s3.bucket.

The crawler crawls the whole bucket, or only the folder a flow's prefix names (then
the tables it finds are named after that folder, and it may read nothing else).
Objects of a bucket encrypted with its own KMS key are read through that key, so
the crawler's role may decrypt with it.
"""

from pydantic import Field

from generator.kinds.base import Connector, Props


class CrawlProps(Props):
    prefix: str | None = Field(
        None,
        pattern=r"^([A-Za-z0-9!_.*()\-]+/)+$",
        description=(
            "crawl only the objects under this key prefix (ending in /); the whole bucket "
            "by default"
        ),
    )


CONNECTOR = Connector(
    source="glue.crawler",
    target="s3.bucket",
    doc=(
        "crawls the bucket, or the folder the flow's prefix names (s3:ListBucket and "
        "s3:GetObject for the crawler's role, and kms:Decrypt with the bucket's own key)"
    ),
    expression="connectors/glue_crawler__s3_bucket.py.j2",
    fills=("source", "s3_targets"),
    wiring="connectors/glue_crawler__s3_bucket.wiring.py.j2",
    props=CrawlProps,
)
