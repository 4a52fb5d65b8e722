"""The function that creates an Aurora cluster's database logins (a custom resource).

It runs here as Lambda would run it, with botocore's Stubber answering the RDS Data API
and Secrets Manager, and a local HTTP server standing in for CloudFormation's pre-signed
response URL. Every statement it sends parses with libpg_query (pglast), PostgreSQL's own
parser. The SCRAM-SHA-256 verifier is checked against the exchange in RFC 7677's example.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.server
import importlib.util
import json
import re
import threading

import boto3
import pglast
import pytest
from botocore.stub import ANY, Stubber

from generator.loader import load_all
from generator.render.code import app_files

CLUSTER = "arn:aws:rds:eu-west-1:123456789012:cluster:aurora-abc"
ADMIN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:admin-abc"
LOGIN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:login-abc"
PROPS = {
    "ClusterArn": CLUSTER,
    "AdminSecretArn": ADMIN,
    "LoginSecretArn": LOGIN,
    "Database": "migrated",
}
SECRET = {"username": "dms_user", "password": "correct horse battery", "host": "h", "port": 5432}


@pytest.fixture(scope="module")
def handler_module(tmp_path_factory):
    """The handler as the DMS pattern ships it."""
    pattern = next(p for p in load_all() if p.id == "database-replication-dms")
    files = app_files(pattern.resolve())
    (path,) = [p for p in files if p.endswith("_logins/index.py")]
    module_file = tmp_path_factory.mktemp("logins") / "index.py"
    module_file.write_text(files[path])
    spec = importlib.util.spec_from_file_location("logins_index", module_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CloudFormation(http.server.BaseHTTPRequestHandler):
    """Receives the function's PUT to the response URL."""

    received: list[dict] = []

    def do_PUT(self):
        length = int(self.headers["Content-Length"])
        CloudFormation.received.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def response_url():
    CloudFormation.received = []
    server = http.server.HTTPServer(("127.0.0.1", 0), CloudFormation)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/response"
    server.shutdown()


def event(kind: str, url: str, **extra) -> dict:
    return {
        "RequestType": kind,
        "ResponseURL": url,
        "StackId": "arn:aws:cloudformation:eu-west-1:123456789012:stack/s/1",
        "RequestId": "r-1",
        "LogicalResourceId": "AuroraDmsUserUser",
        "ResourceProperties": PROPS,
        **extra,
    }


def clients():
    rds_data = boto3.client("rds-data", region_name="eu-west-1")
    secrets = boto3.client("secretsmanager", region_name="eu-west-1")
    secrets_stub = Stubber(secrets)
    secrets_stub.add_response(
        "get_secret_value",
        {"SecretString": json.dumps(SECRET), "ARN": LOGIN, "Name": "login"},
        {"SecretId": LOGIN},
    )
    return rds_data, Stubber(rds_data), secrets, secrets_stub


def expect_sql(stub: Stubber, sql_pattern: str, records=None, error: str | None = None):
    """One ExecuteStatement call, as the admin, on the database, whose SQL matches."""

    class Matches:
        def __eq__(self, other):
            return re.fullmatch(sql_pattern, other) is not None

        def __repr__(self):
            return sql_pattern

    params = {
        "sql": Matches(),
        "parameters": ANY,
        "resourceArn": CLUSTER,
        "secretArn": ADMIN,
        "database": "migrated",
    }
    if error:
        stub.add_client_error("execute_statement", error, expected_params=params)
    else:
        stub.add_response("execute_statement", {"records": records or []}, params)


def with_parameters(params: dict) -> str:
    """The statement as PostgreSQL runs it: each :name replaced by its value, quoted."""
    values = {p["name"]: p["value"]["stringValue"] for p in params.get("parameters", [])}
    if not values:
        return params["sql"]
    names = "|".join(map(re.escape, values))
    return re.sub(
        rf":({names})\b", lambda m: "'" + values[m[1]].replace("'", "''") + "'", params["sql"]
    )


def run(module, evt, rds_data, secrets) -> list[str]:
    """Call the handler; the statements it sent."""
    sent = []
    rds_data.meta.events.register(
        "provide-client-params.rds-data.ExecuteStatement",
        lambda params, **_: sent.append(with_parameters(params)),
    )
    module.handler(evt, None, database=module.Database(PROPS, rds_data), secrets_manager=secrets)
    return sent


def test_create_makes_the_user_with_a_scram_password_and_database_grants(
    handler_module, response_url
):
    rds_data, rds_stub, secrets, secrets_stub = clients()
    expect_sql(rds_stub, r"SELECT 1 FROM pg_roles WHERE rolname = :username")
    expect_sql(
        rds_stub, r'CREATE ROLE "dms_user" WITH LOGIN PASSWORD \'SCRAM-SHA-256\$4096:[^\']+\''
    )
    expect_sql(rds_stub, r'GRANT CONNECT, CREATE ON DATABASE "migrated" TO "dms_user"')
    with rds_stub, secrets_stub:
        sent = run(handler_module, event("Create", response_url), rds_data, secrets)
    rds_stub.assert_no_pending_responses()
    assert CloudFormation.received[0]["Status"] == "SUCCESS"
    assert CloudFormation.received[0]["PhysicalResourceId"] == "login:dms_user"
    assert all(SECRET["password"] not in sql for sql in sent), "the password itself is never sent"
    for sql in sent:
        pglast.parse_sql(sql)


