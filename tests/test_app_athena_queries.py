"""The Glue Python shell job's script (athena_queries), run here with botocore's Stubber.

Its wait loop meets every way a query can end: it SUCCEEDED, FAILED, was CANCELLED, was
still running at the deadline (then the job stops it), or Athena throttled the job first.
A fake clock counts the waits, so the backoff is checked without sleeping. Its SQL splitter
agrees with sqlglot's statements; its main() reads the SQL from S3 and runs it with the
arguments the stack gives the job; and the SQL each catalog variant ships names only the
tables its flow grants and reads only prefixes its role may read.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import sys
import types

import boto3
import pytest
import sqlglot
from botocore.response import StreamingBody
from botocore.stub import ANY, Stubber
from conftest import VARIANTS, variant_id
from iam_policies import statements
from sqlglot import exp

from generator.inventory import resources_by_component
from generator.render.code import app_sources, generate

KIND = "glue.python_shell_job"
DIALECT = "athena"
WORKGROUP, DATABASE, BUCKET = "reports", "orders_db", "sample-lake"
# Texts on which splitting on every ";" goes wrong. sqlglot reads a whole text with the
# tokenizer of its first statement (Hive for DDL, Trino for queries), so each text holds
# statements of one kind.
TRICKY_QUERIES = """-- A comment; with a semicolon, and 'a quote.
SELECT 'one; two' AS a, "x;y" AS b FROM notes;
/* A block comment; over
   two lines. */
SELECT 'it''s; fine' AS c FROM notes -- trailing; comment
;
"""
TRICKY_DDL = """CREATE EXTERNAL TABLE IF NOT EXISTS notes (`note;text` STRING COMMENT 'a; b')
LOCATION 's3://b/notes/';
DROP TABLE IF EXISTS `old;notes`
"""


@functools.cache
def shipped() -> list[tuple]:
    """(variant id, python shell component, resolved pattern, generated files) of every
    catalog variant."""
    found = []
    for pattern, values in VARIANTS:
        resolved = pattern.resolve(values)
        files = generate(resolved).files
        for comp in resolved.components:
            if comp.kind.name == KIND:
                found.append((variant_id((pattern, values)), comp, resolved, files))
    return found


def job_files(comp, resolved, files) -> tuple[str, str]:
    """The script's and the SQL file's text for one component."""
    sources = [s for s in app_sources(resolved) if s.component.id == comp.id]
    (script,) = [files[s.path] for s in sources if s.path.endswith(".py")]
    (sql,) = [files[s.path] for s in sources if s.path.endswith(".sql")]
    return script, sql


def load_script(text: str, folder):
    path = folder / "athena_queries.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location(f"athena_queries_{id(text)}", path)
    module = importlib.util.module_from_spec(spec)
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = writes_bytecode
    return module


def test_the_catalog_ships_a_python_shell_job():
    assert shipped(), "no catalog variant has a glue.python_shell_job"


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    """The script as the catalog ships it (every variant ships the same text)."""
    scripts = {job_files(comp, resolved, files)[0] for _, comp, resolved, files in shipped()}
    assert len(scripts) == 1
    return load_script(scripts.pop(), tmp_path_factory.mktemp("athena_queries"))


def client(service: str):
    return boto3.client(
        service,
        region_name="eu-west-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


class FakeTime:
    """A clock that moves only when the script sleeps; it records every wait."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


@pytest.fixture
def athena():
    athena = client("athena")
    with Stubber(athena) as stub:
        athena.stub = stub
        yield athena
        stub.assert_no_pending_responses()


def start(stub, query_id: str, sql: str = "SELECT 1") -> None:
    stub.add_response(
        "start_query_execution",
        {"QueryExecutionId": query_id},
        {
            "QueryString": sql,
            "ClientRequestToken": ANY,
            "WorkGroup": WORKGROUP,
            "QueryExecutionContext": {"Database": DATABASE},
        },
    )


