"""The agreement check catches a stack that does not match its diagram.

The broken kinds come from tests/broken_kinds.py through the broken_registry fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.agreement import check
from generator.inventory import resources_by_component
from generator.loader import UndeclaredExport, load
from generator.render.code import generate
from generator.synth import SynthInput, synth


def _check(tmp_path, components: str, flows: str = "[]"):
    path = tmp_path / "broken.yaml"
    path.write_text(
        "id: broken\ntitle: Broken\nsummary: Broken on purpose.\ncategory: analytics\n"
        f"topics: [T03]\ncomponents: {components}\nflows: {flows}\n"
        "teaching: {when_to_use: [never], alternatives: [{instead: x, why_not: y}], "
        "key_facts: [z]}\n"
    )
    resolved = load(path).resolve()
    return [f for f in check(resolved, _synth(tmp_path, resolved))]


def _synth(tmp_path, resolved):
    code_dir = tmp_path / "cdk"
    for name, text in generate(resolved).files.items():
        (code_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (code_dir / name).write_text(text)
    (template,) = synth([SynthInput(resolved, code_dir)])
    return template


def test_flow_whose_connector_emits_nothing_is_caught(broken_registry, tmp_path):
    findings = _check(
        tmp_path,
        "[{id: queue, kind: test.mute_queue}, {id: bucket, kind: s3.bucket}]",
        "[{from: queue, to: bucket, label: archives}]",
    )
    assert [(f.rule_id, f.resource) for f in findings] == [("AG2", "queue->bucket")]
    assert "1. archives" in findings[0].message


def test_component_without_its_declared_type_is_caught(broken_registry, tmp_path):
    findings = _check(tmp_path, "[{id: topic, kind: test.lying_queue}]")
    assert [(f.rule_id, f.resource) for f in findings] == [("AG1", "topic")]
    assert "AWS::SNS::Topic" in findings[0].message


def test_resource_of_no_component_is_caught(broken_registry, tmp_path):
    findings = _check(tmp_path, "[{id: queue, kind: test.stray_queue}]")
    assert [f.rule_id for f in findings] == ["AG3"]
    assert findings[0].resource.startswith("Stray")


def test_a_correct_pattern_agrees(tmp_path, broken_registry):
    findings = _check(
        tmp_path, "[{id: first, kind: s3.bucket}, {id: second, kind: test.mute_queue}]"
    )
    assert findings == []


def test_resource_of_a_type_its_kind_does_not_declare_is_caught(broken_registry, tmp_path):
    findings = _check(tmp_path, "[{id: queue, kind: test.greedy_queue}]")
    assert [f.rule_id for f in findings] == ["AG3"]
    assert "AWS::SNS::Topic" in findings[0].message and "'queue'" in findings[0].message


def test_components_whose_ids_share_a_prefix_own_their_own_resources(tmp_path):
    """finance and finance_results: ownership is the exact construct id, never a prefix."""
    resolved = load(Path(__file__).parent / "fixtures" / "good" / "finance-results.yaml").resolve()
    template = _synth(tmp_path, resolved)
    assert check(resolved, template) == []
    owned = resources_by_component(resolved, template)
    assert {r.type for r in owned["finance"]} == {"AWS::S3::Bucket", "AWS::S3::BucketPolicy"}
    assert len([r for r in owned["finance"] if r.type == "AWS::S3::Bucket"]) == 2  # + access logs
    assert [r.type for r in owned["finance_results"]].count("AWS::S3::Bucket") == 1


def test_a_template_using_an_undeclared_export_fails_to_render(broken_registry, tmp_path):
    with pytest.raises(UndeclaredExport, match="kind s3.bucket exports no 'nope'"):
        _check(
            tmp_path,
            "[{id: queue, kind: test.lying_queue}, {id: bucket, kind: s3.bucket}]",
            "[{from: queue, to: bucket, label: reads}]",
        )
