"""The connector external.clients -> s3.object_lambda_access_point: callers GET objects.

Nothing is deployed: callers use their own IAM permissions (the access point's readers
policy holds what they need).
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="external.clients",
    target="s3.object_lambda_access_point",
    doc="clients call GetObject on the Object Lambda access point with their own IAM permissions",
    evidence="none",
)
