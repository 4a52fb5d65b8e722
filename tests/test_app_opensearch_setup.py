"""The search pattern's application code: the index template, the ISM policy, and the
function that applies them (and the writers' role mappings) as a custom resource.

The JSON is rendered as the pattern ships it and checked for what OpenSearch needs of it
together (the template's rollover alias is the policy's, both match the rollover indices).
The handler runs here as Lambda would run it, against a local HTTP server standing in for
the domain's REST API, which checks each request's Signature Version 4 with botocore's own
signer, and for CloudFormation's pre-signed response URL. No AWS account is involved.
"""

from __future__ import annotations

import http.server
import importlib.util
import json
import threading
from functools import cache
from urllib.parse import urlsplit

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from generator.loader import load_all
from generator.render.code import app_files

PATTERN = "search-analytics-opensearch"
REGION = "eu-west-1"
CREDENTIALS = Credentials("AKIDMASTER", "master-secret", "master-session-token")
WRITER_ARN = "arn:aws:iam::123456789012:role/firehose-delivery"


@cache
def pattern():
    return next(p for p in load_all() if p.id == PATTERN)


def shipped(**values) -> dict[str, str]:
    return app_files(pattern().resolve(values))


def setup_files(files: dict[str, str]) -> dict[str, str]:
    """The function's folder: its handler and the JSON it applies, by file name."""
    (handler_path,) = [p for p in files if p.endswith("/index.py")]
    folder = handler_path.rsplit("/", 1)[0]
    return {p.rsplit("/", 1)[1]: text for p, text in files.items() if p.startswith(folder + "/")}


@pytest.fixture(scope="module")
def handler_module(tmp_path_factory):
    """The handler as the pattern ships it, beside its JSON, imported as Lambda would."""
    folder = tmp_path_factory.mktemp("setup")
    for name, text in setup_files(shipped()).items():
        (folder / name).write_text(text)
    spec = importlib.util.spec_from_file_location("opensearch_setup_index", folder / "index.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_function_ships_its_policy_and_template_beside_it():
    assert sorted(setup_files(shipped())) == ["index.py", "index_template.json", "ism_policy.json"]


@pytest.mark.parametrize("days", [1, 7, 365])
def test_the_policy_deletes_each_index_the_chosen_days_after_its_rollover(days):
    policy = json.loads(setup_files(shipped(delete_after_days=days))["ism_policy.json"])["policy"]
    states = {state["name"]: state for state in policy["states"]}
    hot = states[policy["default_state"]]
    (rollover,) = [action["rollover"] for action in hot["actions"] if "rollover" in action]
    assert rollover["min_index_age"] == "1d" and rollover["min_primary_shard_size"] == "30gb"
    (transition,) = hot["transitions"]
    assert transition["conditions"] == {"min_rollover_age": f"{days}d"}
    final = states[transition["state_name"]]
    assert final["actions"] == [{"delete": {}}] and final["transitions"] == []


def test_template_and_policy_agree_on_the_alias_and_its_indices():
    files = setup_files(shipped())
    policy = json.loads(files["ism_policy.json"])["policy"]
    template = json.loads(files["index_template.json"])
    settings = template["template"]["settings"]
    alias = settings["plugins.index_state_management.rollover_alias"]
    assert alias == "interactions"
    assert template["index_patterns"] == [f"{alias}-*"]
    assert policy["ism_template"][0]["index_patterns"] == [f"{alias}-*"]
    # One replica: with zone awareness it lives in the other AZ.
    assert settings["index.number_of_replicas"] == 1


def test_the_mapping_is_strict_and_maps_what_the_site_sends():
    template = json.loads(setup_files(shipped())["index_template.json"])
    mappings = template["template"]["mappings"]
    assert mappings["dynamic"] == "strict"
    fields = mappings["properties"]
    assert fields["occurred_at"]["type"] == "date"
    assert (
        fields["query"]["type"] == "text" and fields["query"]["fields"]["raw"]["type"] == "keyword"
    )


class FakeDomain(http.server.BaseHTTPRequestHandler):
    """The domain's REST API: answers from `routes`, records each request, checks signatures."""

    routes: dict[tuple[str, str], tuple[int, object]] = {}
    received: list[dict] = []
    responses: list[dict] = []

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path
        if path == "/response":
            FakeDomain.responses.append(json.loads(body))
            self.send_response(200)
            self.end_headers()
            return
        FakeDomain.received.append(
            {
                "method": self.command,
                "path": path,
                "body": json.loads(body) if body else None,
                "signed": signature_checks(
                    self.command, self.server.server_port, path, body, self.headers
                ),
            }
        )
        status, answer = FakeDomain.routes.get((self.command, urlsplit(path).path), (200, {}))
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_PATCH = do_DELETE = _handle

    def log_message(self, *args):
        pass


def signature_checks(method, port, path, body, headers) -> bool:
    """Whether the request carries the master role's session token and a SigV4 signature
    for the es service that botocore computes the same from what arrived."""
    if headers.get("X-Amz-Security-Token") != CREDENTIALS.token:
        return False
    names = {"X-Amz-Date", "X-Amz-Security-Token", "Content-Type"}
    kept = {name: value for name, value in headers.items() if name in names}
    request = AWSRequest(
        method=method, url=f"http://127.0.0.1:{port}{path}", data=body or None, headers=kept
    )
    request.context["timestamp"] = headers["X-Amz-Date"]
    signer = SigV4Auth(CREDENTIALS, "es", REGION)
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    authorization = headers.get("Authorization", "")
    return (
        authorization.startswith(f"AWS4-HMAC-SHA256 Credential={CREDENTIALS.access_key}/")
        and f"/{REGION}/es/aws4_request" in authorization
        and authorization.endswith(f"Signature={expected}")
    )


@pytest.fixture
def server():
    FakeDomain.routes, FakeDomain.received, FakeDomain.responses = {}, [], []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), FakeDomain)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd.server_port
    httpd.shutdown()


