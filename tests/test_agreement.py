"""The agreement check catches a stack that does not match its diagram.

The broken kinds come from tests/broken_kinds.py through the broken_registry fixture.
"""

from __future__ import annotations

from generator.agreement import check
from generator.loader import load
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
    code_dir = tmp_path / "cdk"
    for name, text in generate(resolved).files.items():
        (code_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (code_dir / name).write_text(text)
    (template,) = synth([SynthInput(resolved, code_dir)])
    return [f for f in check(resolved, template)]


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
