"""Starter projects: names, the files a project holds, and never clobbering a user's edits.

The slow proof that a project works as written (its own pytest, the real CDK CLI, the
template compared with archgen's) is in test_project_e2e.py.
"""

from __future__ import annotations

import ast
import json
import keyword
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError
from readme_sections import check_costs, check_teardown, kept_in_template, sections

from generator import ROOT, __version__, project as projects
from generator.errors import ArchgenError
from generator.loader import find_pattern, load
from generator.model import PatternFile
from generator.render.code import generate
from generator.synth import CONTEXT, FEATURE_FLAGS

STREAMING = "streaming-ingest-data-lake"
STACK_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,127}$")


@pytest.fixture(scope="module")
def resolved():
    return load(find_pattern(STREAMING)).resolve({"transform": True})


@pytest.fixture(scope="module")
def rendered(resolved):
    return projects.render_project(resolved, projects.project_name("my-lake"))


@pytest.fixture(scope="module")
def dms_rendered():
    resolved = load(find_pattern("database-replication-dms")).resolve()
    return projects.render_project(resolved, projects.project_name("dms"))


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def mtimes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


# Names


@pytest.mark.parametrize(
    "given, package, stack",
    [
        ("my-lake", "my_lake", "my-lake"),
        ("My Lake", "my_lake", "my-lake"),
        ("MyLake", "my_lake", "my-lake"),
        ("my_lake", "my_lake", "my-lake"),
        ("  my--lake!! ", "my_lake", "my-lake"),
        ("HTTPServer2", "http_server_2", "http-server-2"),
        ("2024-lake", "app_2024_lake", "app-2024-lake"),
        ("class", "class_", "class"),
        ("Über Lake", "uber_lake", "uber-lake"),
    ],
)
def test_project_name_becomes_a_package_and_a_stack_name(given, package, stack):
    name = projects.project_name(given)
    assert (name.given, name.package, name.stack) == (given, package, stack)


@pytest.mark.parametrize(
    "given",
    ["a", "A1", "x" * 128, "import", "9", "a.b.c", "dots...and...dashes", "ÆØÅ fjord", "λ-func"],
)
def test_every_accepted_name_is_a_valid_package_and_stack_name(given):
    name = projects.project_name(given)
    assert name.package.isidentifier() and not keyword.iskeyword(name.package)
    assert STACK_NAME.match(name.stack), name.stack


@pytest.mark.parametrize(
    "given, reason",
    [
        ("", "no letters or digits"),
        ("   ", "no letters or digits"),
        ("---", "no letters or digits"),
        ("!!!", "no letters or digits"),
        ("\U0001f4be", "no letters or digits"),
        ("a" * 129, "129-character stack name"),
        ("x" + "-y" * 64, "129-character stack name"),
        ("json", "shadow"),
        ("tests", "shadow"),
        ("aws_cdk", "shadow"),
        ("Constructs", "shadow"),
    ],
)
def test_names_that_cannot_become_both_are_refused(given, reason):
    with pytest.raises(ArchgenError, match=reason) as caught:
        projects.project_name(given)
    assert "\n" not in str(caught.value) and "--name" in str(caught.value)


def test_the_application_code_folders_cannot_be_the_package(resolved):
    assert projects.app_code_folders(resolved) == {"lambda"}
    with pytest.raises(ArchgenError, match="shadow"):
        projects.project_name("glue", {"glue"})


