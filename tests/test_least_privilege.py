"""Every permission of every catalog variant matches what its code does.

cdk-nag accepts a wildcard once the stack acknowledges it with a reason; these tests check
that the reasons hold. An acknowledged object wildcard may not cover an S3 prefix the code
could have named instead; every prefix the code names is granted; Firehose gets exactly
the S3 actions it documents; roles write logs only to groups the stack creates. Prefixes
are read from the generated code and template, not from archgen's declarations.
"""

from __future__ import annotations

import ast
import re

import pytest
from conftest import VARIANTS, variant_id
from iam_policies import (
    prefixes_in_code,
    prefixes_in_resource,
    roles_trusting,
    statements,
    text,
)

from generator.inventory import resources_by_component
from generator.kinds.prefixes import S3Prefixes
from generator.render.code import app_sources

VARIANT_IDS = [variant_id(v) for v in VARIANTS]
WITH_FIREHOSE = [
    variant_id((pattern, values))
    for pattern, values in VARIANTS
    if any(c.kind.name == "kinesis.firehose" for c in pattern.resolve(values).components)
]
# cdk-nag's IAM5 finding on an object ARN: AwsSolutions-IAM5[Resource::<Bucket.Arn>/prefix*]
OBJECT_WILDCARD = re.compile(r"^AwsSolutions-IAM5\[Resource::<(\w+)\.Arn>/(.*)\*\]$")
OBJECT_RESOURCE = re.compile(r"^<(\w+)\.Arn>/(.*)$")
# The S3 destination permissions Firehose documents, and nothing more:
# https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html
FIREHOSE_S3_ACTIONS = {
    "s3:AbortMultipartUpload",
    "s3:GetBucketLocation",
    "s3:GetObject",
    "s3:ListBucket",
    "s3:ListBucketMultipartUploads",
    "s3:PutObject",
}


def owner(item, construct_path: str) -> str | None:
    """The component owning a construct path (shown without the stack), or None."""
    ids = {c.construct_id: c.id for c in item.resolved.components}
    return ids.get(construct_path.split("/")[0])


def code_prefixes(item, component_id: str) -> set[str]:
    """The S3 prefixes a component's generated application code names."""
    named: set[str] = set()
    for source in app_sources(item.resolved):
        if source.component.id == component_id:
            code = (item.code_dir / source.path).read_text()
            named |= prefixes_in_code(source.path, code)
    return named


def bucket_owner(item, bucket_logical_id: str) -> str | None:
    for comp, resources in resources_by_component(item.resolved, item.template).items():
        if any(r.logical_id == bucket_logical_id for r in resources):
            return comp
    return None


def named_prefixes(item, component_id: str | None, bucket: str) -> set[str]:
    """The prefixes of bucket that a component's code and resources name.

    For a construct outside every component (a function CDK shares across the stack),
    what any component names. Application code counts for the buckets its component has
    a flow to.
    """
    grouped = resources_by_component(item.resolved, item.template)
    comps = [component_id] if component_id else [c.id for c in item.resolved.components]
    bucket_comp = bucket_owner(item, bucket)
    named: set[str] = set()
    for comp in comps:
        for resource in grouped.get(comp, []):
            props = item.template["Resources"][resource.logical_id].get("Properties", {})
            named |= prefixes_in_resource(props, bucket)
        if any(f.source.id == comp and f.target.id == bucket_comp for f in item.resolved.flows):
            named |= code_prefixes(item, comp)
    return named


def policies_of(item, component_id: str) -> set[str]:
    grouped = resources_by_component(item.resolved, item.template)
    return {r.logical_id for r in grouped.get(component_id, []) if r.type == "AWS::IAM::Policy"}


@pytest.mark.parametrize("key", VARIANT_IDS)
def test_acknowledged_object_wildcards_cover_no_prefix_the_code_could_name(key, synthesized):
    """An acknowledged bucket/prefix* is a prefix the code names, never a wider one."""
    item = synthesized[key]
    for note in item.result.acknowledged:
        match = OBJECT_WILDCARD.match(note.rule_id)
        if not match:
            continue
        bucket, prefix = match.groups()
        if item.template["Resources"][bucket]["Type"] != "AWS::S3::Bucket":
            continue
        named = named_prefixes(item, owner(item, note.construct), bucket)
        if named:
            assert prefix in named, (
                f"{note.construct} acknowledges <{bucket}>/{prefix}*, while the code names "
                f"{sorted(named)}: grant those prefixes instead"
            )


@pytest.mark.parametrize("key", VARIANT_IDS)
def test_every_prefix_the_code_names_is_granted_to_its_role(key, synthesized):
    """The role of a component with application code may reach each prefix the code names."""
    item = synthesized[key]
    for flow in item.resolved.flows:
        if flow.target.kind.name != "s3.bucket":
            continue
        named = code_prefixes(item, flow.source.id)
        if not named:
            continue
        bucket = next(
            r.logical_id
            for r in resources_by_component(item.resolved, item.template)[flow.target.id]
            if r.type == "AWS::S3::Bucket" and r.path.endswith("/Bucket/Resource")
        )
        own = policies_of(item, flow.source.id)
        granted = [
            match.group(2)
            for st in statements(item.template)
            if st.policy in own and any(a.startswith("s3:GetObject") for a in st.actions)
            for resource in st.resources
            if (match := OBJECT_RESOURCE.match(resource)) and match.group(1) == bucket
        ]
        for prefix in named:
            assert any(g.endswith("*") and prefix.startswith(g[:-1]) for g in granted), (
                f"{flow.source.id} names {prefix} of {flow.target.id}, its role may not read it"
            )


