"""The connector lakeformation.data_lake -> s3.bucket."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="lakeformation.data_lake",
    target="s3.bucket",
    doc=(
        "registers the bucket as a data lake location, with a role of its own that Lake "
        "Formation assumes to vend credentials for the data in it"
    ),
    expression="connectors/lakeformation_data_lake__s3_bucket.py.j2",
    fills=("source", "locations"),
)
