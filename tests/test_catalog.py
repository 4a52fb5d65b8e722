"""Every pattern of the catalog, in every variant: it loads, draws, synthesizes and lints clean."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CATALOG, VARIANTS, variant_id

from generator.checks import run_checks
from generator.inventory import missing_resource_types, resources_by_component
from generator.naming import pascal
from generator.render.diagram import render

VARIANT_IDS = [variant_id(v) for v in VARIANTS]


def test_catalog_has_the_three_first_patterns():
    ids = {p.id for p in CATALOG}
    assert {"streaming-ingest-data-lake", "database-replication-dms", "orchestration-mwaa"} <= ids


@pytest.mark.parametrize("key", VARIANT_IDS)
def test_diagram_has_a_node_per_component_and_an_edge_per_flow(key, synthesized):
    resolved = synthesized[key].resolved
    dot = render(resolved).dot
    boxed = {g.component for g in resolved.groups if g.component}
    nodes = set(re.findall(r"^\s*(\w+) \[label=", dot, flags=re.M))
    edges = [
        # an edge drawn the other way round (dir=back) carries data from head to tail
        (head, tail) if " dir=back " in f" {attrs}" else (tail, head)
        for tail, head, attrs in re.findall(r"^\s*(\w+) -> (\w+) \[(.*)$", dot, flags=re.M)
    ]
    assert nodes == {c.id for c in resolved.components if c.id not in boxed}
    expected = [(f.source.id, f.target.id) for f in resolved.flows]
    assert sorted(edges) == sorted(expected)
    for flow in resolved.flows:
        assert f'label="{flow.number}. {flow.spec.label}"' in dot


@pytest.mark.parametrize("key", VARIANT_IDS)
def test_template_passes_cfn_lint_with_no_finding(key, linted):
    assert [str(f) for f in linted[key]] == []


@pytest.mark.parametrize("key", VARIANT_IDS)
def test_every_check_passes_with_no_unacknowledged_finding(key, synthesized, linted):
    """cfn-lint, cdk-nag (AwsSolutions), archgen's rules and the agreement check."""
    item = synthesized[key]
    assert [str(f) for f in run_checks(item.resolved, item.result, linted[key])] == []


@pytest.mark.parametrize("key", VARIANT_IDS)
def test_every_acknowledgement_gives_a_reason(key, synthesized):
    for note in synthesized[key].result.acknowledged:
        assert len(note.reason.split()) >= 6, note


@pytest.mark.parametrize("key", VARIANT_IDS)
def test_each_component_has_its_declared_resource_types(key, synthesized):
    item = synthesized[key]
    assert missing_resource_types(item.resolved, item.template) == {}


@pytest.mark.parametrize("key", VARIANT_IDS)
def test_external_components_deploy_nothing(key, synthesized):
    item = synthesized[key]
    grouped = resources_by_component(item.resolved, item.template)
    for comp in item.resolved.components:
        if comp.kind.is_external():
            assert comp.id not in grouped


@pytest.mark.parametrize("key", VARIANT_IDS)
def test_inactive_components_are_absent_from_the_template(key, synthesized):
    item = synthesized[key]
    active = {c.id for c in item.resolved.components}
    for spec in item.resolved.file.components:
        construct_id = pascal(spec.id)
        paths = [
            r.get("Metadata", {}).get("aws:cdk:path", "")
            for r in item.template["Resources"].values()
        ]
        present = any(p.split("/")[1:2] == [construct_id] for p in paths)
        if spec.id not in active and not spec.kind.startswith("external."):
            assert not present, f"{spec.id} is switched off but has resources"


