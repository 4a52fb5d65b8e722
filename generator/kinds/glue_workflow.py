"""AWS Glue workflow: runs Glue crawlers and jobs in order, from triggers built from its flows.

A workflow is Glue's own orchestrator (T27): a start trigger on a schedule, then one
conditional trigger per step that fires when the step before it succeeded. Its
outgoing flows, in the pattern's order, are the steps: the first runs on the
workflow's schedule, each next one when the previous one SUCCEEDED. So the diagram's
numbering and the triggers cannot disagree.
"""

from pydantic import Field

from generator.kinds.base import PRICING_CHECKED, Cost, Export, Icon, Kind, Lifecycle, Props, Slot


class GlueWorkflowProps(Props):
    schedule: str = Field(
        "cron(0 2 * * ? *)",
        pattern=r"^cron\(.+\)$",
        description="when the start trigger fires (a Glue cron expression, in UTC)",
    )


class GlueWorkflow(Kind):
    name = "glue.workflow"
    title = "Glue workflow"
    doc = (
        "A Glue workflow with one run at a time: a scheduled start trigger for its first step, "
        "then one conditional trigger per step that starts it when the step before it "
        "SUCCEEDED; the steps are its outgoing flows, in order."
    )
    icon = Icon("diagrams.aws.analytics", "Glue")
    resource_types = ("AWS::Glue::Workflow", "AWS::Glue::Trigger")
    template = "kinds/glue_workflow.py.j2"
    imports = ("from aws_cdk import aws_glue as glue",)
    props = GlueWorkflowProps
    exports = {"workflow": Export("glue.Workflow", "the workflow")}
    slots = {
        "steps": Slot(
            "the crawlers and jobs it runs, in flow order: how to start each "
            "(glue.CfnTrigger.ActionProperty) and the condition that it succeeded "
            "(glue.CfnTrigger.ConditionProperty)",
            "dict",
            required=True,
            keyed=True,
        )
    }
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Glue::Workflow",
                "no charge of its own (the Glue pricing page bills no workflow or trigger): "
                "each run bills the crawlers and jobs its triggers start",
                "https://aws.amazon.com/glue/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
        run="run/glue_workflow.md.j2",
    )
