"""Deliberately broken kinds and connectors, registered only by the `broken_registry` fixture.

A connector that emits nothing, a kind that does not make the resource type it
declares, a kind that adds a resource no component owns, a kind that owns a
type it does not declare, and a connector that uses an export its target does
not declare. Their templates live in a dict loader placed in front of templates/.
"""

from __future__ import annotations

import jinja2
import pytest

from generator import connectors as connectors_module, kinds as kinds_module, templating
from generator.kinds.base import Connector, Export, Icon, Kind
from generator.kinds.s3_bucket import S3Bucket

BROKEN_TEMPLATES = {
    "test/queue.py.j2": 'self.queue = sqs.Queue(self, "Queue", enforce_ssl=True)\n',
    "test/stray.py.j2": (
        'self.queue = sqs.Queue(self, "Queue", enforce_ssl=True)\nsqs.Queue(stack, "Stray")\n'
    ),
    "test/topic_too.py.j2": (
        'self.queue = sqs.Queue(self, "Queue", enforce_ssl=True)\nsns.Topic(self, "Topic")\n'
    ),
    "test/nothing.py.j2": "\n",
    "test/undeclared.wiring.py.j2": "{{ target.exports.nope }}.grant_read(None)\n",
    # SQS keeps messages 14 days at most: CDK refuses this while the stack is built.
    "test/overlong.py.j2": (
        'self.queue = sqs.Queue(self, "Queue", enforce_ssl=True, '
        "retention_period=Duration.days(30))\n"
    ),
}


class MuteQueue(Kind):
    name = "test.mute_queue"
    title = "Queue"
    doc = "A queue whose flow to a bucket emits no code."
    icon = Icon("diagrams.aws.integration", "SQS")
    resource_types = ("AWS::SQS::Queue",)
    supporting_types = ("AWS::SQS::QueuePolicy",)
    template = "test/queue.py.j2"
    imports = ("from aws_cdk import aws_sqs as sqs", "from aws_cdk import aws_sns as sns")
    exports = {"queue": Export("sqs.Queue", "the queue")}


class LyingQueue(MuteQueue):
    name = "test.lying_queue"
    doc = "Declares a topic but makes a queue."
    resource_types = ("AWS::SNS::Topic",)
    supporting_types = ("AWS::SQS::Queue", "AWS::SQS::QueuePolicy")


class StrayQueue(MuteQueue):
    name = "test.stray_queue"
    doc = "Makes a queue, plus one no component owns."
    template = "test/stray.py.j2"


class GreedyQueue(MuteQueue):
    name = "test.greedy_queue"
    doc = "Makes a queue, plus a topic its kind does not declare."
    template = "test/topic_too.py.j2"


class OverlongQueue(MuteQueue):
    name = "test.overlong_queue"
    doc = "Loads (it has no props to check), but CDK refuses its retention period in synth."
    template = "test/overlong.py.j2"
    imports = (*MuteQueue.imports, "from aws_cdk import Duration")


BROKEN_CONNECTORS = {
    ("test.mute_queue", "s3.bucket"): Connector(
        "test.mute_queue", "s3.bucket", "emits nothing", wiring="test/nothing.py.j2"
    ),
    ("test.lying_queue", "s3.bucket"): Connector(
        "test.lying_queue",
        "s3.bucket",
        "uses an undeclared export",
        wiring="test/undeclared.wiring.py.j2",
    ),  # fmt: skip
}


@pytest.fixture
def broken_registry(monkeypatch):
    """Only the broken kinds (and s3.bucket) and connectors."""
    kinds = (MuteQueue, LyingQueue, StrayQueue, GreedyQueue, S3Bucket)
    _register(monkeypatch, {k.name: k for k in kinds}, BROKEN_CONNECTORS)


@pytest.fixture
def with_broken_kinds(monkeypatch):
    """Every real kind and connector, plus the broken ones: a catalog may mix them."""
    kinds = kinds_module.all_kinds() | {k.name: k for k in (MuteQueue, OverlongQueue)}
    _register(monkeypatch, kinds, connectors_module.all_connectors() | BROKEN_CONNECTORS)


def _register(monkeypatch, registry: dict, connectors: dict) -> None:
    monkeypatch.setattr(kinds_module, "all_kinds", lambda: registry)
    monkeypatch.setattr(connectors_module, "all_connectors", lambda: connectors)
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
