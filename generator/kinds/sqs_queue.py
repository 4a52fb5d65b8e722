"""Amazon SQS queue: where messages wait until something reads them (failed batches, work).

Encrypted with a KMS key of its own (SSE-KMS rather than SQS-managed SSE), so that
a sender needs the key as well as the queue, and TLS-only through its queue policy.
Senders and readers get both through their flows. It keeps messages for the
longest time SQS allows, 14 days, because what lands here is usually evidence
that someone must look at (a batch a stream consumer could not process).
"""

from pydantic import Field

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
    Props,
    SecureDefault,
)


class SqsQueueProps(Props):
    retention_days: int = Field(
        14, ge=1, le=14, description="days SQS keeps an unread message (1 to 14)"
    )


class SqsQueue(Kind):
    name = "sqs.queue"
    title = "SQS queue"
    doc = (
        "A standard SQS queue encrypted with a customer-managed KMS key of its own (rotated "
        "yearly), whose queue policy refuses requests that do not use TLS."
    )
    icon = Icon("diagrams.aws.integration", "SimpleQueueServiceSqsQueue")
    resource_types = ("AWS::SQS::Queue", "AWS::KMS::Key")
    supporting_types = ("AWS::SQS::QueuePolicy",)
    template = "kinds/sqs_queue.py.j2"
    imports = (
        "from aws_cdk import aws_sqs as sqs",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import Duration",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    )
    props = SqsQueueProps
    exports = {
        "queue": Export("sqs.Queue", "the queue"),
        "key": Export("kms.Key", "the key that encrypts its messages"),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::SQS::Queue",
            {"KmsMasterKeyId": ANY},
            "Queues encrypt their messages with a customer-managed key.",
        ),
        SecureDefault(
            "AWS::SQS::QueuePolicy",
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
            "Queue policies deny requests that do not use TLS.",
        ),
        KEYS_ROTATE,
    )

    @classmethod
    def describe(cls, props: Props) -> str:
        return f"{cls.doc} It keeps an unread message {props.retention_days} days."

    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::SQS::Queue",
                "per million requests (sends, receives, deletes), after a monthly free tier; "
                "nothing while nobody sends",
                "https://aws.amazon.com/sqs/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::KMS::Key": (
                "CDK keeps KMS keys unless told otherwise. This one encrypted the queue's "
                "messages, which go with the stack: schedule its deletion (aws kms "
                "schedule-key-deletion) once the stack is gone."
            ),
        },
        run="run/sqs_queue.md.j2",
    )
