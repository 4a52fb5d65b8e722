"""Stack-wide resources that kinds ask for by name (Kind.needs), made once per stack.

One customer-managed key for every log group is the first: CloudWatch Logs of
this account and Region may use it, only for this account's log groups (the
encryption-context condition CloudWatch Logs documents).
"""

from __future__ import annotations

from generator.kinds.base import KMS_KEYS_BILL_MONTHLY, Lifecycle, Shared

SHARED: dict[str, Shared] = {
    shared.name: shared
    for shared in (
        Shared(
            name="logs_key",
            type="kms.IKey",
            doc="the customer-managed KMS key that encrypts every log group of the stack",
            template="shared/logs_key.py.j2",
            resource_types=("AWS::KMS::Key",),
            imports=(
                "from aws_cdk import aws_kms as kms",
                "from aws_cdk import aws_iam as iam",
                "from aws_cdk import ArnFormat",
            ),
            label="Logs key (stack-wide)",
            lifecycle=Lifecycle(
                costs=(KMS_KEYS_BILL_MONTHLY,),
                kept={
                    "AWS::KMS::Key": (
                        "CDK keeps KMS keys unless told otherwise. The log groups it "
                        "encrypted go with the stack: schedule its deletion (aws kms "
                        "schedule-key-deletion) once you need none of their data."
                    ),
                },
            ),
        ),
    )
}