def test_update_of_an_existing_user_sets_its_password_again(handler_module, response_url):
    rds_data, rds_stub, secrets, secrets_stub = clients()
    expect_sql(
        rds_stub, r"SELECT 1 FROM pg_roles WHERE rolname = :username", records=[[{"longValue": 1}]]
    )
    expect_sql(
        rds_stub, r'ALTER ROLE "dms_user" WITH LOGIN PASSWORD \'SCRAM-SHA-256\$4096:[^\']+\''
    )
    expect_sql(rds_stub, r'GRANT CONNECT, CREATE ON DATABASE "migrated" TO "dms_user"')
    evt = event(
        "Update", response_url, PhysicalResourceId="login:dms_user", OldResourceProperties=PROPS
    )
    with rds_stub, secrets_stub:
        sent = run(handler_module, evt, rds_data, secrets)
    assert CloudFormation.received[0]["Status"] == "SUCCESS"
    for sql in sent:
        pglast.parse_sql(sql)


def test_delete_takes_away_login_but_keeps_what_the_user_owns(handler_module, response_url):
    rds_data, rds_stub, secrets, secrets_stub = clients()
    expect_sql(
        rds_stub, r"SELECT 1 FROM pg_roles WHERE rolname = :username", records=[[{"longValue": 1}]]
    )
    expect_sql(rds_stub, r'ALTER ROLE "dms_user" WITH NOLOGIN')
    with rds_stub, secrets_stub:
        sent = run(
            handler_module,
            event("Delete", response_url, PhysicalResourceId="login:dms_user"),
            rds_data,
            secrets,
        )
    assert CloudFormation.received[0]["Status"] == "SUCCESS"
    assert not any("DROP" in sql for sql in sent)


def test_a_paused_cluster_is_waited_for_until_it_resumes(handler_module, response_url):
    rds_data, rds_stub, secrets, secrets_stub = clients()
    expect_sql(rds_stub, r"SELECT 1 .*", error="DatabaseResumingException")
    expect_sql(rds_stub, r"SELECT 1 .*", error="DatabaseResumingException")
    expect_sql(rds_stub, r"SELECT 1 FROM pg_roles WHERE rolname = :username")
    expect_sql(rds_stub, r"CREATE ROLE .*")
    expect_sql(rds_stub, r"GRANT .*")
    waits = []
    with rds_stub, secrets_stub:
        handler_module.handler(
            event("Create", response_url),
            None,
            database=handler_module.Database(PROPS, rds_data, sleep=waits.append),
            secrets_manager=secrets,
        )
    assert CloudFormation.received[0]["Status"] == "SUCCESS"
    assert len(waits) == 2


def test_a_failing_delete_never_blocks_deleting_the_stack(handler_module, response_url):
    rds_data, rds_stub, secrets, secrets_stub = clients()
    expect_sql(rds_stub, r".*", error="BadRequestException")
    with rds_stub, secrets_stub:
        run(
            handler_module,
            event("Delete", response_url, PhysicalResourceId="login:dms_user"),
            rds_data,
            secrets,
        )
    assert CloudFormation.received[0]["Status"] == "SUCCESS"
    assert "Not disabled" in CloudFormation.received[0]["Reason"]


def test_a_failing_create_is_reported_to_cloudformation(handler_module, response_url):
    rds_data, rds_stub, secrets, secrets_stub = clients()
    expect_sql(rds_stub, r".*", error="ForbiddenException")
    with rds_stub, secrets_stub:
        run(handler_module, event("Create", response_url), rds_data, secrets)
    assert CloudFormation.received[0]["Status"] == "FAILED"
    assert "ForbiddenException" in CloudFormation.received[0]["Reason"]


def test_quoting_keeps_odd_names_inside_their_identifiers(handler_module):
    (create, grant) = handler_module.create_statements('we"ird', "SCRAM-SHA-256$x'y", 'd"b', False)
    tree = pglast.parse_sql(create)[0].stmt
    assert tree.role == 'we"ird'
    assert pglast.parse_sql(grant)[0].stmt.objects[0].sval == 'd"b'


def test_scram_verifier_answers_rfc_7677_example_exchange(handler_module):
    """RFC 7677 section 3: user 'user', password 'pencil'; the verifier must accept the
    client's proof and produce the server's signature of that exchange."""
    salt = base64.b64decode("W22ZaJ0SNY7soEsUEjb6gQ==")
    verifier = handler_module.scram_sha_256("pencil", salt)
    method, rest = verifier.split("$", 1)
    iterations_salt, keys = rest.split("$")
    stored_key, server_key = (base64.b64decode(k) for k in keys.split(":"))
    assert method == "SCRAM-SHA-256" and iterations_salt == "4096:W22ZaJ0SNY7soEsUEjb6gQ=="
    nonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
    auth_message = (
        f"n=user,r=rOprNGfwEbeRWgbNEkqO,r={nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r={nonce}"
    ).encode()
    proof = base64.b64decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
    client_signature = hmac.new(stored_key, auth_message, "sha256").digest()
    client_key = bytes(a ^ b for a, b in zip(proof, client_signature, strict=True))
    assert hashlib.sha256(client_key).digest() == stored_key
    server_signature = hmac.new(server_key, auth_message, "sha256").digest()
    assert (
        base64.b64encode(server_signature).decode()
        == "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
    )
