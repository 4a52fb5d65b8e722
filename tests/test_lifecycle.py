"""Deploy, run, tear down and cost: the kinds' lifecycle data against the templates.

Every catalog variant's teaching page lists exactly what its template keeps after
`cdk destroy`, with a reason from the owning kind, and bills every always-on resource;
the context flags the kinds declare are exactly the ones the generated code reads;
each kind's run instructions name resources the template has.
"""

from __future__ import annotations

import ast
import re
from datetime import date

import pytest
from conftest import VARIANTS, variant_id
from readme_sections import check_costs, check_teardown, kept_in_template, sections

from generator import TEMPLATES_DIR, lifecycle
from generator.kinds import all_kinds
from generator.render.docs import teaching_page
from generator.render.shared import SHARED

KEYS = [variant_id(v) for v in VARIANTS]
DEPLOYED = sorted(name for name, kind in all_kinds().items() if not kind.is_external())


@pytest.mark.parametrize("key", KEYS)
def test_every_kept_resource_has_its_kinds_reason(key, synthesized):
    item = synthesized[key]
    kept = lifecycle.kept(item.resolved, item.template)
    assert {k.logical_id: k.policy for k in kept} == kept_in_template(item.template)
    assert [k.logical_id for k in kept if not k.reason] == []


@pytest.mark.parametrize("key", KEYS)
def test_the_page_tears_down_and_bills_what_the_template_has(key, synthesized):
    item = synthesized[key]
    page = sections(teaching_page(item.resolved, item.template, [], []))
    check_teardown(page["Tear down"], item.template)
    check_costs(page["What it costs while idle"], item.template)


@pytest.mark.parametrize("key", KEYS)
def test_the_code_reads_exactly_the_declared_context_flags(key, synthesized):
    item = synthesized[key]
    module = (item.code_dir / f"{item.resolved.module_name}.py").read_text()
    read = {
        node.args[0].value
        for node in ast.walk(ast.parse(module))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "try_get_context"
    }
    declared = {use.flag.name for use in lifecycle.context_flags(item.resolved)}
    assert read == declared


@pytest.mark.parametrize("key", KEYS)
def test_run_instructions_name_resources_of_the_template(key, synthesized):
    item = synthesized[key]
    runs = lifecycle.run_sections(item.resolved, item.template, "my-stack")
    with_run = [c.id for c in item.resolved.components if c.kind.lifecycle.run]
    assert [comp.id for comp, _ in runs] == with_run
    for _, text in runs:
        for logical_id in re.findall(r"physical_id (\w+)", text):
            assert logical_id in item.template["Resources"], logical_id


@pytest.mark.parametrize("key", [k for k in KEYS if k.startswith("orchestration-mwaa")])
def test_the_dag_the_readme_triggers_is_the_one_deployed(key, synthesized):
    item = synthesized[key]
    (text,) = [t for c, t in lifecycle.run_sections(item.resolved, item.template, "s")
               if c.kind.name == "mwaa.environment"]  # fmt: skip
    dag_ids = set(re.findall(r"--path /dags/(\w+)", text))
    (dag_file,) = item.code_dir.glob("mwaa/*/*.py")
    assert dag_ids == set(re.findall(r'dag_id="(\w+)"', dag_file.read_text()))


@pytest.mark.parametrize("kind_name", DEPLOYED)
def test_deployed_kinds_say_how_they_are_billed(kind_name):
    kind = all_kinds()[kind_name]
    assert kind.lifecycle.costs, f"{kind_name} declares no Cost"
    check_lifecycle(kind.lifecycle, kind.owned_types(), kind.props.model_fields)


def test_stack_wide_resources_say_how_they_are_billed():
    for shared in SHARED.values():
        assert shared.lifecycle.costs and shared.label
        check_lifecycle(shared.lifecycle, frozenset(shared.resource_types), {})


def check_lifecycle(data, owned_types, props) -> None:
    for cost in data.costs:
        assert cost.resource_type in owned_types, cost
        assert re.match(r"^https://aws\.amazon\.com/[a-z0-9/-]+/pricing/$", cost.pricing), cost
        assert date.fromisoformat(cost.checked) <= date.today()
        if cost.when:
            assert lifecycle.condition_prop(cost.when) in props, cost
        for field in re.findall(r"\{(\w+)\}", cost.billed):
            assert field in props, cost
    assert set(data.kept) <= owned_types
    for flag in data.context_flags:
        assert flag.prop in props and flag.when in ("deploy", "destroy")
    if data.run:
        assert (TEMPLATES_DIR / data.run).is_file(), data.run


def test_conditions_read_props():
    props = type("P", (), {"schedule": "cron(0 * * * ? *)", "min_capacity_acu": 0})()
    assert lifecycle.applies("schedule", props) and not lifecycle.applies("not schedule", props)
    assert lifecycle.applies("not min_capacity_acu", props)
    assert lifecycle.applies(None, props)


# The checks themselves must be able to fail.

KEPT_HEADER = (
    "| Resource | Type | Component | DeletionPolicy | Why it is kept |\n|---|---|---|---|---|\n"
)
KEY = {"Type": "AWS::KMS::Key", "DeletionPolicy": "Retain"}


def test_a_teardown_list_must_name_every_kept_resource_with_a_reason():
    template = {"Resources": {"A": KEY, "B": KEY, "C": {"Type": "AWS::SQS::Queue"}}}
    row_a = "| `A` | AWS::KMS::Key | x | Retain | it encrypts a kept snapshot |\n"
    with pytest.raises(AssertionError):
        check_teardown(KEPT_HEADER + row_a, template)
    with pytest.raises(AssertionError):
        check_teardown(KEPT_HEADER + row_a + "| `B` | AWS::KMS::Key | x | Retain |  |\n", template)
    check_teardown(KEPT_HEADER + row_a + row_a.replace("`A`", "`B`"), template)


def test_an_always_on_resource_must_be_billed_while_idle():
    header = "| Component | Resource | How it is billed | Pricing (checked) |\n|---|---|---|---|\n"
    link = "[aws.amazon.com/kms/pricing](https://aws.amazon.com/kms/pricing/) (2026-12-01)"
    template = {"Resources": {"A": KEY, "B": KEY}}
    with pytest.raises(AssertionError):
        check_costs(header + f"| x | AWS::KMS::Key | per key-month | {link} |\n", template)
    with pytest.raises(AssertionError):  # not an AWS pricing page
        elsewhere = "[k](https://example.com/kms/pricing/) (2026-12-01)"
        check_costs(header + f"| x | AWS::KMS::Key × 2 | per key-month | {elsewhere} |\n", template)
    check_costs(header + f"| x | AWS::KMS::Key × 2 | per key-month | {link} |\n", template)
