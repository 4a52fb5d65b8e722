"""The threat-detection-monitoring pattern's kinds: what their props refuse, what they name.

Pure checks on the kinds' models and on the session's synthesized catalog (no new synth):
the GuardDuty detector names each of its features, the rule matches the severity the
pattern's parameter gives, and the volume and database refuse values AWS would refuse.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.kinds.ec2_volume import Ec2VolumeProps
from generator.kinds.guardduty_detector import FEATURES
from generator.kinds.rds_instance import RdsInstanceProps

PATTERN = "threat-detection-monitoring"


def _resources(template: dict, kind: str) -> list[dict]:
    return [r["Properties"] for r in template["Resources"].values() if r["Type"] == kind]


def test_the_detector_names_every_feature_it_declares(synthesized):
    (detector,) = _resources(
        synthesized[f"{PATTERN}[defaults]"].template, "AWS::GuardDuty::Detector"
    )
    assert [(f["Name"], f["Status"]) for f in detector["Features"]] == list(FEATURES)
    # GuardDuty refuses EKS_RUNTIME_MONITORING beside RUNTIME_MONITORING.
    assert "EKS_RUNTIME_MONITORING" not in {name for name, _ in FEATURES}


def test_the_rule_matches_findings_from_the_min_severity_parameter(synthesized):
    item = synthesized[f"{PATTERN}[defaults]"]
    (rule,) = _resources(item.template, "AWS::Events::Rule")
    wanted = item.resolved.values["min_severity"]
    assert rule["EventPattern"]["source"] == ["aws.guardduty"]
    assert rule["EventPattern"]["detail"]["severity"] == [{"numeric": [">=", wanted]}]


@pytest.mark.parametrize(
    ("volume_type", "size", "iops", "ok"),
    [
        ("io1", 20, 1000, True),
        ("io1", 20, 1001, False),
        ("io2", 4, 4000, True),
        ("io2", 4, 4001, False),
    ],
)
def test_the_volume_refuses_more_iops_per_gib_than_its_type_allows(volume_type, size, iops, ok):
    props = {"volume_type": volume_type, "size_gib": size, "iops": iops}
    if ok:
        Ec2VolumeProps(**props)
    else:
        with pytest.raises(ValidationError, match="IOPS per GiB"):
            Ec2VolumeProps(**props)


@pytest.mark.parametrize("interval", [0, 2, 120])
def test_enhanced_monitoring_takes_only_the_intervals_rds_accepts(interval):
    with pytest.raises(ValidationError, match="expected one of 1, 5, 10, 15, 30, 60"):
        RdsInstanceProps(vpc="vpc", monitoring_interval_s=interval)


def test_the_detector_is_left_out_when_the_account_has_one(synthesized):
    found = [k for k in synthesized if k.startswith(PATTERN) and "create_detector=False" in k]
    for key in found:
        assert not _resources(synthesized[key].template, "AWS::GuardDuty::Detector")
    assert found, "the catalog synthesizes the variant without a detector"
