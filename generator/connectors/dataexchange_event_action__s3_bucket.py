"""The connector dataexchange.event_action -> s3.bucket: revisions exported into the bucket.

Data Exchange writes the objects as its service principal, so the bucket's policy
must let it: s3:PutObject and s3:PutObjectAcl on the bucket's objects, only on behalf
of this account (aws:SourceAccount), the statement AWS documents for auto-export.
Creating the event action writes a test object (_ADX-TEST-<account>#) to check that
policy, so the event action is created after it.
https://docs.aws.amazon.com/data-exchange/latest/userguide/auto-export-rev-s3-console-sub.html
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="dataexchange.event_action",
    target="s3.bucket",
    doc=(
        "each new revision is exported into the bucket (SSE-KMS with its key, else SSE-S3); "
        "the bucket policy lets Data Exchange write objects for this account only"
    ),
    expression="connectors/dataexchange_event_action__s3_bucket.py.j2",
    fills=("source", "destination"),
    wiring="connectors/dataexchange_event_action__s3_bucket.wiring.py.j2",
    imports=("from aws_cdk import aws_iam as iam",),
)
