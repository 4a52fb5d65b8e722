"""The connector external.clients -> cloudfront.distribution: viewers request over HTTPS.

Nothing is deployed: the distribution is public, on its *.cloudfront.net domain.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="external.clients",
    target="cloudfront.distribution",
    doc="viewers request objects from the distribution's domain over HTTPS",
    evidence="none",
)
