"""E201: a DMS replication instance is private and its storage is encrypted with KMS."""

from generator.rules.base import Rule


class DmsInstancePrivateEncrypted(Rule):
    id = "E201"
    shortdesc = "DMS replication instance not public, storage encrypted with KMS"
    description = (
        "A replication instance reads and writes whole databases: it must not have a public "
        "address (DMS defaults PubliclyAccessible to true) and its storage must use a KMS key."
    )
    source_url = "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.html"
    fix = "set PubliclyAccessible to false and KmsKeyId (the dms.replication_instance kind does)"
    resource_types = ("AWS::DMS::ReplicationInstance",)

    def match(self, logical_id, properties):
        if properties.get("PubliclyAccessible") not in (False, "false"):
            yield "the replication instance is publicly accessible (the default when unset)"
        if not properties.get("KmsKeyId"):
            yield "the replication instance storage has no KMS key"
