"""The connector redshift.cluster -> s3.bucket."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="redshift.cluster",
    target="s3.bucket",
    doc="COPY loads its data (the cluster's role may list the bucket and read its objects)",
    expression="connectors/redshift_cluster__s3_bucket.py.j2",
    fills=("source", "copy_sources"),
)