def state(stub, query_id: str, value: str, **status) -> None:
    execution = {
        "QueryExecutionId": query_id,
        "Status": {"State": value, **status},
        "Statistics": {"DataScannedInBytes": 42},
        "ResultConfiguration": {"OutputLocation": f"s3://results/reports/{query_id}.csv"},
    }
    stub.add_response(
        "get_query_execution", {"QueryExecution": execution}, {"QueryExecutionId": query_id}
    )


def run(job, athena, time: FakeTime, sql: str = "SELECT 1", deadline: float = 600):
    return job.run_query(
        athena,
        sql,
        workgroup=WORKGROUP,
        database=DATABASE,
        deadline=deadline,
        clock=time.clock,
        sleep=time.sleep,
    )


def test_a_query_that_succeeds_is_polled_with_growing_waits(job, athena):
    time = FakeTime()
    start(athena.stub, "q1")
    for value in ["QUEUED", "RUNNING", "QUEUED", "RUNNING"]:  # transient errors re-queue it
        state(athena.stub, "q1", value)
    state(athena.stub, "q1", "SUCCEEDED")
    execution = run(job, athena, time)
    assert execution["Status"]["State"] == "SUCCEEDED"
    assert time.waits == [1, 2, 4, 8]


def test_the_waits_stop_growing_at_thirty_seconds(job, athena):
    time = FakeTime()
    start(athena.stub, "q1")
    for _ in range(7):
        state(athena.stub, "q1", "RUNNING")
    state(athena.stub, "q1", "SUCCEEDED")
    run(job, athena, time)
    assert time.waits == [1, 2, 4, 8, 16, 30, 30]


@pytest.mark.parametrize("outcome", ["FAILED", "CANCELLED"])
def test_a_failed_or_cancelled_query_fails_the_job_with_athenas_reason(job, athena, outcome):
    time = FakeTime()
    start(athena.stub, "q1")
    state(athena.stub, "q1", "RUNNING")
    state(athena.stub, "q1", outcome, StateChangeReason="TABLE_NOT_FOUND: curated_orders")
    with pytest.raises(job.QueryFailed, match=f"q1 {outcome}: TABLE_NOT_FOUND"):
        run(job, athena, time)


def test_a_failure_without_a_reason_gives_athenas_error_message(job, athena):
    start(athena.stub, "q1")
    state(athena.stub, "q1", "FAILED", AthenaError={"ErrorMessage": "Access denied"})
    with pytest.raises(job.QueryFailed, match="FAILED: Access denied"):
        run(job, athena, FakeTime())


def test_a_query_still_running_at_the_deadline_is_stopped_and_fails_the_job(job, athena):
    time = FakeTime()
    start(athena.stub, "q1")
    for _ in range(5):
        state(athena.stub, "q1", "RUNNING")
    athena.stub.add_response("stop_query_execution", {}, {"QueryExecutionId": "q1"})
    with pytest.raises(job.DeadlineExceeded, match="q1"):
        run(job, athena, time, deadline=20)
    assert time.waits == [1, 2, 4, 8]  # the next wait (16 s) would pass the deadline
    assert time.now <= 20


def test_the_deadline_fails_the_job_even_if_the_stop_is_refused(job, athena):
    start(athena.stub, "q1")
    state(athena.stub, "q1", "RUNNING")
    athena.stub.add_client_error(
        "stop_query_execution", "InvalidRequestException", "already finished"
    )
    with pytest.raises(job.DeadlineExceeded):
        run(job, athena, FakeTime(), deadline=0.5)


