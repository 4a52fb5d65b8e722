"""Each component kind and connector, alone: one small fixture pattern per kind.

tests/fixtures/kinds/<kind with dots as dashes>.yaml uses the kind with only
the neighbours its slots need; it must synthesize, lint clean and produce the
resource types the kind declares. Adding a kind means adding its fixture.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from shared_synth import shared_folder, synth_and_lint_shared

from generator import TEMPLATES_DIR
from generator.checks import run_checks
from generator.connectors import all_connectors
from generator.inventory import missing_resource_types
from generator.kinds import all_kinds
from generator.loader import load
from generator.render.code import generate
from generator.synth import SynthInput

KIND_FIXTURES = Path(__file__).parent / "fixtures" / "kinds"
FIXTURE_FILES = sorted(KIND_FIXTURES.glob("*.yaml"))


def fixture_name(kind_name: str) -> str:
    return kind_name.replace(".", "-").replace("_", "-")


@pytest.fixture(scope="module")
def fixture_templates(tmp_path_factory) -> dict[str, tuple]:
    """Each kind fixture's resolved pattern, synth result and cfn-lint findings, by id
    (synth and cfn-lint once per test run, shared by the xdist workers)."""
    root = tmp_path_factory.mktemp("kinds")
    items = {}
    for path in FIXTURE_FILES:
        resolved = load(path).resolve()
        code_dir = root / resolved.id
        for name, text in generate(resolved).files.items():
            (code_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (code_dir / name).write_text(text)
        items[resolved.id] = SynthInput(resolved, code_dir)
    shared = synth_and_lint_shared(shared_folder(tmp_path_factory, "kinds"), items)
    return {key: (item.resolved, *shared[key]) for key, item in items.items()}


@pytest.mark.parametrize("kind_name", sorted(all_kinds()))
def test_every_kind_has_a_fixture_that_uses_it(kind_name):
    path = KIND_FIXTURES / f"{fixture_name(kind_name)}.yaml"
    assert path.is_file(), f"add {path.relative_to(Path.cwd())} for kind {kind_name}"
    assert kind_name in {c.kind for c in load(path).file.components}


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.stem for p in FIXTURE_FILES])
def test_kind_fixture_passes_every_check_with_declared_types(path, fixture_templates):
    resolved, result, lint = fixture_templates[path.stem]
    assert [str(f) for f in run_checks(resolved, result, lint)] == []
    assert missing_resource_types(resolved, result.template) == {}


@pytest.mark.parametrize("kind_name", sorted(all_kinds()))
def test_kind_declares_an_icon_template_and_resource_types(kind_name):
    kind = all_kinds()[kind_name]
    module = importlib.import_module(kind.icon.module)
    assert hasattr(module, kind.icon.name), f"{kind.icon.module}.{kind.icon.name} not in diagrams"
    if kind.is_external():
        assert kind.template is None and kind.resource_types == ()
    else:
        assert (TEMPLATES_DIR / kind.template).is_file()
        # An opt-in account singleton (a GuardDuty detector) makes its resource only when a
        # prop says so, so it declares it among the supporting types, which may be absent.
        assert kind.resource_types or kind.supporting_types, (
            "a deployed kind declares the resource types it makes"
        )


@pytest.mark.parametrize("pair", sorted(all_connectors()), ids="->".join)
def test_connector_names_existing_kinds_templates_and_slots(pair):
    connector = all_connectors()[pair]
    assert connector.source in all_kinds() and connector.target in all_kinds()
    for template in (connector.expression, connector.wiring):
        if template:
            assert (TEMPLATES_DIR / template).is_file(), template
    if connector.fills:
        side, slot = connector.fills
        owner = all_kinds()[connector.source if side == "source" else connector.target]
        assert slot in owner.slots, f"{owner.name} has no slot {slot}"
    # An end that may deploy nothing: an external actor, or a kind that makes its resources
    # only when a prop says so (an account singleton the stack may use instead of create).
    may_be_absent = any(
        all_kinds()[k].is_external() or not all_kinds()[k].resource_types for k in pair
    )
    assert (connector.evidence == "none") == may_be_absent, (
        "only flows with an end that may deploy nothing have no evidence"
    )


@pytest.mark.parametrize("kind_name", sorted(all_kinds()))
def test_kind_template_assigns_every_export(kind_name):
    """Each declared export is an attribute of the component's class, whatever the props."""
    kind = all_kinds()[kind_name]
    if kind.template is None:
        assert kind.exports == {}
        return
    text = (TEMPLATES_DIR / kind.template).read_text()
    for name in kind.exports:
        assert f"self.{name} = " in text, f"{kind.template} never sets self.{name}"


