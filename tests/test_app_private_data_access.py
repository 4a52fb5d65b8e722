"""The private-vpc-data-access pattern's function and network ACL, without an AWS account.

The handler is the one the pattern ships (rendered from its template), run with
botocore's Stubber: it writes one object under the prefix its environment names and
one item, and fails loudly when the flows did not give it its names. The network ACL's
entries in the synthesized template are the kind's RULES, and the page lists each one.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import UTC, datetime

import boto3
import pytest
from botocore.stub import ANY, Stubber

from generator.kinds.ec2_network_acl import RULES
from generator.loader import load_all
from generator.render.code import app_files

PATTERN = "private-vpc-data-access"
ENVIRON = {
    "REPORTS_BUCKET": "reports-bucket",
    "REPORTS_PREFIX": "reports/",
    "EVENTS_TABLE": "events",
}


@pytest.fixture(scope="module")
def handler_module(tmp_path_factory):
    pattern = next(p for p in load_all() if p.id == PATTERN)
    files = app_files(pattern.resolve())
    (path,) = [p for p in files if p.endswith("lambda/app/index.py")]
    module_file = tmp_path_factory.mktemp("app") / "index.py"
    module_file.write_text(files[path])
    spec = importlib.util.spec_from_file_location("private_app_index", module_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Context:
    aws_request_id = "req-1"


def test_record_keys_the_object_by_day_under_the_prefix(handler_module):
    when = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    item, key, body = handler_module.record({"b": 2, "a": 1}, when, "req-1", "reports/")
    assert key == "reports/2026/03/04/req-1.json"
    assert json.loads(body) == {"a": 1, "b": 2}
    assert item["pk"] == {"S": "req-1"} and item["object_key"] == {"S": key}


def test_a_value_that_is_not_an_object_is_wrapped(handler_module):
    _, _, body = handler_module.record([1, 2], datetime.now(UTC), "r", "reports/")
    assert json.loads(body) == {"value": [1, 2]}


def test_handler_puts_the_object_then_the_item(handler_module):
    s3 = boto3.client("s3", region_name="eu-west-1")
    dynamodb = boto3.client("dynamodb", region_name="eu-west-1")
    with Stubber(s3) as s3_stub, Stubber(dynamodb) as ddb_stub:
        s3_stub.add_response(
            "put_object",
            {},
            {
                "Bucket": "reports-bucket",
                "Key": ANY,
                "Body": ANY,
                "ContentType": "application/json",
            },
        )
        ddb_stub.add_response("put_item", {}, {"TableName": "events", "Item": ANY})
        out = handler_module.handler({"x": 1}, Context(), ENVIRON, dynamodb=dynamodb, s3=s3)
        s3_stub.assert_no_pending_responses()
        ddb_stub.assert_no_pending_responses()
    assert out["object_key"].startswith("reports/") and out["object_key"].endswith("/req-1.json")


def test_missing_or_ambiguous_names_fail_with_the_suffix(handler_module):
    with pytest.raises(RuntimeError, match="_TABLE, found 0"):
        handler_module.named({"REPORTS_BUCKET": "b"}, "_TABLE")
    with pytest.raises(RuntimeError, match="_BUCKET, found 2"):
        handler_module.named({"A_BUCKET": "a", "B_BUCKET": "b"}, "_BUCKET")


def test_the_interface_endpoint_url_goes_to_the_dynamodb_client_only(handler_module, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    url = "https://vpce-1.dynamodb.eu-west-1.vpce.amazonaws.com"
    dynamodb, s3 = handler_module.clients({**ENVIRON, "DYNAMODB_ENDPOINT_URL": url})
    assert dynamodb.meta.endpoint_url == url
    assert "vpce" not in s3.meta.endpoint_url
    dynamodb, _ = handler_module.clients(ENVIRON)
    assert dynamodb.meta.endpoint_url == "https://dynamodb.eu-west-1.amazonaws.com"


def _entries(template: dict) -> set[tuple]:
    found = set()
    for resource in template["Resources"].values():
        if resource["Type"] != "AWS::EC2::NetworkAclEntry":
            continue
        props = resource["Properties"]
        peer = "anywhere" if props["CidrBlock"] == "0.0.0.0/0" else "vpc"
        ports = (props["PortRange"]["From"], props["PortRange"]["To"])
        direction = "outbound" if props.get("Egress") else "inbound"
        found.add(
            (props["RuleNumber"], direction, props["RuleAction"], ports, peer, props["Protocol"])
        )
    return found


def test_the_network_acl_variant_has_exactly_the_kinds_rules(synthesized):
    # The variant with the network ACL and the defaults otherwise.
    (key,) = [
        k for k in synthesized if k == f"{PATTERN}[subnet_filtering=security-groups-and-nacl]"
    ]
    expected = {(r.number, r.direction, r.action, r.ports, r.peer, 6) for r in RULES}
    assert _entries(synthesized[key].template) == expected
    # Deny rules inside an allowed range come before it, or they would never match.
    for deny in (r for r in RULES if r.action == "deny"):
        wider = [
            r
            for r in RULES
            if r.action == "allow"
            and r.direction == deny.direction
            and r.ports[0] <= deny.ports[0]
            and deny.ports[1] <= r.ports[1]
        ]
        assert all(deny.number < r.number for r in wider)


def test_the_page_lists_every_rule_of_the_network_acl():
    pattern = next(p for p in load_all() if p.id == PATTERN)
    text = " ".join(" ".join(f.fact.split()) for f in pattern.file.teaching.key_facts)
    for r in RULES:
        peer = "0.0.0.0/0" if r.peer == "anywhere" else "the VPC CIDR"
        word = "from" if r.direction == "inbound" else "to"
        assert f"{r.direction} {r.number} {r.action} TCP {r.port_text} {word} {peer}" in text
