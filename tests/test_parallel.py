"""cfn-lint in a pool of worker processes finds exactly what it finds in process."""

from __future__ import annotations

from generator.lint import LintPool, lint_pool, lint_template

# Two mistakes cfn-lint reports: a property of the wrong type, and one S3 does not have.
BROKEN = {
    "Resources": {
        "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": 5, "Colour": "red"}},
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": "soon"}},
    }
}
CLEAN = {"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}


def test_the_pool_finds_what_cfn_lint_finds_in_process():
    expected = {"broken": lint_template(BROKEN), "clean": lint_template(CLEAN)}
    assert expected["broken"] and not expected["clean"]
    with LintPool(2) as pool:
        futures = {"broken": pool.submit(BROKEN), "clean": pool.submit(CLEAN)}
        assert {name: findings() for name, findings in futures.items()} == expected


def test_one_stack_or_one_core_lints_in_process():
    assert lint_pool(1) is None


def test_synth_apps_take_every_stack_once_in_order_the_first_app_smallest():
    from generator.synth import STACKS_IN_FIRST_APP, STACKS_PER_APP, app_batches

    for count in range(0, 3 * STACKS_PER_APP + 2):
        items = list(range(count))
        apps = app_batches(items, alongside=True)
        assert [item for app in apps for item in app] == items
        assert all(0 < len(app) <= STACKS_PER_APP for app in apps)
        if len(apps) > 1:
            assert len(apps[0]) == STACKS_IN_FIRST_APP
        # Nothing runs beside synth: one app, one cdk-nag pass.
        assert app_batches(items, alongside=False) == ([items] if items else [])


def test_panes_highlighted_in_workers_equal_those_highlighted_in_process():
    from generator.render.highlight import Highlighter, highlighted

    panes = [
        ("class Lake(Construct):\n    pass\n", "python", "code"),
        ('{\n "Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}\n}', "json", "template"),
    ]
    expected = [highlighted(*pane) for pane in panes]
    assert 'id="code-1"' in expected[0] and 'id="template-2"' in expected[1]
    with Highlighter(pages=2) as highlighter:
        started = [highlighter.submit(*pane) for pane in panes]
        assert [html() for html in started] == expected


def test_one_runner_for_every_template_finds_what_a_fresh_cfn_lint_finds():
    from cfnlint.api import ManualArgs, lint

    from generator.lint import REGIONS, template_text

    def fresh(template: dict) -> list[tuple]:
        matches = lint(template_text(template), config=ManualArgs(regions=REGIONS))
        return sorted((m.rule.id, m.linenumber, m.message) for m in matches)

    # In turn, so that anything one template left in the kept rules would show on the next.
    for template in (BROKEN, CLEAN, BROKEN, CLEAN):
        kept = sorted((f.rule_id, f.line, f.message) for f in lint_template(template))
        assert kept == fresh(template)
    assert fresh(BROKEN)