@pytest.mark.parametrize("kind_name", sorted(all_kinds()))
def test_kind_and_app_templates_never_read_the_pattern_flows(kind_name):
    """Kinds learn about neighbours only through slots and references (the kind contract)."""
    kind = all_kinds()[kind_name]
    texts = [TEMPLATES_DIR / t for t in [kind.template] if t]
    texts += sorted((TEMPLATES_DIR / "app" / kind.module_name()).glob("*.j2"))
    for path in texts:
        text = path.read_text()
        for forbidden in ("flows_from", "app_folders", "r.flows", "r.components", "outgoing"):
            assert forbidden not in text, f"{path.name} uses {forbidden}"


def test_every_connector_is_exercised_by_a_kind_fixture():
    declared = set(all_connectors())
    used = set()
    for path in FIXTURE_FILES:
        spec = load(path).file
        kinds = {c.id: c.kind for c in spec.components}
        used |= {(kinds[f.source], kinds[f.target]) for f in spec.flows}
    assert sorted(declared - used) == []


def test_a_function_that_reads_an_sse_kms_bucket_may_decrypt_with_its_key(fixture_templates):
    """The fixture's bucket encrypts with its own key: the function reading it may decrypt
    with that key, and use no other KMS action and no other key."""
    from iam_policies import roles_trusting, statements

    _, result, _ = fixture_templates["cloudfront-distribution"]
    (role,) = roles_trusting(result.template, "lambda.amazonaws.com")
    kms = [st for st in statements(result.template) if role in st.roles and "kms:" in st.actions[0]]
    assert [sorted(st.actions) for st in kms] == [["kms:Decrypt"]]
    defaults = [
        rule["ServerSideEncryptionByDefault"]
        for r in result.template["Resources"].values()
        if r["Type"] == "AWS::S3::Bucket"
        for rule in r["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    ]
    (key,) = [d["KMSMasterKeyID"]["Fn::GetAtt"][0] for d in defaults if "KMSMasterKeyID" in d]
    assert list(kms[0].resources) == [f"<{key}.Arn>"]


def test_firehose_uses_an_sse_kms_bucket_key_only_through_s3_for_that_bucket(fixture_templates):
    """The fixture's bucket encrypts with its own key: the delivery role may use it, with the
    conditions Firehose documents, and no other KMS action."""
    from iam_policies import roles_trusting, statements

    _, result, _ = fixture_templates["kinesis-firehose"]
    (role,) = roles_trusting(result.template, "firehose.amazonaws.com")
    kms = [st for st in statements(result.template) if role in st.roles and "kms:" in st.actions[0]]
    assert [sorted(st.actions) for st in kms] == [["kms:Decrypt", "kms:GenerateDataKey"]]
    (st,) = kms
    assert st.resources[0].startswith("<Sink") and st.resources[0].endswith(".Arn>")
    assert set(st.conditions) == {"StringEquals", "StringLike"}
    assert "kms:ViaService" in st.conditions["StringEquals"]
    assert "kms:EncryptionContext:aws:s3:arn" in st.conditions["StringLike"]


def test_a_connector_ships_a_file_per_query_and_its_module_code_once():
    """Three Athena steps of one machine: one SQL file per query under sql/<machine>/, and the
    stack module defines the connector's helper once."""
    from generator import PATTERNS_DIR
    from generator.render.code import app_sources, generate_stack

    resolved = load(PATTERNS_DIR / "step-functions-athena-sequence.yaml").resolve()
    steps = [f for f in resolved.flows if f.connector.app_files]
    assert len(steps) == 3
    expected = {f"sql/{f.source.id}/{query}.sql" for f in steps for query in f.props.queries}
    shipped = {s.path: s for s in app_sources(resolved) if s.flow is not None}
    assert set(shipped) == expected
    assert all(s.runs_in == "athena.workgroup" for s in shipped.values())
    assert generate_stack(resolved).count("\ndef athena_query(") == 1


def test_a_federated_catalog_agrees_with_its_connector_only_through_its_dependency(
    fixture_templates,
):
    """The connector's function lives in a nested application with no outputs, so the
    catalog's DependsOn on it is the flow's only evidence: without it, AG2 reports the flow."""
    import copy

    from generator.agreement import check

    resolved, result, _ = fixture_templates["athena-data-catalog"]
    assert check(resolved, result.template) == []
    template = copy.deepcopy(result.template)
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Athena::DataCatalog":
            del resource["DependsOn"]
    findings = check(resolved, template)
    assert [(f.rule_id, f.resource) for f in findings] == [("AG2", "catalog->connector")]
    assert "no dependency" in findings[0].message


def test_memorydb_output_is_checked_by_e401_and_admits_only_the_function(fixture_templates):
    """E401 sees the kind's cluster and passes it (TLS on, its own ACL), and flags the same
    cluster once it has the open-access ACL; the function alone may connect, as its IAM user."""
    import copy

    from iam_policies import statements

    from generator.rules import run_rules

    _, result, _ = fixture_templates["memorydb-cluster"]
    template = result.template
    resources = template["Resources"]
    (cluster_id,) = [k for k, r in resources.items() if r["Type"] == "AWS::MemoryDB::Cluster"]
    assert [f for f in run_rules(template) if f.rule_id == "E401"] == []
    opened = copy.deepcopy(template)
    opened["Resources"][cluster_id]["Properties"]["ACLName"] = "open-access"
    assert [f.resource for f in run_rules(opened) if f.rule_id == "E401"] == [cluster_id]

    ingress = [
        r["Properties"] for r in resources.values() if r["Type"] == "AWS::EC2::SecurityGroupIngress"
    ]
    assert [(i["FromPort"], i["ToPort"]) for i in ingress] == [(6379, 6379)]
    assert ingress[0]["SourceSecurityGroupId"]["Fn::GetAtt"][0].startswith("RankingSecurityGroup")
    connect = [st for st in statements(template) if "memorydb:Connect" in st.actions]
    (st,) = connect
    assert list(st.actions) == ["memorydb:Connect"]
    assert sorted(r.split(".")[0] for r in st.resources) == sorted(
        f"<{k}"
        for k, r in resources.items()
        if r["Type"] in ("AWS::MemoryDB::Cluster", "AWS::MemoryDB::User")
    )


def test_pip_install_bundles_the_handler_with_its_requirements_for_lambda(tmp_path):
    """The stack module's local bundler, run as CDK runs it: the asset folder gets the
    handler, requirements.txt and the Redis client pip installed for arm64 Lambda, and a
    second bundle comes from its cache (pip is not run again)."""
    import aws_cdk as cdk
    from aws_cdk import aws_lambda as lambda_

    from generator.render.code import generate_stack

    resolved = load(KIND_FIXTURES / "memorydb-cluster.yaml").resolve()
    stack = generate_stack(resolved)
    # The module's imports and module code: everything before the first component's class.
    namespace: dict = {"__file__": str(tmp_path / "stack.py")}
    exec(compile(stack.split("\nclass Network(")[0], "stack", "exec"), namespace)
    source = tmp_path / "src"
    source.mkdir()
    (source / "index.py").write_text("def handler(event, context):\n    return event\n")
    (source / "requirements.txt").write_text("redis==7.1.0\n")
    bundler = namespace["PipInstall"](
        source, lambda_.Runtime.PYTHON_3_14, lambda_.Architecture.ARM_64
    )
    # Every glibc the runtime (Amazon Linux 2023, glibc 2.34) can run, newest first: pip
    # matches --platform tags exactly, and Pillow ships manylinux_2_28 wheels only.
    assert bundler.platforms[0] == "manylinux_2_34_aarch64"
    assert {"manylinux_2_28_aarch64", "manylinux2014_aarch64"} <= set(bundler.platforms)
    assert not any(tag.endswith("x86_64") for tag in bundler.platforms)
    assert bundler.python_version == "3.14"
    options = cdk.BundlingOptions(image=lambda_.Runtime.PYTHON_3_14.bundling_image)
    for attempt in ("first", "cached"):
        out = tmp_path / attempt
        out.mkdir()
        assert bundler.try_bundle(str(out), options) is True
        assert (out / "index.py").read_text() == (source / "index.py").read_text()
        assert (out / "requirements.txt").is_file()
        assert (out / "redis" / "__init__.py").is_file()
        assert list(out.glob("redis-7.1.0.dist-info")), "the pinned version"
        assert list(out.rglob("*.pyc")) == []
