"""The application code of realtime-streams-flink, run here with no AWS account and no Flink.

The Kinesis consumer (flag_suspicious) runs against botocore's Stubber: which events it flags,
the items it writes, what it skips, and what it reports as failed when a write fails. The
PyFlink job (window_totals) compiles; its SQL carries the window length it is given; its
pure-Python reference of the window aggregation gives the sums worked out by hand below; and
the runtime properties the stack sets are exactly the ones the job reads.
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import json
import sys
from decimal import Decimal

import boto3
import pytest
from botocore.stub import Stubber
from conftest import CATALOG, variant_id

from generator.render.code import app_sources, generate

PATTERN = "realtime-streams-flink"
NOW = 1_800_000_000.0


@functools.cache
def shipped() -> dict[str, str]:
    """Generated application code of the pattern at its defaults, by kind."""
    (pattern,) = [p for p in CATALOG if p.id == PATTERN]
    resolved = pattern.resolve({})
    files = generate(resolved).files
    found = {}
    for source in app_sources(resolved):
        if source.path.endswith(".py"):
            found[source.component.kind.name] = files[source.path]
    return found


def load(text: str, name: str, folder):
    path = folder / f"{name}.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location(f"{name}_{id(text)}", path)
    module = importlib.util.module_from_spec(spec)
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = writes_bytecode
    return module


# --- the Kinesis consumer -------------------------------------------------------------


@pytest.fixture
def detector(tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    monkeypatch.setenv("FLAGS_TABLE", "flags-table")
    module = load(shipped()["lambda.function"], "flag_suspicious", tmp_path)
    module._table = boto3.resource("dynamodb", region_name="eu-west-1").Table("flags-table")
    monkeypatch.setattr(module.time, "time", lambda: NOW)
    with Stubber(module._table.meta.client) as stub:
        yield module, stub
        stub.assert_no_pending_responses()


def record(sequence: str, payload) -> dict:
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return {"kinesis": {"sequenceNumber": sequence, "data": base64.b64encode(data).decode()}}


def event(event_id, amount, event_type="payment"):
    return {
        "event_id": event_id,
        "account_id": "acct-7",
        "event_type": event_type,
        "amount": amount,
        "event_time": "2026-12-01T10:00:00Z",
    }


def test_a_large_payment_is_flagged_with_its_reasons_and_an_expiry(detector):
    module, stub = detector
    # The table resource's client is stubbed before it serializes: plain Python values.
    item = {
        "account_id": "acct-7",
        "event_id": "e-1",
        "event_type": "payment",
        "event_time": "2026-12-01T10:00:00Z",
        "amount": Decimal("25000.5"),
        "reasons": ["large_amount"],
        "sequence_number": "100",
        "expires_at": int(NOW) + 90 * 86400,
    }
    stub.add_response("put_item", {}, {"TableName": "flags-table", "Item": item})
    result = module.handler({"Records": [record("100", event("e-1", 25000.50))]}, None)
    assert result == {"batchItemFailures": []}


def test_ordinary_events_write_nothing(detector):
    module, _ = detector
    records = [record(str(n), event(f"e-{n}", 10 + n)) for n in range(5)]
    assert module.handler({"Records": records}, None) == {"batchItemFailures": []}


def test_records_that_are_not_events_are_skipped_not_retried(detector):
    module, _ = detector
    records = [
        record("1", b"not json"),
        record("2", [1, 2]),
        record("3", {"event_id": "e-3"}),  # no account, type or time
    ]
    assert module.handler({"Records": records}, None) == {"batchItemFailures": []}


@pytest.mark.parametrize(
    ("amount", "event_type", "reasons"),
    [
        (10000, "payment", ["large_amount"]),
        (9999.99, "payment", []),
        (-5, "refund", ["negative_amount"]),
        ("12", "payment", ["amount_not_a_number"]),
        (None, "login_failed", ["failed_login"]),
        (20000, "login_failed", ["large_amount", "failed_login"]),
    ],
)
def test_reasons(detector, amount, event_type, reasons):
    module, _ = detector
    decoded = module.decode(record("1", event("e", amount, event_type)))
    assert module.suspicious_reasons(decoded) == reasons


def test_a_failed_write_reports_that_record_and_every_later_one(detector):
    module, stub = detector
    stub.add_response("put_item", {})
    stub.add_client_error("put_item", "ProvisionedThroughputExceededException")
    records = [
        record("1", event("e-1", 50000)),
        record("2", event("e-2", 60000)),
        record("3", event("e-3", 7)),
        record("4", event("e-4", 70000)),
    ]
    result = module.handler({"Records": records}, None)
    # Record 1 is written; 2 fails, so 2, 3 and 4 are retried (4 is never attempted).
    assert result == {"batchItemFailures": [{"itemIdentifier": s} for s in ("2", "3", "4")]}


def test_a_retried_event_writes_the_same_key(detector):
    module, _ = detector
    first = module.flag_item(event("e-9", Decimal(1)), ["x"], "1", NOW)
    again = module.flag_item(event("e-9", Decimal(1)), ["x"], "2", NOW + 60)
    assert (first["account_id"], first["event_id"]) == (again["account_id"], again["event_id"])


# --- the PyFlink job ------------------------------------------------------------------


@pytest.fixture
def job(tmp_path):
    return load(shipped()["flink.application"], "window_totals", tmp_path)


PROPERTIES = {
    "aws.region": "eu-west-1",
    "source.stream": "events-stream",
    "sink.delivery_stream": "results-delivery",
    "window.minutes": "30",
}
SAMPLE = [
    {"event_type": "payment", "amount": 10, "event_time": "2026-12-01T10:00:00Z"},
    {"event_type": "payment", "amount": 2.5, "event_time": "2026-12-01T10:29:59.999Z"},
    {"event_type": "refund", "amount": -4, "event_time": "2026-12-01T10:05:00Z"},
    {"event_type": "payment", "amount": 7, "event_time": "2026-12-01T10:30:00Z"},
    {"event_type": "payment", "amount": 1, "event_time": "2026-12-01T11:10:00+01:00"},
    {"event_type": None, "amount": 100, "event_time": "2026-12-01T10:01:00Z"},
    {"event_type": "payment", "amount": None, "event_time": "2026-12-01T10:02:00Z"},
]


def test_the_job_compiles():
    compile(shipped()["flink.application"], "main.py", "exec")


def test_the_job_runs_three_statements_with_the_settings_it_is_given(job):
    source, sink, query = job.statements(PROPERTIES)
    assert "'stream' = 'events-stream'" in source and "'aws.region' = 'eu-west-1'" in source
    assert "'delivery-stream' = 'results-delivery'" in sink
    assert "INTERVAL '30' MINUTE" in query
    assert "INTERVAL '5' MINUTE" in job.window_query(5)
    for statement in (source, sink, query):
        assert statement.count("(") == statement.count(")")


def test_a_name_with_a_quote_stays_one_sql_literal(job):
    assert job.quoted("it's") == "'it''s'"


@pytest.mark.parametrize("minutes", ["0", "1441", "x"])
def test_a_window_length_out_of_range_is_refused(job, minutes):
    with pytest.raises(ValueError):
        job.window_minutes({"window.minutes": minutes})


def test_thirty_minute_windows_sum_by_hand(job):
    totals = job.reference_totals(SAMPLE, 30)
    # 10:00, 10:29:59.999 and 11:10+01:00 (10:10 UTC) are in the first window: 10 + 2.5 + 1.
    # 10:30:00 opens the next. The events with no type or no amount count nowhere.
    assert totals == {
        ("2026-12-01 10:00:00", "2026-12-01 10:30:00", "payment"): (3, 13.5),
        ("2026-12-01 10:00:00", "2026-12-01 10:30:00", "refund"): (1, -4.0),
        ("2026-12-01 10:30:00", "2026-12-01 11:00:00", "payment"): (1, 7.0),
    }


def test_an_hour_window_takes_them_all(job):
    totals = job.reference_totals(SAMPLE, 60)
    assert totals == {
        ("2026-12-01 10:00:00", "2026-12-01 11:00:00", "payment"): (4, 20.5),
        ("2026-12-01 10:00:00", "2026-12-01 11:00:00", "refund"): (1, -4.0),
    }


def test_no_events_no_windows(job):
    assert job.reference_totals([], 30) == {}


def test_properties_come_from_the_service_file_or_the_environment(job, tmp_path):
    path = tmp_path / "application_properties.json"
    path.write_text(
        json.dumps(
            [
                {"PropertyGroupId": "kinesis.analytics.flink.run.options", "PropertyMap": {}},
                {"PropertyGroupId": "job", "PropertyMap": PROPERTIES},
            ]
        )
    )
    assert job.load_properties(str(path)) == PROPERTIES
    environ = {"AWS_REGION": "eu-west-1", "WINDOW_MINUTES": "5"}
    missing = str(tmp_path / "absent.json")
    assert job.load_properties(missing, environ) == {
        "aws.region": "eu-west-1",
        "window.minutes": "5",
    }


def test_the_stack_sets_exactly_the_properties_the_job_reads(job, synthesized):
    key = variant_id(([p for p in CATALOG if p.id == PATTERN][0], {}))
    (app,) = [
        r
        for r in synthesized[key].template["Resources"].values()
        if r["Type"] == "AWS::KinesisAnalyticsV2::Application"
    ]
    groups = {
        g["PropertyGroupId"]: g["PropertyMap"]
        for g in app["Properties"]["ApplicationConfiguration"]["EnvironmentProperties"][
            "PropertyGroups"
        ]
    }
    assert set(groups[job.PROPERTY_GROUP]) == set(job.LOCAL_NAMES)
    assert groups[job.PROPERTY_GROUP]["window.minutes"] == "30"
    assert groups["kinesis.analytics.flink.run.options"]["python"] == "main.py"
