"""The connector kinesis.firehose -> opensearch.domain: Firehose indexes into a VPC domain.

Firehose reaches a domain in a VPC through network interfaces it creates in the domain's
subnets, with the delivery role's EC2 permissions and a security group of its own, which the
domain lets in on 443 (API_VpcConfiguration). With fine-grained access control the delivery
role must also be mapped to an OpenSearch security role that may write: the domain's
writer() does that at deploy, and the stream waits for it.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="kinesis.firehose",
    target="opensearch.domain",
    doc=(
        "indexes each buffered batch into the domain's write alias from network interfaces "
        "in the domain's subnets (HTTPS, its own security group), as a role mapped to a "
        "writer role of the domain's fine-grained access control"
    ),
    expression="connectors/kinesis_firehose__opensearch_domain.py.j2",
    fills=("source", "search_domain"),
    wiring="connectors/kinesis_firehose__opensearch_domain.wiring.py.j2",
    requires={"source": {"destination": "opensearch"}},
)
