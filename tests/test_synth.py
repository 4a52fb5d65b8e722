"""archgen's synth context: the feature flags `cdk init` writes for the pinned CDK.

The same file feeds archgen's own synth and every starter project's cdk.json, so the
two templates agree (test_project_e2e.py compares them) and the CDK CLI finds no flag
unconfigured (the e2e tests fail on its warning).
"""

from __future__ import annotations

import json
import tarfile
from importlib.metadata import version
from pathlib import Path

import aws_cdk

from generator import project as projects
from generator.synth import CONTEXT, FEATURE_FLAGS


def recommended_flags() -> dict:
    """The feature flags the installed aws-cdk-lib recommends, from its jsii package.

    `cdk init` writes these into a new project's cdk.json; the CLI counts any flag
    whose default differs from them and that cdk.json leaves unset as unconfigured.
    """
    lib = version("aws-cdk-lib")
    tarball = Path(aws_cdk.__file__).parent / "_jsii" / f"aws-cdk-lib@{lib}.jsii.tgz"
    with tarfile.open(tarball) as package:
        member = package.extractfile("package/recommended-feature-flags.json")
        assert member is not None
        return json.load(member)


def test_the_installed_aws_cdk_lib_is_the_one_projects_pin():
    assert version("aws-cdk-lib") == projects.pins()["aws-cdk-lib"]


def test_feature_flags_are_what_the_pinned_aws_cdk_lib_recommends():
    assert FEATURE_FLAGS == recommended_flags()


def test_archgens_synth_sets_every_feature_flag():
    assert {key: CONTEXT[key] for key in FEATURE_FLAGS} == FEATURE_FLAGS
    assert set(CONTEXT) - set(FEATURE_FLAGS) == {
        "aws:cdk:enable-path-metadata",  # what the CDK CLI sets itself for `cdk synth`
        "aws:cdk:enable-asset-metadata",
    }
