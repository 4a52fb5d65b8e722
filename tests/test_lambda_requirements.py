"""Third-party packages of a Lambda function, and the flows that need it in a VPC.

A function's requirements are pinned (so every synth installs the same files), they move
the build cache's key, and a function reaches a MemoryDB cluster only from the cluster's VPC:
each mistake is a one-line error when the pattern loads.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from generator.cache import build_key
from generator.errors import ArchgenError
from generator.kinds.lambda_function import LambdaProps
from generator.loader import load

FIXTURE = Path(__file__).parent / "fixtures" / "kinds" / "memorydb-cluster.yaml"


def _variant(tmp_path: Path, change) -> Path:
    document = yaml.safe_load(FIXTURE.read_text())
    change({c["id"]: c for c in document["components"]}, document)
    path = tmp_path / "memorydb-cluster.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


@pytest.mark.parametrize(
    "requirements, message",
    [
        (["redis"], "pinned to one version"),
        (["redis>=7"], "pinned to one version"),
        (["redis==7.*"], "pinned to one version"),
        (["redis==7.1.0", "Redis==7.0.0"], "a package twice"),
    ],
)
def test_requirements_must_pin_each_package_once(requirements, message):
    with pytest.raises(ValidationError, match=message):
        LambdaProps(code="leaderboard", requirements=requirements)


def test_pinned_requirements_with_extras_are_accepted():
    props = LambdaProps(
        code="leaderboard", requirements=["redis[hiredis]==7.1.0", "Pillow==12.0.0"]
    )
    assert props.requirements == ["redis[hiredis]==7.1.0", "Pillow==12.0.0"]


def test_the_build_key_follows_the_requirements_and_the_architecture(tmp_path):
    def bump(components, _):
        components["ranking"]["props"]["requirements"] = ["redis==7.0.1"]

    def x86(components, _):
        components["ranking"]["props"]["architecture"] = "x86_64"

    base = build_key(load(_variant(tmp_path, lambda *_: None)).resolve())
    assert base is not None
    assert build_key(load(_variant(tmp_path, bump)).resolve()) != base
    assert build_key(load(_variant(tmp_path, x86)).resolve()) != base


def test_a_function_outside_any_vpc_cannot_reach_the_cluster(tmp_path):
    def outside(components, _):
        del components["ranking"]["props"]["vpc"]

    with pytest.raises(ArchgenError, match="needs vpc set on 'ranking'"):
        load(_variant(tmp_path, outside)).resolve()


def test_a_function_in_another_vpc_cannot_reach_the_cluster(tmp_path):
    def elsewhere(components, document):
        document["components"].append({"id": "other", "kind": "ec2.vpc"})
        components["ranking"]["props"]["vpc"] = "other"

    with pytest.raises(ArchgenError, match="needs the same vpc on both ends"):
        load(_variant(tmp_path, elsewhere)).resolve()
