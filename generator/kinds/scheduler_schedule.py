"""Amazon EventBridge Scheduler schedule: starts one target on a cron or rate expression.

Scheduler, not an EventBridge rule, because it evaluates cron expressions in a
time zone of your choice (a rule's are UTC only), retries a failed start, and
needs no event bus. The schedule invokes its target as a role of its own, which
may do exactly what the target connector grants (start one state machine, say),
and encrypts what it stores (the target's input) with a key of its own.
"""

from pydantic import Field

from generator.kinds.base import (
    ANY,
    KEYS_ROTATE,
    KMS_KEYS_BILL_MONTHLY,
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
)


class SchedulerScheduleProps(Props):
    expression: str = Field(
        "cron(30 0 * * ? *)",
        pattern=(
            r"^(cron\([0-9*?,/\-LW# A-Z]+\)"
            r"|rate\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\))$"
        ),
        description=(
            "when the target runs: cron(minutes hours day-of-month month day-of-week year) or "
            "rate(N unit), as EventBridge Scheduler writes them"
        ),
    )
    time_zone: str = Field(
        "UTC",
        pattern=r"^[A-Za-z][A-Za-z_]*(/[A-Za-z0-9_+\-]+){0,2}$",
        description="the IANA time zone the cron expression is evaluated in, e.g. Europe/Paris",
    )


class SchedulerSchedule(Kind):
    name = "scheduler.schedule"
    title = "EventBridge Scheduler"
    doc = (
        "An EventBridge Scheduler schedule (cron or rate, in a time zone) that starts one "
        "target as a role of its own, which may only start that target; what the schedule "
        "stores is encrypted with a customer-managed key of its own."
    )
    icon = Icon("diagrams.aws.integration", "EventbridgeScheduler")
    resource_types = ("AWS::Scheduler::Schedule", "AWS::IAM::Role", "AWS::KMS::Key")
    supporting_types = ("AWS::IAM::Policy",)
    template = "kinds/scheduler_schedule.py.j2"
    imports = (
        "from collections.abc import Callable",
        "from aws_cdk import aws_scheduler as scheduler",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import TimeZone",
    )
    props = SchedulerScheduleProps
    exports = {
        "schedule": Export("scheduler.Schedule", "the schedule"),
        "role": Export("iam.Role", "the role it starts its target as"),
    }
    slots = {
        "target": Slot(
            "what it starts: a function of the schedule's role that gives the target",
            "Callable[[iam.IRole], scheduler.IScheduleTarget]",
            required=True,
        )
    }
    secure_defaults = (
        SecureDefault(
            "AWS::Scheduler::Schedule",
            {"KmsKeyArn": ANY, "State": "ENABLED"},
            "Schedules encrypt what they store with a customer-managed key.",
        ),
        KEYS_ROTATE,
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Scheduler::Schedule",
                "per million invocations, after a monthly free tier that {expression} stays "
                "within; plus what the target it starts costs",
                "https://aws.amazon.com/eventbridge/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::KMS::Key": (
                "CDK keeps KMS keys unless told otherwise. This one encrypted what the schedule "
                "stored, which goes with the stack: schedule its deletion (aws kms "
                "schedule-key-deletion) once the stack is gone."
            ),
        },
        run="run/scheduler_schedule.md.j2",
    )
