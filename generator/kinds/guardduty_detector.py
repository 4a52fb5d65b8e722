"""Amazon GuardDuty detector: threat detection over the account's activity (T31).

GuardDuty analyses CloudTrail, VPC flow and DNS logs, and with its protection
plans S3 data events (who reads which objects: unauthorized data access), RDS
login activity, EBS volumes for malware and Lambda network activity. It
publishes each finding to EventBridge's default bus, where a rule picks the
severe ones.

An account has one detector per Region, so the detector is opt-in: where one
exists already, deploy with `-c create_guardduty_detector=false` and the
stack uses it (its findings reach EventBridge all the same). Features are set
one by one, each ENABLED or DISABLED: a feature left out of the list is
enabled by default (RUNTIME_MONITORING excepted), so listing them all is the
only way the template says what runs.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    PRICING_CHECKED,
    ContextFlag,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
)

# Every feature the detector names, and whether it runs. Data platforms keep data in S3 and
# RDS, run code on EC2 and Lambda; no EKS here, and Runtime Monitoring needs an agent.
# https://docs.aws.amazon.com/guardduty/latest/APIReference/API_DetectorFeatureConfiguration.html
FEATURES = (
    ("S3_DATA_EVENTS", "ENABLED"),
    ("RDS_LOGIN_EVENTS", "ENABLED"),
    ("EBS_MALWARE_PROTECTION", "ENABLED"),
    ("LAMBDA_NETWORK_LOGS", "ENABLED"),
    ("EKS_AUDIT_LOGS", "DISABLED"),
    ("RUNTIME_MONITORING", "DISABLED"),
)


class GuardDutyDetectorProps(Props):
    create: bool = Field(
        True,
        description=(
            "create the account's detector for this Region by default; the CDK context value "
            "create_guardduty_detector overrides it (-c create_guardduty_detector=false where "
            "GuardDuty is already on)"
        ),
    )
    finding_frequency: Literal["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"] = Field(
        "FIFTEEN_MINUTES",
        description="how often updates of an existing finding are published again",
    )


class GuardDutyDetector(Kind):
    name = "guardduty.detector"
    title = "GuardDuty"
    doc = (
        "The account's GuardDuty detector for the Region (opt-in: one per account and Region) "
        "with S3 data events, RDS login activity, EBS malware protection and Lambda network "
        "activity monitoring on, EKS and Runtime Monitoring off, all named in its Features."
    )
    icon = Icon("diagrams.aws.security", "Guardduty")
    # Only when the stack creates it (create_guardduty_detector): none otherwise.
    supporting_types = ("AWS::GuardDuty::Detector",)
    template = "kinds/guardduty_detector.py.j2"
    imports = ("from aws_cdk import aws_guardduty as guardduty",)
    props = GuardDutyDetectorProps
    exports = {
        "detector": Export(
            "guardduty.CfnDetector | None",
            "the detector, or None where the account's existing one is used",
        ),
    }
    secure_defaults = (
        SecureDefault("AWS::GuardDuty::Detector", {"Enable": True}, "Detectors are enabled."),
    )
    lifecycle = Lifecycle(
        context_flags=(
            ContextFlag(
                "create_guardduty_detector",
                prop="create",
                set_to="false",
                when="deploy",
                doc=(
                    "The stack creates the account's GuardDuty detector for the Region, of "
                    "which there can be one. Where GuardDuty is already on, deploy with this "
                    "flag, or the deploy fails; findings of the existing detector reach the "
                    "stack's EventBridge rule all the same."
                ),
            ),
        ),
        costs=(
            Cost(
                "AWS::GuardDuty::Detector",
                "per million CloudTrail events and per GB of VPC flow and DNS logs analysed, "
                "plus each protection plan (S3 data events, RDS logins, EBS scans, Lambda "
                "network activity) by volume; 30 days free for a new account",
                "https://aws.amazon.com/guardduty/pricing/",
                PRICING_CHECKED,
            ),
        ),
    )

    @classmethod
    def features(cls) -> tuple[tuple[str, str], ...]:
        return FEATURES

    @classmethod
    def describe(cls, props: GuardDutyDetectorProps) -> str:
        on = ", ".join(name for name, status in FEATURES if status == "ENABLED")
        off = ", ".join(name for name, status in FEATURES if status == "DISABLED")
        return (
            f"The account's GuardDuty detector for the Region (created unless "
            f"create_guardduty_detector=false), publishing findings every "
            f"{props.finding_frequency.lower().replace('_', ' ')}. Features on: {on}; off: {off}. "
            "cdk destroy deletes a detector the stack created, which turns GuardDuty off in the "
            "Region and deletes its findings."
        )