def test_throttling_is_waited_out_and_the_start_is_retried_with_the_same_token(job, athena):
    time = FakeTime()
    tokens = []
    athena.meta.events.register(
        "before-parameter-build.athena.StartQueryExecution",
        lambda params, **_: tokens.append(params["ClientRequestToken"]),
    )
    athena.stub.add_client_error(
        "start_query_execution", "TooManyRequestsException", "Rate exceeded", 400
    )
    start(athena.stub, "q1")
    athena.stub.add_client_error("get_query_execution", "ThrottlingException", "Slow down", 400)
    state(athena.stub, "q1", "RUNNING")
    athena.stub.add_client_error("get_query_execution", "InternalServerException", "Try again", 500)
    state(athena.stub, "q1", "SUCCEEDED")
    assert run(job, athena, time)["QueryExecutionId"] == "q1"
    assert time.waits == [1, 2, 4, 8]
    assert len(tokens) == 2 and tokens[0] == tokens[1] and 32 <= len(tokens[0]) <= 128


def test_an_error_that_is_not_throttling_fails_the_job_at_once(job, athena):
    athena.stub.add_client_error(
        "start_query_execution", "InvalidRequestException", "line 1:8: mismatched input"
    )
    with pytest.raises(job.ClientError, match="mismatched input"):
        run(job, athena, FakeTime())


def test_statements_run_in_order_and_the_first_failure_stops_the_rest(job, athena):
    sql = "SELECT 1;\nSELECT 2 FROM {table};\nSELECT 3;"
    start(athena.stub, "q1", "SELECT 1")
    state(athena.stub, "q1", "SUCCEEDED")
    start(athena.stub, "q2", "SELECT 2 FROM t")
    state(athena.stub, "q2", "FAILED", StateChangeReason="boom")
    time = FakeTime()
    with pytest.raises(job.QueryFailed, match="q2 FAILED: boom"):
        job.run_statements(
            athena,
            sql,
            workgroup=WORKGROUP,
            database=DATABASE,
            values={"table": "t"},
            deadline=600,
            clock=time.clock,
            sleep=time.sleep,
        )


def test_a_sql_file_without_statements_fails_the_job(job, athena):
    with pytest.raises(ValueError, match="no statement"):
        job.run_statements(
            athena, "-- nothing\n", workgroup=WORKGROUP, database=DATABASE, values={}, deadline=1
        )


def test_the_splitter_finds_the_statements_sqlglot_finds(job):
    """A ';' in a comment, a string or a quoted identifier does not end a statement."""
    for text in (TRICKY_QUERIES, TRICKY_DDL):
        expected = [e.sql(DIALECT, comments=False) for e in sqlglot.parse(text, read=DIALECT) if e]
        found = [
            sqlglot.parse_one(statement, read=DIALECT).sql(DIALECT, comments=False)
            for statement in job.split_statements(text)
        ]
        assert found == expected


def test_the_shipped_sql_splits_into_the_statements_sqlglot_finds(job):
    """The same for the SQL files the catalog ships (DDL and queries mixed, so compared by
    kind of statement: sqlglot reads a query after DDL with Hive's rules)."""
    for _, comp, resolved, files in shipped():
        _, sql = job_files(comp, resolved, files)
        expected = [type(e).__name__ for e in sqlglot.parse(sql, read=DIALECT) if e]
        found = [
            type(sqlglot.parse_one(statement, read=DIALECT)).__name__
            for statement in job.split_statements(sql)
        ]
        assert found == expected


def test_main_reads_the_sql_from_s3_and_runs_it_with_the_jobs_arguments(job, monkeypatch):
    """main() as Glue runs it: the arguments from sys.argv, the clients from boto3."""
    s3, athena = client("s3"), client("athena")
    sql = "SELECT * FROM t WHERE b = '{data_bucket}';"
    body = sql.encode()
    with Stubber(s3) as s3_stub, Stubber(athena) as athena_stub:
        s3_stub.add_response(
            "get_object",
            {"Body": StreamingBody(io.BytesIO(body), len(body))},
            {"Bucket": "assets", "Key": "abc.sql"},
        )
        start(athena_stub, "q1", f"SELECT * FROM t WHERE b = '{BUCKET}'")
        state(athena_stub, "q1", "SUCCEEDED")
        monkeypatch.setattr(boto3, "client", lambda name, **_: {"s3": s3, "athena": athena}[name])
        monkeypatch.setitem(sys.modules, "awsglue", types.ModuleType("awsglue"))
        utils = types.ModuleType("awsglue.utils")
        utils.getResolvedOptions = _resolved_options
        monkeypatch.setitem(sys.modules, "awsglue.utils", utils)
        arguments = {
            "workgroup": WORKGROUP,
            "database": DATABASE,
            "data_bucket": BUCKET,
            "sql_uri": "s3://assets/abc.sql",
            "deadline_seconds": "600",
        }
        argv = ["athena_queries.py"] + [f"--{k}={v}" for k, v in arguments.items()]
        monkeypatch.setattr(sys, "argv", argv)
        job.main()
        s3_stub.assert_no_pending_responses()
        athena_stub.assert_no_pending_responses()


