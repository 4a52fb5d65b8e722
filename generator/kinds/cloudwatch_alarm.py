"""Amazon CloudWatch alarm: watches one metric a flow gives it, and tells its actions.

The metric comes from the flow into it (a function that publishes it), so the
alarm and the code that feeds it name the same namespace and metric by
construction; the statistic, period and threshold are the alarm's own props.
Periods without data count as not breaching: a monitor that found nothing to
report may publish nothing, and that is no alarm. Its actions come from flows
out of it (an SNS topic, whose key and policy the connector opens to CloudWatch).
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
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


class CloudwatchAlarmProps(Props):
    statistic: Literal["Sum", "Maximum", "Average", "Minimum", "SampleCount"] = Field(
        "Sum", description="how the metric's data points in one period are combined"
    )
    period_minutes: int = Field(
        60, ge=1, le=1440, description="the length of one evaluation period, in minutes"
    )
    evaluation_periods: int = Field(
        1, ge=1, le=100, description="how many periods in a row must breach before it alarms"
    )
    comparison: Literal["greater_or_equal", "greater", "less", "less_or_equal"] = Field(
        "greater_or_equal", description="how the statistic is compared with the threshold"
    )
    threshold: float = Field(1, description="the value the statistic is compared with")
    description: str = Field(
        "", max_length=1024, description="what the alarm means, shown in its notifications"
    )


class CloudwatchAlarm(Kind):
    name = "cloudwatch.alarm"
    title = "CloudWatch alarm"
    doc = (
        "A CloudWatch alarm on the metric its source publishes (missing data is not a breach), "
        "with actions enabled: it tells the topics it flows to when it goes into ALARM and back "
        "to OK."
    )
    icon = Icon("diagrams.aws.management", "CloudwatchAlarm")
    resource_types = ("AWS::CloudWatch::Alarm",)
    template = "kinds/cloudwatch_alarm.py.j2"
    imports = (
        "from aws_cdk import aws_cloudwatch as cloudwatch",
        "from aws_cdk import Duration",
    )
    props = CloudwatchAlarmProps
    # The CDK enum member (cloudwatch.ComparisonOperator) of each comparison prop value.
    comparisons = {
        "greater_or_equal": "GREATER_THAN_OR_EQUAL_TO_THRESHOLD",
        "greater": "GREATER_THAN_THRESHOLD",
        "less": "LESS_THAN_THRESHOLD",
        "less_or_equal": "LESS_THAN_OR_EQUAL_TO_THRESHOLD",
    }
    exports = {"alarm": Export("cloudwatch.Alarm", "the alarm")}
    slots = {
        "metric": Slot(
            "the metric it watches, which the flow's source publishes",
            "cloudwatch.IMetric",
            required=True,
        ),
        "actions": Slot(
            "what it tells when it goes into ALARM and back to OK (an SNS topic)",
            "cloudwatch.IAlarmAction",
            many=True,
        ),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::CloudWatch::Alarm",
            {"ActionsEnabled": True, "TreatMissingData": "notBreaching"},
            "Alarms act when they change state; a period with no data is not a breach.",
        ),
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::CloudWatch::Alarm",
                "per alarm metric per month (a standard-resolution alarm), after the free "
                "tier's first ten",
                "https://aws.amazon.com/cloudwatch/pricing/",
                PRICING_CHECKED,
            ),
        ),
    )

    @classmethod
    def describe(cls, props: Props) -> str:
        return (
            f"{cls.doc} It alarms when the {props.statistic} over {props.period_minutes} "
            f"minute(s) is {props.comparison.replace('_', ' ')} {props.threshold:g} in "
            f"{props.evaluation_periods} period(s) in a row."
        )
