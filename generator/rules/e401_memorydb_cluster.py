"""E401: a MemoryDB cluster uses TLS and an ACL other than the open default."""

from generator.rules.base import Rule


class MemoryDbTlsAndAcl(Rule):
    id = "E401"
    shortdesc = "MemoryDB with TLS and a restrictive ACL"
    description = (
        "The open-access ACL lets any client connect without a password, and a cluster without "
        "TLS sends data and credentials in clear text."
    )
    source_url = "https://docs.aws.amazon.com/memorydb/latest/devguide/clusters.acls.html"
    fix = "keep TLSEnabled true and set ACLName to an ACL with users"
    resource_types = ("AWS::MemoryDB::Cluster",)

    def match(self, logical_id, properties):
        if properties.get("TLSEnabled") in (False, "false"):
            yield "TLS is disabled"
        if properties.get("ACLName", "open-access") == "open-access":
            yield "the cluster uses the open-access ACL"
