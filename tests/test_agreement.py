"""The agreement check catches a stack that does not match its diagram.

Three deliberately broken kinds, registered only for these tests: a connector
that emits nothing, a kind that does not make the resource type it declares,
and a kind that adds a resource no component owns. Their templates live in a
dict loader placed in front of templates/.
"""

from __future__ import annotations

import jinja2
import pytest

from generator import kinds as kinds_module, templating
from generator.agreement import check
from generator.kinds.base import Connector, Icon, Kind
from generator.kinds.s3_bucket import S3Bucket
from generator.loader import load
from generator.render.code import generate
from generator.synth import SynthInput, synth

BROKEN_TEMPLATES = {
    "test/queue.py.j2": (
        'self.{{ c.id }} = sqs.Queue(self, "{{ c.construct_id }}", enforce_ssl=True)\n'
    ),
    "test/stray.py.j2": (
        'self.{{ c.id }} = sqs.Queue(self, "{{ c.construct_id }}", enforce_ssl=True)\n'
        'sqs.Queue(self, "Stray")\n'
    ),
    "test/nothing.py.j2": "\n",
}


class MuteQueue(Kind):
    name = "test.mute_queue"
    title = "Queue"
    doc = "A queue whose flow to a bucket emits no code."
    icon = Icon("diagrams.aws.integration", "SQS")
    resource_types = ("AWS::SQS::Queue",)
    template = "test/queue.py.j2"
    imports = ("from aws_cdk import aws_sqs as sqs",)
    connectors = (Connector("s3.bucket", "emits nothing", wiring="test/nothing.py.j2"),)


class LyingQueue(MuteQueue):
    name = "test.lying_queue"
    doc = "Declares a topic but makes a queue."
    resource_types = ("AWS::SNS::Topic",)
    connectors = ()


class StrayQueue(MuteQueue):
    name = "test.stray_queue"
    doc = "Makes a queue, plus one no component owns."
    template = "test/stray.py.j2"
    connectors = ()


@pytest.fixture
def broken_registry(monkeypatch):
    registry = {k.name: k for k in (MuteQueue, LyingQueue, StrayQueue, S3Bucket)}
    monkeypatch.setattr(kinds_module, "all_kinds", lambda: registry)
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.DictLoader(BROKEN_TEMPLATES), templating.environment().loader]
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(templating.environment().filters)
    monkeypatch.setattr(templating, "environment", lambda: env)


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