def test_generated_code_is_lint_clean(synthesized):
    """ruff (pyflakes, pycodestyle, isort, bugbear, pyupgrade) on every generated app.

    Run from inside each app folder, as a user would, so its own modules are first-party.
    """
    ruff = Path(sys.executable).with_name("ruff")
    for item in synthesized.values():
        result = subprocess.run(
            [
                str(ruff),
                "check",
                "--no-cache",
                "--isolated",
                "--line-length",
                "100",
                "--select",
                "E,F,W,I,B,UP",
                # the `cdk init` style: from aws_cdk import Stack, aws_s3 as s3
                "--config",
                "lint.isort.combine-as-imports = true",
                ".",
            ],  # fmt: skip
            cwd=item.code_dir,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout


def test_every_kind_is_used_by_a_catalog_pattern():
    from generator.kinds import all_kinds

    used = {c.kind for p in CATALOG for c in p.file.components}
    assert sorted(set(all_kinds()) - used) == []


def test_every_connector_is_exercised_by_a_catalog_flow():
    from generator.connectors import all_connectors

    declared = set(all_connectors())
    used = set()
    for p in CATALOG:
        kinds = {c.id: c.kind for c in p.file.components}
        used |= {(kinds[f.source], kinds[f.target]) for f in p.file.flows}
    assert sorted(declared - used) == []


@pytest.mark.parametrize("key", VARIANT_IDS)
def test_components_keep_their_kinds_secure_defaults(key, synthesized):
    from generator.secure import violations

    item = synthesized[key]
    assert violations(item.resolved, item.template) == []


@pytest.mark.parametrize("key", VARIANT_IDS)
def test_log_groups_are_kms_encrypted_and_databases_enhanced_monitored(key, synthesized):
    resources = synthesized[key].template["Resources"]
    for logical_id, resource in resources.items():
        props = resource.get("Properties", {})
        if resource["Type"] == "AWS::Logs::LogGroup":
            assert "KmsKeyId" in props, logical_id
        if resource["Type"] == "AWS::RDS::DBInstance":
            assert props.get("MonitoringInterval", 0) <= 60 and "MonitoringRoleArn" in props


def test_aurora_exports_only_to_sse_kms_buckets(synthesized):
    """aws_s3.query_export_to_s3 refuses SSE-S3 buckets, so the exchange bucket uses SSE-KMS."""
    exporting = [
        item
        for item in synthesized.values()
        if any(f.connector.source == "rds.aurora_cluster" for f in item.resolved.flows)
    ]
    assert exporting, "no catalog variant exports from Aurora to S3"
    for item in exporting:
        owned = resources_by_component(item.resolved, item.template)
        for flow in item.resolved.flows:
            if (flow.source.kind.name, flow.target.kind.name) != (
                "rds.aurora_cluster",
                "s3.bucket",
            ):
                continue
            bucket = next(r for r in owned[flow.target.id] if r.path.endswith("/Bucket/Resource"))
            rules = item.template["Resources"][bucket.logical_id]["Properties"]["BucketEncryption"]
            sse = rules["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]
            assert sse["SSEAlgorithm"] == "aws:kms" and "KMSMasterKeyID" in sse


def test_projected_tables_locate_exactly_what_firehose_writes(synthesized):
    """A projected table finds a day's objects where the delivery stream writes them.

    Firehose's prefix names the day with !{timestamp:...} parts, the table's
    storage.location.template with ${dt} in the projection's date format: putting the
    format's parts, as Firehose expressions, in place of ${dt} must give the prefix exactly,
    in the same bucket.
    """
    checked = 0
    for item in synthesized.values():
        resources = item.template["Resources"]
        streams = [
            r["Properties"]["ExtendedS3DestinationConfiguration"]
            for r in resources.values()
            if r["Type"] == "AWS::KinesisFirehose::DeliveryStream"
            and "ExtendedS3DestinationConfiguration" in r["Properties"]  # not into OpenSearch
        ]
        tables = [
            r["Properties"]["TableInput"]["Parameters"]
            for r in resources.values()
            if r["Type"] == "AWS::Glue::Table"
            and r["Properties"]["TableInput"]["Parameters"].get("projection.enabled") == "true"
        ]
        for parameters in tables:
            head, bucket, tail = parameters["storage.location.template"]["Fn::Join"][1]
            assert head == "s3://" and tail.startswith("/")
            day = "-".join(
                f"!{{timestamp:{part}}}" for part in parameters["projection.dt.format"].split("-")
            )
            writers = [s for s in streams if s["BucketARN"]["Fn::GetAtt"][0] == bucket["Ref"]]
            if not writers:
                continue  # written by something else (a load the stack does not make)
            assert [s["Prefix"] for s in writers] == [tail[1:].replace("${dt}", day)]
            checked += 1
    assert checked, "no catalog variant has a projected table"


def test_aurora_pauses_exactly_when_its_minimum_is_zero(synthesized):
    """Auto-pause is a minimum of 0 ACUs, and then the stack states the delay (so CDK checks
    the engine version supports it); any other minimum has no delay."""
    seen = set()
    for item in synthesized.values():
        for resource in item.template["Resources"].values():
            if resource["Type"] != "AWS::RDS::DBCluster":
                continue
            scaling = resource["Properties"]["ServerlessV2ScalingConfiguration"]
            pauses = scaling["MinCapacity"] == 0
            assert ("SecondsUntilAutoPause" in scaling) == pauses, scaling
            seen.add(pauses)
    assert seen == {True, False}, (
        "the catalog should build a cluster that pauses and one that doesn't"
    )


def test_dms_tasks_prepare_target_tables_as_the_pattern_says(synthesized):
    """A full load prepares tables with the task's target_table_prep; a cdc task has no such
    setting."""
    import json

    seen = set()
    for item in synthesized.values():
        tasks = {
            c.construct_id: c
            for c in item.resolved.components
            if c.kind.name == "dms.replication_task"
        }
        for resource in item.template["Resources"].values():
            if resource["Type"] != "AWS::DMS::ReplicationTask":
                continue
            owner = tasks[resource["Metadata"]["aws:cdk:path"].split("/")[1]]
            settings = json.loads(resource["Properties"]["ReplicationTaskSettings"])
            if owner.props.migration_type == "cdc":
                assert "FullLoadSettings" not in settings
                continue
            mode = settings["FullLoadSettings"]["TargetTablePrepMode"]
            assert mode == owner.props.target_table_prep
            seen.add(mode)
    assert seen == {"DROP_AND_CREATE", "TRUNCATE_BEFORE_LOAD", "DO_NOTHING"}


# What a state machine role may do on every resource: deliver its logs and traces. The
# acknowledgement on its Resource::* says so; a step that adds another "*" breaks it.
STATE_MACHINE_STAR_ACTIONS = {
    "logs:CreateLogDelivery",
    "logs:GetLogDelivery",
    "logs:UpdateLogDelivery",
    "logs:DeleteLogDelivery",
    "logs:ListLogDeliveries",
    "logs:PutResourcePolicy",
    "logs:DescribeResourcePolicies",
    "logs:DescribeLogGroups",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
}


def test_state_machine_roles_use_every_resource_only_to_log_and_trace(synthesized):
    from iam_policies import roles_trusting, statements

    checked = 0
    for item in synthesized.values():
        for role in roles_trusting(item.template, "states.amazonaws.com"):
            star = {
                action
                for st in statements(item.template)
                if role in st.roles and "*" in st.resources
                for action in st.actions
            }
            assert star == STATE_MACHINE_STAR_ACTIONS, sorted(star ^ STATE_MACHINE_STAR_ACTIONS)
            checked += 1
    assert checked, "no catalog variant has a state machine"
