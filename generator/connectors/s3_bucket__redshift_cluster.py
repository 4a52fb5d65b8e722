"""The connector s3.bucket -> redshift.cluster: the cluster loads the bucket's files with COPY.

The arrow points the way the data moves, from the bucket into the warehouse, although it
is the cluster that reads (its role may list the bucket and read its objects).
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="s3.bucket",
    target="redshift.cluster",
    doc="COPY loads its files (the cluster's role may list the bucket and read its objects)",
    expression="connectors/s3_bucket__redshift_cluster.py.j2",
    fills=("target", "copy_sources"),
)