def event(port: int, request_type: str, resource_type: str, **props) -> dict:
    return {
        "RequestType": request_type,
        "ResourceType": resource_type,
        "ResponseURL": f"http://127.0.0.1:{port}/response",
        "StackId": "arn:aws:cloudformation:eu-west-1:123456789012:stack/s/1",
        "RequestId": "r-1",
        "LogicalResourceId": "SearchIndexSetup",
        "ResourceProperties": {
            "Endpoint": "vpc-search-abc.eu-west-1.es.amazonaws.com",
            "MasterRoleArn": "arn:aws:iam::123456789012:role/master",
            "Index": "interactions",
            **props,
        },
    }


def run(module, port, evt):
    domain = module.Domain(f"127.0.0.1:{port}", CREDENTIALS, REGION, scheme="http")
    module.handler(evt, None, domain=domain)
    return [(r["method"], r["path"]) for r in FakeDomain.received]


POLICY = "/_plugins/_ism/policies/interactions-rollover-then-delete"


def test_create_applies_policy_template_first_index_and_audit_logging(handler_module, server):
    FakeDomain.routes = {("GET", POLICY): (404, {}), ("GET", "/_alias/interactions"): (404, {})}
    sent = run(handler_module, server, event(server, "Create", "Custom::OpenSearchIndexSetup"))
    assert sent == [
        ("GET", POLICY),
        ("PUT", POLICY),
        ("PUT", "/_index_template/interactions"),
        ("GET", "/_alias/interactions"),
        ("PUT", "/interactions-000001"),
        ("PATCH", "/_plugins/_security/api/audit"),
    ]
    bodies = [r["body"] for r in FakeDomain.received]
    policy, template = handler_module.definitions()
    assert bodies[1] == policy and bodies[2] == template
    assert bodies[4] == {"aliases": {"interactions": {"is_write_index": True}}}
    assert bodies[5] == [{"op": "replace", "path": "/config/enabled", "value": True}]
    assert all(r["signed"] for r in FakeDomain.received), "every request signed as the master"
    (response,) = FakeDomain.responses
    assert response["Status"] == "SUCCESS"
    assert response["PhysicalResourceId"].endswith("/index/interactions")


