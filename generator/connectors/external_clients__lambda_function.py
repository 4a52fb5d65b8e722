"""The connector external.clients -> lambda.function: callers outside the stack invoke it.

Nothing is deployed: who may call lambda:InvokeFunction is the callers' own IAM policy.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="external.clients",
    target="lambda.function",
    doc="clients call lambda:InvokeFunction with their own IAM permissions",
    evidence="none",
)
