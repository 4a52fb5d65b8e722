"""archgen's own rules: each has metadata, a good fixture it accepts and a bad one it flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.rules import all_rules, run_rules

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
RULES = all_rules()


def test_the_rules_the_issue_asks_for_exist():
    ids = {rule.id for rule in RULES}
    assert {"E101", "E201", "E301", "E401", "W501"} <= ids


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_metadata_is_complete(rule):
    for attribute in ("shortdesc", "description", "source_url", "fix", "resource_types"):
        assert getattr(rule, attribute), attribute
    assert rule.id[0] in "EWI"
    assert rule.__module__.split(".")[-1].startswith(rule.id.lower() + "_"), "one rule per module"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_good_fixture_passes(rule):
    template = json.loads((FIXTURES / rule.id / "good.json").read_text())
    assert rule().findings(template) == []


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_bad_fixture_gets_each_expected_finding(rule):
    template = json.loads((FIXTURES / rule.id / "bad.json").read_text())
    messages = [f.message for f in rule().findings(template)]
    for expected in template["Metadata"]["archgen-expect"]:
        assert any(expected in message for message in messages), (expected, messages)
    severity = {"E": "error", "W": "warning", "I": "info"}[rule.id[0]]
    assert {f.severity for f in rule().findings(template)} == {severity}


def test_run_rules_runs_every_rule_on_a_template():
    bad = {}
    for rule in RULES:
        bad.update(json.loads((FIXTURES / rule.id / "bad.json").read_text())["Resources"])
    assert {f.rule_id for f in run_rules({"Resources": bad})} == {r.id for r in RULES}
