"""lakeformation.data_lake's own logic, in pure Python: which columns a row filter hides,
and the rules its props must keep (no synth: the kind fixture synthesizes it)."""

from __future__ import annotations

import pytest

from generator.kinds.lakeformation_data_lake import (
    LakeFormationDataLake,
    LakeFormationDataLakeProps,
)

COLUMNS = {"customer_id": "string", "email": "string", "phone": "string", "country": "string"}


def props(**given) -> LakeFormationDataLakeProps:
    return LakeFormationDataLakeProps(
        **{"grants": {"analysts": ["public"], "stewards": ["public", "pii"]}, **given}
    )


def test_the_filter_hides_the_columns_tagged_with_values_the_grantee_lacks():
    p = props(row_level_security=True, row_filter="opted_in = true", row_filter_for="analysts")
    assert p.hidden_columns(COLUMNS, {"email": "pii", "phone": "pii"}) == ["email", "phone"]


def test_a_grantee_of_every_value_has_nothing_hidden():
    p = props(row_level_security=True, row_filter="opted_in = true", row_filter_for="stewards")
    assert p.hidden_columns(COLUMNS, {"email": "pii"}) == []


def test_columns_inherit_the_default_value_when_the_grantee_lacks_it():
    p = props(
        grants={"auditors": ["pii"]},
        row_level_security=True,
        row_filter="opted_in = true",
        row_filter_for="auditors",
    )
    assert p.hidden_columns(COLUMNS, {"email": "pii"}) == ["country", "customer_id", "phone"]


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ({"default_value": "secret"}, "default_value 'secret' is not one of tag_values"),
        ({"grants": {"analysts": ["secret"]}}, "grants.analysts names ['secret']"),
        ({"row_level_security": True}, "row_level_security needs row_filter and row_filter_for"),
        (
            {"row_level_security": True, "row_filter": "a = 1", "row_filter_for": "nobody"},
            "row_filter_for 'nobody' is not a grantee",
        ),
    ],
)
def test_check_says_what_is_wrong(given, problem):
    assert problem in LakeFormationDataLake.check(props(**given), {"tables": 1})


def test_check_accepts_the_catalog_pattern_props():
    p = props(
        row_level_security=True, row_filter="marketing_opt_in = true", row_filter_for="analysts"
    )
    assert LakeFormationDataLake.check(p, {"tables": 1}) is None


def test_a_row_filter_with_quotes_is_refused():
    with pytest.raises(ValueError, match="row_filter"):
        props(row_filter="country = 'US'", row_filter_for="analysts")
