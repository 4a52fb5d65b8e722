"""The connector lambda.function -> sqs.queue: messages go to the queue with the function's role.

Either the function's own SendMessage calls, or what Lambda sends on its behalf, with
the same role, to an on-failure destination (a stream's event source mapping names the
queue in its flow's on_failure prop). The role gets sqs:SendMessage and the actions on
the queue's key that SQS needs to encrypt.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="lambda.function",
    target="sqs.queue",
    doc=(
        "the function's role may send messages to the queue and encrypt them with its key "
        "(the function's calls, or Lambda's on-failure destination)"
    ),
    wiring="connectors/lambda_function__sqs_queue.wiring.py.j2",
    imports=("from aws_cdk import Validations", "from aws_cdk import Acknowledgment"),
)
