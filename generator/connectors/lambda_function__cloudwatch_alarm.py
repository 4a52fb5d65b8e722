"""The connector lambda.function -> cloudwatch.alarm: the function publishes the metric the
alarm watches.

The namespace is the stack's and the function's ({stack}/{function id}), the
metric name the flow's; the function finds both in METRICS_NAMESPACE and
ALARM_METRIC, and its role may put metric data into that namespace only (the
cloudwatch:namespace condition). The function may publish more under the same
name with dimensions (one per event type, say); the alarm watches the metric
with none.
"""

from pydantic import Field

from generator.kinds.base import Connector, Props


class MetricProps(Props):
    metric: str = Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_]{0,254}$",
        description="the name of the metric the function publishes and the alarm watches",
    )


CONNECTOR = Connector(
    source="lambda.function",
    target="cloudwatch.alarm",
    doc=(
        "the function publishes the metric the alarm watches (PutMetricData into a namespace "
        "of its own, named in METRICS_NAMESPACE, the metric in ALARM_METRIC); its role may "
        "publish into that namespace only"
    ),
    expression="connectors/lambda_function__cloudwatch_alarm.py.j2",
    fills=("target", "metric"),
    wiring="connectors/lambda_function__cloudwatch_alarm.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_cloudwatch as cloudwatch",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
    props=MetricProps,
)
