"""E101: an Athena workgroup enforces its settings, encrypts results and caps scans."""

from generator.rules.base import Rule, is_true


class AthenaWorkgroupGuarded(Rule):
    id = "E101"
    shortdesc = "Athena workgroup enforced, encrypted, with a scan cutoff"
    description = (
        "A workgroup only isolates a team when its configuration is enforced over the "
        "client's; results must be encrypted; a bytes-scanned cutoff bounds the cost of one query."
    )
    source_url = "https://docs.aws.amazon.com/athena/latest/ug/workgroups-settings-override.html"
    fix = (
        "set EnforceWorkGroupConfiguration, ResultConfiguration.EncryptionConfiguration and "
        "BytesScannedCutoffPerQuery (the athena.workgroup kind does)"
    )
    resource_types = ("AWS::Athena::WorkGroup",)

    def match(self, logical_id, properties):
        config = properties.get("WorkGroupConfiguration", {})
        if not is_true(config.get("EnforceWorkGroupConfiguration")):
            yield "the workgroup does not enforce its configuration"
        encryption = config.get("ResultConfiguration", {}).get("EncryptionConfiguration")
        if not encryption or not encryption.get("EncryptionOption"):
            yield "query results are not encrypted"
        if not config.get("BytesScannedCutoffPerQuery"):
            yield "no bytes-scanned cutoff per query"