def test_the_catalog_has_code_named_prefixes_and_acknowledged_object_wildcards(synthesized):
    """The two tests above check something: the catalog names prefixes and acknowledges
    wildcards under them."""
    wildcards = [
        note
        for item in synthesized.values()
        for note in item.result.acknowledged
        if OBJECT_WILDCARD.match(note.rule_id)
    ]
    named = [
        code_prefixes(item, flow.source.id)
        for item in synthesized.values()
        for flow in item.resolved.flows
        if flow.target.kind.name == "s3.bucket"
    ]
    assert wildcards and any(named)


@pytest.mark.parametrize("key", WITH_FIREHOSE)
def test_firehose_role_has_exactly_the_documented_s3_actions(key, synthesized):
    template = synthesized[key].template
    roles = roles_trusting(template, "firehose.amazonaws.com")
    assert roles, "the delivery stream has no role"
    for role in roles:
        actions = {a for st in statements(template) if role in st.roles for a in st.actions}
        assert not [a for a in actions if a.startswith("s3:Delete")], actions
        assert not [a for a in actions if "*" in a], actions
        assert {a for a in actions if a.startswith("s3:")} == FIREHOSE_S3_ACTIONS


# Log groups a role may write that no stack can own: one per account and Region, made by
# the service, which also sets their retention (the role it writes with may create RDS*
# groups and put their retention policy:
# https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonRDSEnhancedMonitoringRole.html).
# Creating one in a stack would fail wherever it already exists.
ACCOUNT_LOG_GROUPS = {
    "RDSOSMetrics": "RDS Enhanced Monitoring, every DB instance of the account",
    "/aws/sagemaker/TrainingJobs": "SageMaker, every training job of the account and Region",
}


@pytest.mark.parametrize("key", VARIANT_IDS)
def test_roles_write_logs_only_to_log_groups_the_stack_creates(key, synthesized):
    template = synthesized[key].template
    groups = {
        logical_id: text(r["Properties"].get("LogGroupName", ""))
        for logical_id, r in template["Resources"].items()
        if r["Type"] == "AWS::Logs::LogGroup"
    }
    for st in statements(template):
        if not {"logs:PutLogEvents", "logs:CreateLogStream"} & set(st.actions):
            continue
        for resource in st.resources:
            attribute = re.match(r"^<(\w+)\.Arn>$", resource)
            if attribute:
                assert attribute.group(1) in groups, f"{st.policy}: {resource} is not a log group"
                continue
            name = re.sub(r"(:log-stream:.*|:\*)$", "", resource.split(":log-group:", 1)[1])
            if name in ACCOUNT_LOG_GROUPS:
                continue
            assert name in groups.values(), f"{st.policy} writes to {name}, a group no one creates"


def test_the_dag_may_list_exactly_what_its_redshift_task_checks(synthesized):
    """The DAG skips the load while the COPY prefix is empty; its role may list only that."""
    checked = 0
    for item in synthesized.values():
        for flow in item.resolved.flows:
            if (flow.source.kind.name, flow.target.kind.name) != (
                "mwaa.environment",
                "redshift.cluster",
            ) or not flow.target.props.sql:
                continue
            dag = (
                item.code_dir / "mwaa" / flow.source.id / f"{flow.source.id}_pipeline.py"
            ).read_text()
            constant = f"{flow.target.id.upper()}_INPUTS"
            checked_prefixes = next(
                ast.literal_eval(node.value)
                for node in ast.parse(dag).body
                if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == constant
            )
            own = policies_of(item, flow.source.id)
            listed = [
                st.conditions
                for st in statements(item.template)
                if st.policy in own and "s3:ListBucket" in st.actions
            ]
            assert listed == [{"StringEquals": {"s3:prefix": checked_prefixes}}]
            checked += 1
    assert checked


@pytest.mark.parametrize("prefix", ["raw/orders", "/raw/", "raw/*/"])
def test_a_declared_prefix_is_a_folder(prefix):
    with pytest.raises(ValueError, match="folder"):
        S3Prefixes(reads={"orders": prefix})


def test_spark_grants_reach_only_the_declared_prefixes_and_exact_folder_keys():
    io = S3Prefixes(reads={"orders": "raw/orders/"}, writes={"orders": "curated/orders/"})
    keys = [key for grant in io.spark_grants() for key in grant.keys]
    assert io.spark_wildcards() == ["raw/orders/*", "curated/orders/*"]
    for key in keys:
        assert not key.endswith("*") or key in io.spark_wildcards()
    writes = {a for g in io.spark_grants() for a in g.actions if a != "s3:GetObject"}
    assert "s3:DeleteObject" in writes
    deleting = [g for g in io.spark_grants() if "s3:DeleteObject" in g.actions]
    assert [g.keys for g in deleting] == [("curated/orders/*",)]
