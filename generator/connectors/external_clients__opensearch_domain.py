"""The connector external.clients -> opensearch.domain: people and dashboards search the domain.

Nothing is deployed for it: a VPC domain answers only inside its VPC (over a VPN, a
bastion, or OpenSearch Dashboards through a proxy), and only callers whose IAM role is
mapped in fine-grained access control (the master role's administrators, to begin with).
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="external.clients",
    target="opensearch.domain",
    doc=(
        "clients search and aggregate over HTTPS from inside the VPC, signed as an IAM role "
        "that fine-grained access control maps"
    ),
    evidence="none",
)
