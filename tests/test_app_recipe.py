"""The DataBrew recipe (mask_customer_pii), applied here to a small CSV in pure Python.

DataBrew runs a recipe's steps in the cloud; this file implements the four
operations the recipe uses, as the DataBrew recipe reference defines them, and
applies the recipe the catalog pattern ships to sample customers. That shows
what the recipe means (which column is hashed, masked, redacted, dropped),
not only that CloudFormation accepts it:
https://docs.aws.amazon.com/databrew/latest/dg/recipe-actions-reference.html

CRYPTOGRAPHIC_HASH with HMAC_SHA256 is modelled as HMAC-SHA256 with the secret as
its key, base64-encoded; DataBrew documents the algorithm, not the text encoding
of its output, so the tests check the properties that matter (same input and key,
same hash; another key, another hash; no plaintext left), not DataBrew's bytes.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import hmac
import io
import json
import re
from pathlib import Path

import pytest

from generator.loader import load
from generator.render.code import generate

PATTERN = Path(__file__).parent.parent / "patterns" / "databrew-pii-masking.yaml"
SAMPLE = """customer_id,full_name,email,phone,national_id,country
1,Ada Lovelace,ada@example.com,+44 20 7946 0958,QQ123456C,GB
2,Alan Turing,alan@example.com,020-7946-0011,QQ654321A,GB
3,Ada Lovelace,ada@example.com,,QQ123456C,GB
"""
# The parameters each operation takes, from its page of the DataBrew recipe reference
# (secretId is added by the stack, with the secret's ARN).
DOCUMENTED = {
    "CRYPTOGRAPHIC_HASH": {
        "sourceColumns",
        "secretId",
        "secretVersion",
        "algorithm",
        "entityTypeFilter",
        "createSecretIfMissing",
    },
    "MASK_CUSTOM": {"sourceColumns", "maskSymbol", "regex", "customValue", "entityTypeFilter"},
    "REPLACE_WITH_CUSTOM": {
        "sourceColumn",
        "sourceColumns",
        "columnDataType",
        "value",
        "advancedDataType",
    },
    "DELETE": {"sourceColumn"},
}


def recipe_steps() -> list[dict]:
    files = generate(load(PATTERN).resolve()).files
    (text,) = [text for name, text in files.items() if name.endswith("mask_customer_pii.json")]
    return json.loads(text)


def columns(parameters: dict) -> list[str]:
    if "sourceColumns" in parameters:
        return json.loads(parameters["sourceColumns"])
    return [parameters["sourceColumn"]]


def apply_step(rows: list[dict], step: dict, secret: bytes) -> list[dict]:
    """One recipe step on every row, as the DataBrew recipe reference defines the operation."""
    operation, parameters = step["Action"]["Operation"], step["Action"].get("Parameters", {})
    out = []
    for row in rows:
        row = dict(row)
        for column in columns(parameters):
            value = row[column]
            if operation == "CRYPTOGRAPHIC_HASH":
                assert parameters.get("algorithm", "HMAC_SHA256") == "HMAC_SHA256"
                digest = hmac.new(secret, value.encode(), hashlib.sha256).digest()
                row[column] = base64.b64encode(digest).decode()
            elif operation == "MASK_CUSTOM":
                pattern = parameters["customValue"]
                if parameters.get("regex") != "true":
                    pattern = re.escape(pattern)
                symbol = parameters["maskSymbol"]
                row[column] = re.sub(
                    pattern, lambda m, symbol=symbol: symbol * len(m.group()), value
                )
            elif operation == "REPLACE_WITH_CUSTOM":
                row[column] = parameters["value"]
            elif operation == "DELETE":
                del row[column]
            else:
                raise AssertionError(f"no local implementation of {operation}")
        out.append(row)
    return out


def apply_recipe(text: str, steps: list[dict], secret: bytes) -> list[dict]:
    rows = list(csv.DictReader(io.StringIO(text)))
    for step in steps:
        rows = apply_step(rows, step, secret)
    return rows


@pytest.fixture(scope="module")
def steps() -> list[dict]:
    return recipe_steps()


def test_each_step_is_a_documented_operation_with_documented_parameters(steps):
    for step in steps:
        operation = step["Action"]["Operation"]
        assert operation in DOCUMENTED, operation
        assert set(step["Action"].get("Parameters", {})) <= DOCUMENTED[operation], operation


def test_the_national_id_is_dropped_and_the_other_columns_kept(steps):
    rows = apply_recipe(SAMPLE, steps, b"key")
    assert list(rows[0]) == ["customer_id", "full_name", "email", "phone", "country"]
    assert [row["customer_id"] for row in rows] == ["1", "2", "3"]
    assert all(row["country"] == "GB" for row in rows)


def test_the_name_is_redacted(steps):
    rows = apply_recipe(SAMPLE, steps, b"key")
    assert {row["full_name"] for row in rows} == {"REDACTED"}


def test_the_phone_keeps_its_last_four_digits_only(steps):
    rows = apply_recipe(SAMPLE, steps, b"key")
    assert rows[0]["phone"] == "+## ## #### 0958"
    assert rows[1]["phone"] == "###-####-0011"
    assert rows[2]["phone"] == ""


def test_the_email_is_a_keyed_hash_that_still_joins(steps):
    rows = apply_recipe(SAMPLE, steps, b"key")
    assert all("@" not in row["email"] for row in rows)
    assert rows[0]["email"] == rows[2]["email"] != rows[1]["email"]
    other = apply_recipe(SAMPLE, steps, b"another key")
    assert other[0]["email"] != rows[0]["email"]


def test_the_stack_gives_the_hash_step_its_secret(tmp_path):
    """The stack module adds secretId (the secret's ARN) to every hash step at synth."""
    files = generate(load(PATTERN).resolve()).files
    (stack,) = [text for name, text in files.items() if name.endswith("_stack.py")]
    assert '["secretId"] = self.secret.secret_arn' in stack