def _resolved_options(argv: list[str], names: list[str]) -> dict[str, str]:
    """What awsglue.utils.getResolvedOptions returns: each named --NAME=value (all required)."""
    given = dict(arg[2:].split("=", 1) for arg in argv[1:])
    return {name: given[name] for name in names}


@pytest.mark.parametrize("key", sorted({v for v, *_ in shipped()}))
def test_the_job_passes_every_argument_the_script_reads(key, synthesized, job):
    """The job's default arguments name exactly what the script reads, beside Glue's own."""
    item = synthesized[key]
    jobs = [
        r["Properties"]
        for r in item.template["Resources"].values()
        if r["Type"] == "AWS::Glue::Job" and r["Properties"]["Command"]["Name"] == "pythonshell"
    ]
    assert jobs
    glue_own = {"--job-language", "library-set"}
    for properties in jobs:
        names = set(properties["DefaultArguments"]) - glue_own
        assert names == {f"--{name}" for name in job.ARGUMENTS}


@pytest.mark.parametrize("key", sorted({v for v, *_ in shipped()}))
def test_the_sql_touches_only_the_tables_and_prefixes_its_role_may(key, synthesized, job):
    """Every table the SQL names is one the catalog flow lets the role create and read, and
    every LOCATION is a prefix the role may read in the template (not archgen's declaration)."""
    item = synthesized[key]
    grouped = resources_by_component(item.resolved, item.template)
    for _, comp, resolved, files in [case for case in shipped() if case[0] == key]:
        (tables,) = [
            f.props.tables
            for f in resolved.flows
            if f.source.id == comp.id and f.target.kind.name == "glue.database"
        ]
        (bucket_comp,) = [
            f.source.id
            for f in resolved.flows
            if f.target.id == comp.id and f.source.kind.name == "s3.bucket"
        ]
        bucket = next(
            r.logical_id
            for r in grouped[bucket_comp]
            if r.type == "AWS::S3::Bucket" and r.path.endswith("/Bucket/Resource")
        )
        policies = {r.logical_id for r in grouped[comp.id] if r.type == "AWS::IAM::Policy"}
        readable = [
            resource.removeprefix(f"<{bucket}.Arn>/").removesuffix("*")
            for st in statements(item.template)
            if st.policy in policies and "s3:GetObject" in st.actions
            for resource in st.resources
            if resource.startswith(f"<{bucket}.Arn>/") and resource.endswith("*")
        ]
        _, sql = job_files(comp, resolved, files)
        parsed = [
            sqlglot.parse_one(s.format(data_bucket=BUCKET), read=DIALECT)
            for s in job.split_statements(sql)
        ]
        named = {table.name for statement in parsed for table in statement.find_all(exp.Table)}
        assert named and named <= set(tables)
        locations = [
            location.this.name.removeprefix(f"s3://{BUCKET}/")
            for statement in parsed
            for location in statement.find_all(exp.LocationProperty)
        ]
        assert locations and readable
        for location in locations:
            assert any(location.startswith(prefix) for prefix in readable), (
                f"{comp.id}'s SQL reads {location}, its role may read only {readable}"
            )