def test_update_replaces_the_policy_it_read_and_keeps_the_existing_alias(handler_module, server):
    FakeDomain.routes = {
        ("GET", POLICY): (200, {"_seq_no": 7, "_primary_term": 2, "policy": {}}),
        ("GET", "/_alias/interactions"): (200, {"interactions-000004": {}}),
    }
    evt = event(server, "Update", "Custom::OpenSearchIndexSetup")
    evt["PhysicalResourceId"] = "vpc-search-abc.eu-west-1.es.amazonaws.com/index/interactions"
    sent = run(handler_module, server, evt)
    assert ("PUT", f"{POLICY}?if_seq_no=7&if_primary_term=2") in sent
    assert not any(path.startswith("/interactions-") for _, path in sent)
    assert FakeDomain.responses[0]["Status"] == "SUCCESS"


def test_a_refused_template_fails_the_deploy_with_the_domains_reason(handler_module, server):
    FakeDomain.routes = {
        ("GET", POLICY): (404, {}),
        ("PUT", "/_index_template/interactions"): (400, {"error": "mapper_parsing_exception"}),
    }
    run(handler_module, server, event(server, "Create", "Custom::OpenSearchIndexSetup"))
    (response,) = FakeDomain.responses
    assert response["Status"] == "FAILED"
    assert "400" in response["Reason"] and "mapper_parsing_exception" in response["Reason"]


def writer_event(port, request_type):
    return event(
        port,
        request_type,
        "Custom::OpenSearchWriter",
        RoleName="interactions_writer_firehose",
        BackendRoleArn=WRITER_ARN,
    )


def test_a_writer_gets_a_role_on_the_index_only_and_its_iam_role_mapped(handler_module, server):
    sent = run(handler_module, server, writer_event(server, "Create"))
    assert sent == [
        ("PUT", "/_plugins/_security/api/roles/interactions_writer_firehose"),
        ("PUT", "/_plugins/_security/api/rolesmapping/interactions_writer_firehose"),
    ]
    role, mapping = (r["body"] for r in FakeDomain.received)
    (permission,) = role["index_permissions"]
    assert permission["index_patterns"] == ["interactions*"]
    assert "crud" in permission["allowed_actions"]
    assert mapping == {"backend_roles": [WRITER_ARN]}
    assert FakeDomain.responses[0]["PhysicalResourceId"].endswith(
        "/writer/interactions_writer_firehose"
    )


def test_deleting_a_writer_removes_its_mapping_then_its_role_even_if_gone(handler_module, server):
    FakeDomain.routes = {
        ("DELETE", "/_plugins/_security/api/roles/interactions_writer_firehose"): (404, {}),
    }
    sent = run(handler_module, server, writer_event(server, "Delete"))
    assert [method for method, _ in sent] == ["DELETE", "DELETE"]
    assert "rolesmapping" in sent[0][1] and "/roles/" in sent[1][1]
    assert FakeDomain.responses[0]["Status"] == "SUCCESS"


def test_a_delete_never_blocks_the_tear_down_when_the_domain_is_gone(
    handler_module, server, monkeypatch
):
    monkeypatch.setattr(handler_module, "WAIT_S", 0)
    monkeypatch.setattr(handler_module, "ATTEMPTS", 2)
    evt = writer_event(server, "Delete")
    domain = handler_module.Domain("127.0.0.1:9", CREDENTIALS, REGION, scheme="http")
    handler_module.handler(evt, None, domain=domain)
    (response,) = FakeDomain.responses
    assert response["Status"] == "SUCCESS" and "nothing removed" in response["Reason"]


def test_deleting_the_index_setup_leaves_the_indices_to_the_domain(handler_module, server):
    sent = run(handler_module, server, event(server, "Delete", "Custom::OpenSearchIndexSetup"))
    assert sent == []
    assert FakeDomain.responses[0]["Status"] == "SUCCESS"
