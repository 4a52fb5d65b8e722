"""Run archgen's checks on AWS Solutions Constructs' Firehose-to-S3 stack, beside archgen's.

    .venv/bin/python scripts/compare_solutions_constructs.py

The nearest published construct to archgen's streaming pattern is
aws-solutions-constructs.aws-kinesis-firehose-s3 (KinesisFirehoseToS3, default
props). It pins an older aws-cdk-lib than archgen, so it is synthesized in a
virtualenv of its own (.venv-compare, made on first use), with the same cdk-nag
plugin; its template and CDK's validation report then go through the same
cfn-lint and report parsing as archgen's own patterns. Prints one table.
"""

from __future__ import annotations

import collections
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from types import SimpleNamespace

from generator import ROOT, node
from generator.lint import lint_template
from generator.synth import plugin_report

VENV = ROOT / ".venv-compare"
PACKAGES = [
    "aws-solutions-constructs.aws-kinesis-firehose-s3==2.105.0",
    "cdk-nag==3.0.2",
]
PROGRAM = textwrap.dedent(
    """
    import sys
    import aws_cdk as cdk
    from aws_solutions_constructs.aws_kinesis_firehose_s3 import KinesisFirehoseToS3
    from cdk_nag import AwsSolutionsChecks

    app = cdk.App(
        outdir=sys.argv[1],
        analytics_reporting=False,
        context={
            "aws:cdk:enable-path-metadata": True,
            "@aws-cdk/core:failSynthOnValidationErrors": False,
        },
    )
    stack = cdk.Stack(app, "SolutionsConstructsFirehoseS3")
    KinesisFirehoseToS3(stack, "FirehoseToS3")
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    app.synth()
    """
)


def counts(findings) -> str:
    by = collections.Counter(f.severity for f in findings)
    return f"{by['error']} errors, {by['warning']} warnings"


def solutions_constructs() -> tuple[list, list, list]:
    if not (VENV / "bin" / "python").exists():
        print("creating .venv-compare (once)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", *PACKAGES], check=True)
    with tempfile.TemporaryDirectory() as scratch:
        env = {"JSII_NODE": str(node.node_binary()), "PATH": "/usr/bin:/bin"}
        subprocess.run([str(VENV / "bin" / "python"), "-c", PROGRAM, scratch], check=True, env=env)
        template = json.loads(
            (Path(scratch) / "SolutionsConstructsFirehoseS3.template.json").read_text()
        )
        nag, acknowledged = plugin_report(Path(scratch) / "validation-report.json")
    stack = "SolutionsConstructsFirehoseS3"
    return lint_template(template), nag.get(stack, []), acknowledged.get(stack, [])


def archgen() -> dict[str, dict]:
    done = subprocess.run(
        [str(Path(sys.executable).with_name("archgen")), "validate", "--all", "--format", "json"],
        capture_output=True,
        text=True,
    )
    return {p["pattern"]: p for p in json.loads(done.stdout)["patterns"]}


def main() -> None:
    rows = []
    lint, nag, acknowledged = solutions_constructs()
    rows.append(
        ("Solutions Constructs KinesisFirehoseToS3 (defaults)", counts(lint), counts(nag),
         len(acknowledged))
    )  # fmt: skip
    for pattern_id, result in archgen().items():
        by_tool = collections.defaultdict(list)
        for finding in result["findings"]:
            by_tool[finding["tool"]].append(SimpleNamespace(severity=finding["severity"]))
        rows.append(
            (f"archgen {pattern_id}", counts(by_tool["cfn-lint"]), counts(by_tool["cdk-nag"]),
             len(result.get("acknowledged", [])))
        )  # fmt: skip
    print(f"{'stack':<52} {'cfn-lint':<24} {'cdk-nag (unacknowledged)':<26} acknowledged")
    for name, lint_text, nag_text, acks in rows:
        print(f"{name:<52} {lint_text:<24} {nag_text:<26} {acks}")
    for finding in lint + nag:
        print(f"  Solutions Constructs: {finding}")


if __name__ == "__main__":
    main()
