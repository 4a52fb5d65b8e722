"""The connector cloudwatch.alarm -> sns.topic: the alarm notifies the topic.

A topic encrypted with a customer-managed key receives alarm notifications only
if CloudWatch may use that key (kms:Decrypt, kms:GenerateDataKey*) and publish
to the topic; the AWS managed key aws/sns cannot be opened to it at all. The
connector adds both: a key-policy statement for cloudwatch.amazonaws.com (for
this account's alarms), and a topic-policy statement that lets CloudWatch
publish for this alarm only (aws:SourceArn). Without them the alarm changes
state and nobody hears.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="cloudwatch.alarm",
    target="sns.topic",
    doc=(
        "the alarm notifies the topic when it goes into ALARM and back to OK; the topic's key "
        "and policy let CloudWatch publish for this alarm"
    ),
    expression="connectors/cloudwatch_alarm__sns_topic.py.j2",
    fills=("source", "actions"),
    wiring="connectors/cloudwatch_alarm__sns_topic.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_cloudwatch_actions as cloudwatch_actions",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import ArnFormat",
    ),
)
