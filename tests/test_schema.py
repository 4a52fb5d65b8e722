"""patterns/schema.json matches the schema in code, and agrees with the loader."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator import PATTERNS_DIR
from generator.loader import pattern_files
from generator.model import json_schema

FIXTURES = Path(__file__).parent / "fixtures"


def test_exported_schema_is_up_to_date():
    exported = json.loads((PATTERNS_DIR / "schema.json").read_text())
    assert exported == json_schema(), "run `archgen schema` to export it again"


def test_exported_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("path", pattern_files(), ids=lambda p: p.stem)
def test_every_catalog_pattern_validates_against_the_schema(path):
    jsonschema.validate(yaml.safe_load(path.read_text()), json_schema())


@pytest.mark.parametrize(
    "name", ["unknown-field", "bad-category", "bad-id", "missing-teaching", "bad-source"]
)
def test_editors_see_the_same_structural_mistakes(name):
    data = yaml.safe_load((FIXTURES / "bad" / f"{name}.yaml").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())
