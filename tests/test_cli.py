"""The command line, through click's CliRunner, with output into tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import __version__

FIXTURES = Path(__file__).parent / "fixtures"
STREAMING = "streaming-ingest-data-lake"


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_explains_every_command(run):
    result = run("--help")
    for command in ("list", "show", "kinds", "build", "diagram", "synth", "schema"):
        assert command in result.output
    for command in ("build", "diagram", "synth", "show"):
        sub = run(command, "--help")
        assert sub.exit_code == 0 and "Usage:" in sub.output


def test_list_shows_id_category_topics_title(run):
    result = run("list")
    line = next(line for line in result.output.splitlines() if line.startswith(STREAMING))
    assert "ingestion" in line and "T21" in line and "Streaming ingestion" in line


def test_show_lists_parameters_with_defaults(run):
    result = run("show", STREAMING)
    assert result.exit_code == 0
    assert "transform=false" in result.output
    assert "buffer_interval_s=300  (60..900)" in result.output


def test_kinds_lists_every_kind_and_its_targets(run):
    result = run("kinds")
    assert "kinesis.firehose:" in result.output
    assert "flows to: lambda.function, opensearch.domain, s3.bucket" in result.output


def test_build_writes_every_output(run, tmp_path):
    result = run("build", STREAMING, "--out", str(tmp_path), "--param", "transform=true")
    assert result.exit_code == 0, result.output
    folder = tmp_path / STREAMING
    for name in (
        "diagram.png", "diagram.svg", "diagram.dot", "template.json", "findings.json",
        "README.md", "archgen.json", f"cdk/{STREAMING.replace('-', '_')}_stack.py", "cdk/app.py",
        "cdk/lambda/transformer/index.py",
    ):  # fmt: skip
        assert (folder / name).is_file(), name
    assert json.loads((folder / "archgen.json").read_text())["parameters"]["transform"] is True
    assert "0 error(s), 0 warning(s)" in result.output
    assert "[1/1] streaming-ingest-data-lake: diagram" in result.stderr


def test_diagram_and_synth_write_one_output_each(run, tmp_path):
    assert run("diagram", STREAMING, "--out", str(tmp_path)).exit_code == 0
    assert (tmp_path / STREAMING / "diagram.svg").is_file()
    assert not (tmp_path / STREAMING / "template.json").exists()
    assert run("synth", STREAMING, "--out", str(tmp_path)).exit_code == 0
    template = json.loads((tmp_path / STREAMING / "template.json").read_text())
    assert "AWS::KinesisFirehose::DeliveryStream" in {
        r["Type"] for r in template["Resources"].values()
    }


def test_synth_to_stdout_prints_the_template(run):
    result = run("synth", STREAMING, "--stdout")
    assert json.loads(result.stdout)["Resources"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "streaming-ingest"], "unknown pattern 'streaming-ingest'"),
        (["build", "streaming-ingest-data-lak"], "did you mean 'streaming-ingest-data-lake'?"),
        (["build", STREAMING, "--param", "transform=perhaps"], "expected true or false"),
        (["build", STREAMING, "--param", "buffer_interval_s=5"], "from 60 to 900, got 5"),
        (["build", STREAMING, "--param", "buffer_interval_s=soon"], "expected an integer"),
        (["build", STREAMING, "--param", "transfrom=true"], "did you mean 'transform'?"),
        (["build", STREAMING, "--param", "transform"], "is not KEY=VALUE"),
        (["build"], "no pattern selected"),
        (["build", STREAMING, "--all"], "not both"),
    ],
)
def test_user_mistakes_get_one_line_and_exit_2(run, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_pattern_file_is_reported_with_its_line(run, tmp_path):
    bad = FIXTURES / "bad" / "unknown-kind.yaml"
    (tmp_path / "unknown-kind.yaml").write_text(bad.read_text())
    result = run("--patterns", str(tmp_path), "list")
    assert result.exit_code == 2
    assert f"{tmp_path}/unknown-kind.yaml:11: components[1].kind: unknown kind" in result.stderr


def test_unwritable_out_is_a_clear_error(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("build", STREAMING, "--out", str(blocker / "out"))
    assert result.exit_code == 2
    assert "cannot write to output folder" in result.stderr
    assert "--out" in result.stderr


def test_missing_graphviz_is_a_clear_error(run, tmp_path, monkeypatch):
    import sys

    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))  # the venv only: no `dot`
    result = run("diagram", STREAMING, "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "Graphviz is not installed" in result.stderr
    assert not (tmp_path / STREAMING).exists()


def test_synth_with_other_parameters_leaves_no_file_of_the_earlier_build(run, tmp_path):
    assert (
        run("build", STREAMING, "--out", str(tmp_path), "--param", "transform=true").exit_code == 0
    )
    folder = tmp_path / STREAMING
    assert (folder / "cdk/lambda/transformer/index.py").is_file()
    assert run("synth", STREAMING, "--out", str(tmp_path)).exit_code == 0
    assert not (folder / "cdk/lambda").exists()
    assert not (folder / "README.md").exists()  # it described transform=true
    assert json.loads((folder / "archgen.json").read_text())["parameters"]["transform"] is False


def test_diagram_with_the_same_parameters_keeps_the_rest_of_the_build(run, tmp_path):
    assert run("build", STREAMING, "--out", str(tmp_path)).exit_code == 0
    readme = (tmp_path / STREAMING / "README.md").read_text()
    assert run("diagram", STREAMING, "--out", str(tmp_path)).exit_code == 0
    assert (tmp_path / STREAMING / "README.md").read_text() == readme


def test_a_file_where_the_output_folder_goes_is_left_alone(run, tmp_path):
    blocker = tmp_path / STREAMING
    blocker.write_text("my notes")
    for command in ("build", "diagram", "synth"):
        result = run(command, STREAMING, "--out", str(tmp_path))
        assert result.exit_code == 2, command
        assert "a file where the output folder goes" in result.stderr
    assert blocker.read_text() == "my notes"
