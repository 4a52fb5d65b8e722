"""`archgen validate`: every check, as text, JSON or SARIF 2.1.0, and its exit code.

The SARIF output is checked against the official SARIF 2.1.0 JSON schema, taken
from the npm registry (it ships in @microsoft/jest-sarif) once per session.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile

import jsonschema
import pytest
from click.testing import CliRunner

from generator import PATTERNS_DIR
from generator.cli import cli
from generator.node import npm_command

SARIF_SCHEMA_PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0"
SARIF_SCHEMA_MEMBER = "package/lib/schemas/sarif-2.1.0-rtm.5.json"
STREAMING = "streaming-ingest-data-lake"
SEQUENCE = "step-functions-athena-sequence"


@pytest.fixture(scope="session")
def sarif_schema(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("sarif-schema")
    subprocess.run(
        [*npm_command(), "pack", SARIF_SCHEMA_PACKAGE, "--pack-destination", str(folder)],
        check=True,
        capture_output=True,
        cwd=folder,
    )
    (tarball,) = folder.glob("*.tgz")
    with tarfile.open(tarball) as archive:
        return json.load(archive.extractfile(SARIF_SCHEMA_MEMBER))


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, object]:
    """One `validate --all` run per format over two catalog patterns.

    Two, not the whole catalog: tests/test_catalog.py runs every check on every
    variant of every pattern from the session's shared synth; these runs test the
    command (its selection, formats and exit code), whose cost would otherwise
    grow with the catalog three times over.
    """
    patterns = tmp_path_factory.mktemp("validate-patterns")
    for pattern_id in (STREAMING, SEQUENCE):
        shutil.copy(PATTERNS_DIR / f"{pattern_id}.yaml", patterns)
    runner = CliRunner()
    out = {}
    for fmt in ("text", "json", "sarif"):
        result = runner.invoke(
            cli,
            ["--patterns", str(patterns), "validate", "--all", "--format", fmt],
            catch_exceptions=False,
        )
        out[fmt] = result
    return out


def test_validate_all_reports_each_pattern_clean_and_exits_0(reports):
    result = reports["text"]
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.stderr
    reported = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert sorted(line.split(":")[0] for line in reported) == sorted([STREAMING, SEQUENCE])
    for line in reported:
        assert line.endswith(": 0 error(s), 0 warning(s)"), line


def test_json_report_lists_patterns_findings_and_acknowledgements(reports):
    document = json.loads(reports["json"].stdout)
    patterns = {p["pattern"]: p for p in document["patterns"]}
    assert STREAMING in patterns
    assert all(p["findings"] == [] for p in patterns.values())
    notes = patterns[STREAMING]["acknowledged"]
    assert notes and all(n["rule_id"].startswith("AwsSolutions-") and n["reason"] for n in notes)


def test_sarif_report_is_valid_sarif_2_1_0(reports, sarif_schema):
    document = json.loads(reports["sarif"].stdout)
    jsonschema.validate(document, sarif_schema)
    assert [run["tool"]["driver"]["name"] for run in document["runs"]] == [
        "cfn-lint",
        "cdk-nag",
        "archgen",
        "agreement",
    ]


def test_sarif_with_findings_is_valid_and_points_at_the_template(sarif_schema):
    from generator.findings import Finding
    from generator.report import as_sarif

    findings = {
        "p": [
            Finding("cfn-lint", "E3012", "error", "bad type", resource="Bucket", line=12),
            Finding("cdk-nag", "AwsSolutions-S1", "warning", "no logs", resource="Raw/Resource"),
            Finding("agreement", "AG2", "error", "flow 1. x", hint="add a grant"),
        ]
    }
    document = json.loads(as_sarif(findings))
    jsonschema.validate(document, sarif_schema)
    results = [r for run in document["runs"] for r in run["results"]]
    assert [r["level"] for r in results] == ["error", "warning", "error"]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "p/template.json"}, "region": {"startLine": 12}}


def test_switching_off_a_secure_default_is_acknowledged_and_reported(tmp_path):
    (tmp_path / "quiet-bucket.yaml").write_text(
        "id: quiet-bucket\ntitle: A bucket without access logs\nsummary: For the test.\n"
        "category: ingestion\ntopics: [T21]\n"
        "components: [{id: data, kind: s3.bucket, props: {access_logs: false}}]\n"
        "teaching: {when_to_use: [x], alternatives: [{instead: y, why_not: z}], key_facts: [k]}\n"
    )
    result = CliRunner().invoke(
        cli, ["--patterns", str(tmp_path), "validate", "quiet-bucket", "--format", "json"]
    )
    assert result.exit_code == 0
    notes = json.loads(result.stdout)["patterns"][0]["acknowledged"]
    assert [n["rule_id"] for n in notes] == ["AwsSolutions-S1"]
    assert "access_logs: false" in notes[0]["reason"]


def test_a_failing_check_exits_1_and_names_rule_resource_and_fix(tmp_path, broken_registry):
    (tmp_path / "mute.yaml").write_text(
        "id: mute\ntitle: A flow with no code\nsummary: For the test.\ncategory: analytics\n"
        "topics: [T03]\ncomponents: [{id: queue, kind: test.mute_queue}, "
        "{id: bucket, kind: s3.bucket}]\nflows: [{from: queue, to: bucket, label: archives}]\n"
        "teaching: {when_to_use: [x], alternatives: [{instead: y, why_not: z}], key_facts: [k]}\n"
    )
    result = CliRunner().invoke(cli, ["--patterns", str(tmp_path), "validate", "mute"])
    assert result.exit_code == 1
    assert "mute: 2 error(s)" in result.stdout  # AG2, and cdk-nag SQS3 on the test queue
    assert "ERROR   agreement AG2 queue->bucket" in result.stdout
    assert "fix: the connector test.mute_queue -> s3.bucket must emit" in result.stdout
