"""Secure-default patterns mean the same to archgen's matcher and to aws_cdk.assertions."""

from __future__ import annotations

from generator.kinds.base import ANY, ArrayWith
from generator.secure import assertion_source, matches

TLS_ONLY = {
    "PolicyDocument": {
        "Statement": ArrayWith(({"Effect": "Deny", "Condition": {"Bool": {"x": "false"}}},))
    }
}


def test_dicts_match_as_a_deep_subset_and_any_needs_a_value():
    assert matches({"A": {"B": True}}, {"A": {"B": True, "C": 1}, "D": 2})
    assert not matches({"A": {"B": True}}, {"A": {"B": False}})
    assert matches({"A": ANY}, {"A": 0})
    assert not matches({"A": ANY}, {"B": 1})


def test_array_with_finds_a_matching_item_anywhere():
    policy = {
        "PolicyDocument": {
            "Statement": [
                {"Effect": "Allow"},
                {"Effect": "Deny", "Condition": {"Bool": {"x": "false"}}, "Action": "s3:*"},
            ]
        }
    }
    assert matches(TLS_ONLY, policy)
    policy["PolicyDocument"]["Statement"].pop()
    assert not matches(TLS_ONLY, policy)


def test_lists_match_exactly():
    assert matches([{"A": 1}], [{"A": 1, "B": 2}])
    assert not matches([{"A": 1}], [{"A": 1}, {"A": 2}])


def test_patterns_render_as_cdk_assertions():
    assert assertion_source({"A": ANY, "B": True}) == "{'A': Match.any_value(), 'B': True}"
    assert assertion_source(TLS_ONLY).startswith(
        "{'PolicyDocument': {'Statement': Match.array_with([Match.object_like({'Effect': 'Deny'"
    )
