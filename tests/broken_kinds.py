"""Deliberately broken kinds, registered only by the `broken_registry` fixture.

A connector that emits nothing, a kind that does not make the resource type it
declares, and a kind that adds a resource no component owns. Their templates
live in a dict loader placed in front of templates/.
"""

from __future__ import annotations

import jinja2
import pytest

from generator import kinds as kinds_module, templating
from generator.kinds.base import Connector, Icon, Kind
from generator.kinds.s3_bucket import S3Bucket

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
