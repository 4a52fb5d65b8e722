"""The loader accepts good patterns and rejects bad ones with one precise line.

Each file in fixtures/bad/ is the good fixture with one mistake; its first line
says which message (file:line: field: what, expected, suggestion) it must get.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ArchgenError
from generator.loader import load

FIXTURES = Path(__file__).parent / "fixtures"
BAD = sorted((FIXTURES / "bad").glob("*.yaml"))


def expected_message(path: Path) -> str:
    first = path.read_bytes().decode("utf-8", "replace").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: '"
    return first.removeprefix("# expect: ")


def test_good_fixture_loads_and_resolves():
    pattern = load(FIXTURES / "good" / "minimal-lake.yaml")
    resolved = pattern.resolve()
    assert [c.id for c in resolved.components] == ["producers", "firehose", "raw"]
    assert [(f.number, f.source.id, f.target.id) for f in resolved.flows] == [
        (1, "producers", "firehose"),
        (2, "firehose", "raw"),
    ]


def test_when_switches_component_and_its_flows_on():
    resolved = load(FIXTURES / "good" / "minimal-lake.yaml").resolve({"transform": "true"})
    assert "transformer" in [c.id for c in resolved.components]
    assert [f.label for f in resolved.flows] == ["1. PutRecord", "2. transform", "3. delivery"]


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_fixture_gets_its_one_line_error(path):
    with pytest.raises(ArchgenError) as caught:
        load(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    assert expected_message(path) in message


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"transform": "perhaps"}, "bad value for parameter 'transform'"),
        ({"transfrom": "true"}, "unknown parameter 'transfrom'"),
    ],
)
def test_bad_parameter_values_are_rejected(given, expected):
    pattern = load(FIXTURES / "good" / "minimal-lake.yaml")
    with pytest.raises(ArchgenError, match=expected) as caught:
        pattern.resolve(given)
    if "transfrom" in given:
        assert "did you mean 'transform'?" in str(caught.value)


def test_a_cdc_migration_refuses_a_table_preparation_it_would_never_do():
    from generator import PATTERNS_DIR

    pattern = load(PATTERNS_DIR / "database-replication-dms.yaml")
    pattern.resolve({"migration_type": "cdc"})  # the default preparation is left out, not refused
    with pytest.raises(ArchgenError, match="TRUNCATE_BEFORE_LOAD has no effect on a cdc task"):
        pattern.resolve({"migration_type": "cdc", "target_table_prep": "TRUNCATE_BEFORE_LOAD"})
