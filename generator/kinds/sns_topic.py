"""Amazon SNS topic: where a pipeline publishes what people must hear about (a failed run).

Encrypted with a KMS key of its own (SSE-KMS), so that whoever publishes needs
the key as well as the topic, and TLS-only through its topic policy. Publishers
get both through their flow; subscribers (an on-call e-mail address, a chat
integration) are added after deployment.
"""

from generator.kinds.base import (
    ANY,
    KEYS_ROTATE,
    KMS_KEYS_BILL_MONTHLY,
    PRICING_CHECKED,
    ArrayWith,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    SecureDefault,
)


class SnsTopic(Kind):
    name = "sns.topic"
    title = "SNS topic"
    doc = (
        "A standard SNS topic encrypted with a customer-managed KMS key of its own (rotated "
        "yearly) whose topic policy refuses requests that do not use TLS."
    )
    icon = Icon("diagrams.aws.integration", "SimpleNotificationServiceSnsTopic")
    resource_types = ("AWS::SNS::Topic", "AWS::KMS::Key")
    supporting_types = ("AWS::SNS::TopicPolicy",)
    template = "kinds/sns_topic.py.j2"
    imports = (
        "from aws_cdk import aws_sns as sns",
        "from aws_cdk import aws_kms as kms",
    )
    exports = {
        "topic": Export("sns.Topic", "the topic"),
        "key": Export("kms.Key", "the key that encrypts its messages"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::SNS::Topic",
            {"KmsMasterKeyId": ANY},
            "Topics encrypt their messages with a customer-managed key.",
        ),
        SecureDefault(
            "AWS::SNS::TopicPolicy",
            {
                "PolicyDocument": {
                    "Statement": ArrayWith(
                        (
                            {
                                "Effect": "Deny",
                                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                            },
                        )
                    )
                }
            },
            "Topic policies deny requests that do not use TLS.",
        ),
        KEYS_ROTATE,
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::SNS::Topic",
                "per million messages published and per notification delivered (e-mail, "
                "HTTPS, ...), after a monthly free tier; nothing while nobody publishes",
                "https://aws.amazon.com/sns/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::KMS::Key": (
                "CDK keeps KMS keys unless told otherwise. This one encrypted the topic's "
                "messages, which go with the stack: schedule its deletion (aws kms "
                "schedule-key-deletion) once the stack is gone."
            ),
        },
        run="run/sns_topic.md.j2",
    )