@pytest.mark.parametrize("args", [["!!!"], ["x", "--name", ""], ["x", "--name", "y" * 200]])
def test_a_refused_name_is_one_line_and_writes_nothing(run, tmp_path, args):
    folder, *options = args
    result = run("new", STREAMING, str(tmp_path / folder), *options)
    assert result.exit_code == 2
    assert result.stderr.startswith("archgen: error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("pattern_id", ["../x", "a/b", "..", "/etc/passwd"])
def test_pattern_ids_are_slugs_so_no_id_reaches_outside(run, tmp_path, pattern_id):
    result = run("new", pattern_id, str(tmp_path / "p"))
    assert result.exit_code == 2 and "unknown pattern" in result.stderr
    assert list(tmp_path.iterdir()) == []
    data = yaml.safe_load(find_pattern(STREAMING).read_text())
    with pytest.raises(ValidationError) as caught:
        PatternFile.model_validate({**data, "id": pattern_id})
    assert [error["loc"] for error in caught.value.errors()] == [("id",)]


def test_names_are_shown_before_anything_is_written(run, tmp_path):
    result = run("new", STREAMING, str(tmp_path / "My Lake"))
    first = result.output.splitlines()[0]
    assert first == (
        f"Project 'My Lake' from pattern {STREAMING}: "
        "Python package my_lake, CloudFormation stack my-lake"
    )


# What a project holds


def test_project_has_the_cdk_init_layout(rendered):
    for path in (
        "app.py", "cdk.json", "requirements.txt", "requirements-dev.txt", "package.json",
        "README.md", ".gitignore", "diagram.png", "diagram.svg",
        "my_lake/__init__.py", "my_lake/my_lake_stack.py", "lambda/transformer/index.py",
        "tests/__init__.py", "tests/unit/__init__.py", "tests/unit/test_my_lake_stack.py",
        "tests/unit/test_cdk_nag.py", "tests/unit/test_application_code.py",
        "tests/unit/test_transformer.py",
    ):  # fmt: skip
        assert path in rendered.files, path
    assert projects.ANSWERS not in rendered.files  # written by apply(), with the file hashes


def test_project_does_not_import_archgen(rendered):
    for path, content in rendered.files.items():
        if path.endswith(".py"):
            for node in ast.walk(ast.parse(content)):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                assert not any(n.split(".")[0] in ("generator", "archgen") for n in names), path


def test_stack_and_application_code_are_what_archgen_synthesizes(rendered, resolved):
    generated = generate(resolved).files
    ours = rendered.files["my_lake/my_lake_stack.py"].decode().splitlines()
    archgens = generated[f"{resolved.module_name}.py"].splitlines()
    differing = [(a, b) for a, b in zip(archgens, ours, strict=True) if a != b]
    assert differing == [
        (
            f"Rebuild with `archgen build {resolved.id}`, adding `--param KEY=VALUE`",
            "Render it again with `archgen update`: files you changed are kept",
        ),
        (
            "for each value that is not the default.",
            "and listed, never overwritten.",
        ),
        (
            "APP_CODE = Path(__file__).resolve().parent",
            "APP_CODE = Path(__file__).resolve().parent.parent",
        ),
    ]
    assert (
        rendered.files["lambda/transformer/index.py"].decode()
        == generated["lambda/transformer/index.py"]
    )


def test_requirements_pin_what_archgen_synthesizes_and_tests_with(rendered):
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = pyproject["dependencies"] + pyproject["optional-dependencies"]["test"]
    runtime = rendered.files["requirements.txt"].decode().split()
    assert runtime == ["aws-cdk-lib==2.275.0", "constructs==10.8.1", "cdk-nag==3.0.2"]
    assert set(runtime) <= set(declared)
    assert rendered.files["requirements-dev.txt"].decode().split() == [
        r for r in declared if r.startswith("pytest==")
    ]
    for requirement in runtime:
        name, pinned = requirement.split("==")
        assert version(name) == pinned  # the library archgen's own synth runs


def test_cdk_json_gives_the_cli_archgens_synth_settings(rendered):
    settings = json.loads(rendered.files["cdk.json"])
    assert settings["app"] == "python3 app.py"
    assert settings["versionReporting"] is False  # archgen: analytics_reporting=False
    flags = {key: value for key, value in CONTEXT.items() if not key.startswith("aws:cdk:")}
    assert settings.get("context", {}) == flags == FEATURE_FLAGS  # what `cdk init` writes
    assert "**/__pycache__" in settings["watch"]["exclude"]  # the project's own watch settings


def test_app_pins_the_account_and_region_the_cli_resolves(rendered):
    tree = ast.parse(rendered.files["app.py"])
    assigned = {
        node.targets[0].id: ast.unparse(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    assert assigned["account"] == "os.environ.get('CDK_DEFAULT_ACCOUNT')"
    assert assigned["region"] == "os.environ.get('CDK_DEFAULT_REGION')"
    assert assigned["env"] == "cdk.Environment(account=account, region=region) if account else None"
    stack = next(
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == rendered.resolved.class_name
    )
    assert [(k.arg, ast.unparse(k.value)) for k in stack.keywords] == [("env", "env")]


def test_package_json_pins_the_cdk_cli_exactly(rendered):
    package = json.loads(rendered.files["package.json"])
    assert package["devDependencies"] == {"aws-cdk": projects.CDK_CLI_VERSION}
    assert re.fullmatch(r"\d+\.\d+\.\d+", projects.CDK_CLI_VERSION)
    assert package["name"] == "my-lake" and package["private"] is True


def test_readme_shows_diagram_flow_parameters_names_and_deploy_steps(rendered):
    readme = rendered.files["README.md"].decode()
    for text in (
        "![Streaming ingestion into a queryable data lake](diagram.png)",
        "](diagram.svg)",
        "1. **PutRecordBatch**: Event producers → Delivery stream.",
        "| `transform` | `true` | `false` |",
        "`my_lake/my_lake_stack.py`",
        "npx cdk bootstrap",
        "npx cdk deploy",
        "pip install -r requirements.txt -r requirements-dev.txt",
        "archgen update",
    ):
        assert text in readme, text


README_SECTIONS = [
    "How the data flows",
    "Parameters it was made with",
    "What is where",
    "Prerequisites",
    "Set up, test and synthesize",
    "Deploy",
    "Run",
    "Tear down",
    "What it costs while idle",
    "Resources by component",
    "Updating",
]


@pytest.mark.parametrize("project", ["rendered", "dms_rendered"])
def test_readme_sections_say_what_the_template_does(project, request):
    project = request.getfixturevalue(project)
    readme = sections(project.files["README.md"].decode())
    assert list(readme) == README_SECTIONS
    assert "npx cdk bootstrap --profile NAME" in readme["Prerequisites"]
    assert "npx cdk deploy --profile NAME" in readme["Deploy"]
    check_teardown(readme["Tear down"], project.template)
    check_costs(readme["What it costs while idle"], project.template)
    for comp in project.resolved.components:
        if comp.kind.lifecycle.run:
            assert f"### {comp.label}\n" in readme["Run"], comp.id
    for logical_id in re.findall(r"physical_id (\w+)", readme["Run"]):
        assert logical_id in project.template["Resources"]


@pytest.mark.parametrize("project", ["rendered", "dms_rendered"])
def test_readme_claims_only_the_tests_the_project_has(project, request):
    project = request.getfixturevalue(project)
    readme = project.files["README.md"].decode()
    named = set(re.findall(r"`(tests/[\w/]+\.py)`", readme))
    tests = {p for p in project.files if p.startswith("tests/unit/test_")}
    assert named == tests
    for path in tests:  # each says what it tests
        assert re.search(rf"\| `{path}` \| \w", readme), path
    untested = [p for p in project.files if p.startswith(("glue/", "emr/", "mwaa/"))]
    for path in untested:
        assert f"`{path}`" in sections(readme)["Set up, test and synthesize"], path


def test_readme_documents_the_context_flags_the_stack_reads(dms_rendered, rendered):
    readme = sections(dms_rendered.files["README.md"].decode())
    assert "`-c create_dms_roles=false`" in readme["Prerequisites"]
    assert "-c create_dms_roles=true" in readme["Deploy"]  # the value it uses without the flag
    assert "`npx cdk deploy -c deletion_protection=false`" in readme["Tear down"]
    assert "without the flag: `true`" in readme["Prerequisites"]
    streaming = sections(rendered.files["README.md"].decode())  # reads no context flag
    assert " -c " not in streaming["Deploy"] + streaming["Tear down"]
    assert "creates no account-level resource" in streaming["Prerequisites"]


def test_stack_tests_pin_tls_settings_and_deletion_settings(dms_rendered):
    tests = dms_rendered.files["tests/unit/test_dms_stack.py"].decode()
    namespace: dict = {}
    settings = tests[tests.index("TLS_SETTINGS = {") : tests.index("@pytest.fixture")]
    exec(compile(settings, "settings", "exec"), {"Match": None}, namespace)
    resources = dms_rendered.template["Resources"]
    by_type = {}
    for logical_id, resource in resources.items():
        by_type.setdefault(resource["Type"], set()).add(logical_id)
    tls = namespace["TLS_SETTINGS"]
    assert {k for k, (t, _) in tls.items() if t == "AWS::DMS::Endpoint"} == by_type[
        "AWS::DMS::Endpoint"
    ]
    for logical_id, (_, pattern) in tls.items():
        if "SslMode" in pattern:
            assert pattern["SslMode"] == resources[logical_id]["Properties"]["SslMode"]
    (group,) = by_type["AWS::RDS::DBClusterParameterGroup"]
    assert tls[group][1] == {"Parameters": {"rds.force_ssl": "1"}}
    deletion = namespace["DELETION_SETTINGS"]
    assert {k for k, v in deletion.items() if "DeletionPolicy" in v} == set(
        kept_in_template(dms_rendered.template)
    )
    (cluster,) = by_type["AWS::RDS::DBCluster"]
    assert deletion[cluster]["DeletionProtection"] is True


def test_stack_tests_state_resources_per_component_and_secure_defaults(rendered):
    tests = rendered.files["tests/unit/test_my_lake_stack.py"].decode()
    raw = re.search(r'"raw": \(\s*"s3.bucket",\s*"Raw",\s*\{([^}]*)\}', tests)
    assert raw and re.search(r'"AWS::S3::Bucket": [1-9]', raw.group(1))
    assert '"producers": ("external.clients", "Producers", {})' in tests  # deploys nothing
    assert '"AWS::S3::Bucket": {' in tests and '"AWS::Lambda::Function": {' in tests
    assert '"AWS::RDS::DBCluster"' not in tests  # only the types this stack has


def test_rendering_is_deterministic(rendered, resolved):
    again = projects.render_project(resolved, projects.project_name("my-lake"))
    assert again.files == rendered.files


# Writing: new, identical, update, conflict


def test_new_writes_the_project_and_its_answers(run, tmp_path, rendered):
    folder = tmp_path / "my-lake"
    result = run("new", STREAMING, str(folder), "--param", "transform=true")
    assert result.exit_code == 0, result.output
    written = files_of(folder)
    answers = json.loads(written.pop(projects.ANSWERS))
    assert written == rendered.files
    assert answers == {
        "pattern": STREAMING,
        "parameters": {
            "buffer_interval_s": 300,
            "transform": True,
            "scan_limit_gb": 10,
            "partitions": "crawler",
        },
        "name": "my-lake",
        "archgen": __version__,
        "files": {path: projects.digest(data) for path, data in sorted(written.items())},
    }
    assert f"{len(written)} new, 0 update, 0 identical, 0 conflict(s)" in result.output


def test_running_again_leaves_identical_files_untouched(run, tmp_path):
    folder = tmp_path / "p"
    run("new", STREAMING, str(folder))
    before = mtimes(folder)
    result = run("new", STREAMING, str(folder))
    assert result.exit_code == 0
    assert mtimes(folder) == before  # not rewritten, the answers file included
    assert "  identical  app.py" in result.output and "0 new, 0 update" in result.output


def test_an_edited_file_is_kept_and_reported_as_a_conflict(run, tmp_path):
    folder = tmp_path / "p"
    run("new", STREAMING, str(folder))
    (folder / "app.py").write_text("# mine\n")
    untouched = (folder / "cdk.json").stat().st_mtime_ns
    result = run("new", STREAMING, str(folder))
    assert result.exit_code == 1
    assert (folder / "app.py").read_text() == "# mine\n"
    assert "  conflict   app.py" in result.output
    assert "Left 1 file(s) as they are" in result.stderr and "--force" in result.stderr
    assert (folder / "cdk.json").stat().st_mtime_ns == untouched


def test_force_overwrites_conflicts(run, tmp_path, rendered):
    folder = tmp_path / "my-lake"
    run("new", STREAMING, str(folder), "--param", "transform=true")
    (folder / "app.py").write_text("# mine\n")
    (folder / "README.md").unlink()
    result = run("new", STREAMING, str(folder), "--param", "transform=true", "--force")
    assert result.exit_code == 0
    assert "  overwrite  app.py" in result.output and "  new        README.md" in result.output
    assert (folder / "app.py").read_bytes() == rendered.files["app.py"]


def test_files_already_in_the_folder_are_never_overwritten(run, tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "README.md").write_text("my notes\n")
    (folder / "notes.txt").write_text("keep\n")
    result = run("new", STREAMING, str(folder))
    assert result.exit_code == 1 and "  conflict   README.md" in result.output
    assert (folder / "README.md").read_text() == "my notes\n"
    assert (folder / "notes.txt").read_text() == "keep\n"
    assert (folder / "app.py").is_file()
    # Not written by archgen, so an update still treats it as the user's.
    assert "README.md" not in json.loads((folder / projects.ANSWERS).read_text())["files"]
    assert run("update", str(folder)).exit_code == 1


def test_update_after_an_edit_keeps_the_edit_and_reports_the_conflict(run, tmp_path):
    folder = tmp_path / "p"
    run("new", STREAMING, str(folder), "--param", "transform=true")
    stack = folder / "p" / "p_stack.py"
    edited = stack.read_text() + "\n# my change\n"
    stack.write_text(edited)
    result = run("update", str(folder))
    assert result.exit_code == 1
    assert stack.read_text() == edited
    assert "  conflict   p/p_stack.py" in result.output
    assert "  identical  lambda/transformer/index.py" in result.output  # parameters kept


def test_update_replaces_files_archgen_wrote_that_nobody_changed(run, tmp_path):
    folder = tmp_path / "p"
    run("new", STREAMING, str(folder))
    current = (folder / "README.md").read_bytes()
    # As if an older archgen had written a different README and recorded it.
    older = b"# p\n\nAn older archgen's README.\n"
    (folder / "README.md").write_bytes(older)
    answers = json.loads((folder / projects.ANSWERS).read_text())
    answers["files"]["README.md"] = projects.digest(older)
    (folder / projects.ANSWERS).write_text(json.dumps(answers))
    result = run("update", str(folder))
    assert result.exit_code == 0, result.output
    assert "  update     README.md" in result.output
    assert (folder / "README.md").read_bytes() == current


def test_update_can_change_a_parameter_and_keeps_files_it_no_longer_makes(run, tmp_path):
    folder = tmp_path / "p"
    run("new", STREAMING, str(folder), "--param", "transform=true")
    result = run("update", str(folder), "--param", "transform=false")
    assert result.exit_code == 0, result.output
    assert "  kept       lambda/transformer/index.py" in result.output
    assert (folder / "lambda/transformer/index.py").is_file()
    assert "Transformer" not in (folder / "p/p_stack.py").read_text()
    answers = json.loads((folder / projects.ANSWERS).read_text())
    assert answers["parameters"]["transform"] is False


def test_update_needs_the_answers_file(run, tmp_path):
    result = run("update", str(tmp_path))
    assert result.exit_code == 2 and "no .archgen.json" in result.stderr


def test_a_broken_answers_file_is_a_one_line_error(run, tmp_path):
    (tmp_path / projects.ANSWERS).write_text("{not json")
    result = run("update", str(tmp_path))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert ".archgen.json: cannot read the answers file" in result.stderr


def test_answers_naming_a_parameter_the_pattern_lost_is_a_clear_error(run, tmp_path):
    folder = tmp_path / "p"
    run("new", STREAMING, str(folder))
    answers = json.loads((folder / projects.ANSWERS).read_text())
    answers["parameters"]["transfrom"] = True
    (folder / projects.ANSWERS).write_text(json.dumps(answers))
    result = run("update", str(folder))
    assert result.exit_code == 2
    assert (
        "parameters.transfrom: pattern" in result.stderr
        and "did you mean 'transform'" in result.stderr
    )


def test_new_refuses_a_folder_holding_a_project_of_another_pattern(run, tmp_path):
    folder = tmp_path / "p"
    run("new", STREAMING, str(folder))
    answers = json.loads((folder / projects.ANSWERS).read_text())
    (folder / projects.ANSWERS).write_text(json.dumps({**answers, "pattern": "other-pattern"}))
    before = files_of(folder)
    result = run("new", STREAMING, str(folder))
    assert result.exit_code == 2 and "holds a project of pattern 'other-pattern'" in result.stderr
    assert files_of(folder) == before


def test_a_file_where_the_folder_should_be_is_refused(run, tmp_path):
    (tmp_path / "p").write_text("x")
    result = run("new", STREAMING, str(tmp_path / "p"))
    assert result.exit_code == 2 and "is not a folder" in result.stderr


def test_classify_names_every_case(tmp_path):
    (tmp_path / "same").write_bytes(b"a")
    (tmp_path / "ours").write_bytes(b"old")
    (tmp_path / "theirs").write_bytes(b"edited")
    (tmp_path / "folder").mkdir()
    (tmp_path / "lambda").write_bytes(b"a file where a folder belongs")
    files = {
        "new": b"n",
        "sub/new": b"n",
        "same": b"a",
        "ours": b"x",
        "theirs": b"x",
        "folder": b"x",
        "lambda/index.py": b"x",
    }
    recorded = {"ours": projects.digest(b"old"), "theirs": projects.digest(b"original")}
    statuses = {s.path: s.status for s in projects.classify(tmp_path, files, recorded)}
    assert statuses == {
        "new": "new",
        "sub/new": "new",
        "same": "identical",
        "ours": "update",
        "theirs": "conflict",
        "folder": "conflict",
        "lambda/index.py": "conflict",
    }
