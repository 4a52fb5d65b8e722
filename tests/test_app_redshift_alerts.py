"""The function that counts Redshift's query alerts (redshift-query-alerts).

It runs here as Lambda would run it, with botocore's Stubber answering the Redshift Data
API (ExecuteStatement, DescribeStatement, GetStatementResult) and CloudWatch. The event
texts are the ones Redshift's documentation lists for STL_ALERT_EVENT_LOG
(c-reviewing-query-alerts.html), written here independently of the handler's table; its
SQL parses in Redshift's dialect.
"""

from __future__ import annotations

import importlib.util

import boto3
import pytest
import sqlglot
from botocore.stub import Stubber
from sqlglot import exp

from generator.loader import load_all
from generator.render.code import app_files

ENVIRONMENT = {
    "REDSHIFT_CLUSTER_ID": "warehouse-abc",
    "REDSHIFT_DATABASE": "analytics",
    "REDSHIFT_DB_USER": "monitor",
    "METRICS_NAMESPACE": "RedshiftQueryAlerts/monitor",
    "ALARM_METRIC": "QueryAlerts",
    "AWS_LAMBDA_FUNCTION_NAME": "RedshiftQueryAlerts-Monitor-abc",
}
# The event text Redshift writes for each alert, and the type the function must count it as.
DOCUMENTED = {
    "Missing query planner statistics": "MissingStatistics",
    "Nested Loop Join in the query plan": "NestedLoopJoin",
    "Very selective query filter": "VerySelectiveFilter",
    "Distributed a large number of rows across the network:2000000 rows were distributed "
    "in order to process the aggregation": "LargeDistribution",
    "Broadcasted a large number of rows across the network": "LargeBroadcast",
    "DS_DIST_ALL_INNER for Hash Join in the query plan": "SerialExecution",
    "Scanned a large number of deleted rows": "DeletedRows",
}


@pytest.fixture(scope="module")
def handler_module(tmp_path_factory):
    """The handler as the pattern ships it."""
    pattern = next(p for p in load_all() if p.id == "redshift-query-alerts")
    files = app_files(pattern.resolve())
    module_file = tmp_path_factory.mktemp("alerts") / "index.py"
    module_file.write_text(files["lambda/monitor/index.py"])
    spec = importlib.util.spec_from_file_location("alerts_index", module_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def environment(monkeypatch, handler_module):
    for name, value in ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(handler_module.time, "sleep", lambda seconds: None)


def record(event: str, solution: str, queries: int) -> list[dict]:
    return [{"stringValue": event}, {"stringValue": solution}, {"longValue": queries}]


@pytest.mark.parametrize(("event", "expected"), list(DOCUMENTED.items()))
def test_each_documented_alert_is_its_own_type(handler_module, event, expected):
    assert handler_module.classify(event) == expected
    assert handler_module.classify("  " + event.upper() + "  ") == expected


def test_an_alert_no_type_knows_is_other(handler_module):
    assert handler_module.classify("Something Redshift adds next year") == "Other"


def test_every_type_has_a_fix(handler_module):
    assert set(DOCUMENTED.values()) == set(handler_module.EVENT_TYPES)
    assert all(fix for _starts, fix in handler_module.EVENT_TYPES.values())


def test_counts_cover_every_type_and_add_up(handler_module):
    counts = handler_module.count_by_type(
        [("Nested Loop Join in the query plan", 2), ("Missing query planner statistics", 3),
         ("Missing query planner statistics", 1), ("Unheard of", 4)]
    )  # fmt: skip
    assert counts["NestedLoopJoin"] == 2
    assert counts["MissingStatistics"] == 4
    assert counts["Other"] == 4
    assert set(counts) == set(DOCUMENTED.values()) | {"Other"}
    assert sum(counts.values()) == 10


def test_the_alarm_metric_is_the_total_of_the_per_type_metrics(handler_module):
    counts = handler_module.count_by_type([("Very selective query filter", 5)])
    data = handler_module.metric_data("QueryAlerts", "fn", counts)
    per_type = [d for d in data if len(d["Dimensions"]) == 2]
    (total,) = [d for d in data if len(d["Dimensions"]) == 1]
    assert total["Dimensions"] == [{"Name": "FunctionName", "Value": "fn"}]
    assert total["Value"] == sum(d["Value"] for d in per_type) == 5
    assert {d["Dimensions"][1]["Value"] for d in per_type} == set(counts)


def test_the_query_parses_in_redshift_and_reads_the_alert_log(handler_module):
    (statement,) = sqlglot.parse(handler_module.ALERTS_SQL, read="redshift")
    assert isinstance(statement, exp.Select)
    assert [t.name.lower() for t in statement.find_all(exp.Table)] == ["stl_alert_event_log"]
    assert {p.name for p in statement.find_all(exp.Placeholder)} == {"minutes"}


def stub_query(data_api: Stubber, handler_module, records_pages: list[list], statuses=None):
    data_api.add_response(
        "execute_statement",
        {"Id": "stmt-1"},
        {
            "ClusterIdentifier": "warehouse-abc",
            "Database": "analytics",
            "DbUser": "monitor",
            "Sql": handler_module.ALERTS_SQL,
            "Parameters": [{"name": "minutes", "value": "60"}],
        },
    )
    for status in statuses or ["STARTED", "FINISHED"]:
        answer = {"Id": "stmt-1", "Status": status, "HasResultSet": True}
        if status == "FAILED":
            answer["Error"] = "ERROR: permission denied"
        data_api.add_response("describe_statement", answer, {"Id": "stmt-1"})
    for index, records in enumerate(records_pages):
        answer = {"Records": records, "TotalNumRows": len(records)}
        expected = {"Id": "stmt-1"}
        if index + 1 < len(records_pages):
            answer["NextToken"] = f"page-{index + 2}"
        if index:
            expected["NextToken"] = f"page-{index + 1}"
        data_api.add_response("get_statement_result", answer, expected)


def clients():
    return (
        boto3.client("redshift-data", region_name="eu-west-1"),
        boto3.client("cloudwatch", region_name="eu-west-1"),
    )


def test_a_run_reads_every_page_and_publishes_each_type(handler_module, environment):
    data_api, cloudwatch = clients()
    with Stubber(data_api) as api, Stubber(cloudwatch) as cw:
        stub_query(
            api,
            handler_module,
            [
                [record("Nested Loop Join in the query plan", "Review the join predicates", 2)],
                [record("Broadcasted a large number of rows across the network", "Review", 3)],
            ],
        )
        expected_counts = dict.fromkeys([*DOCUMENTED.values(), "Other"], 0)
        expected_counts.update(NestedLoopJoin=2, LargeBroadcast=3)
        function = ENVIRONMENT["AWS_LAMBDA_FUNCTION_NAME"]
        cw.add_response(
            "put_metric_data",
            {},
            {
                "Namespace": ENVIRONMENT["METRICS_NAMESPACE"],
                "MetricData": [
                    {
                        "MetricName": "QueryAlerts",
                        "Dimensions": [
                            {"Name": "FunctionName", "Value": function},
                            {"Name": "EventType", "Value": event_type},
                        ],
                        "Value": count,
                        "Unit": "Count",
                    }
                    for event_type, count in expected_counts.items()
                ]
                + [
                    {
                        "MetricName": "QueryAlerts",
                        "Dimensions": [{"Name": "FunctionName", "Value": function}],
                        "Value": 5,
                        "Unit": "Count",
                    }
                ],
            },
        )
        counts = handler_module.handler(
            {"lookback_minutes": 60}, None, data_api=data_api, cloudwatch=cloudwatch
        )
        api.assert_no_pending_responses()
        cw.assert_no_pending_responses()
    assert counts == expected_counts


def test_a_quiet_window_publishes_zeros(handler_module, environment):
    data_api, cloudwatch = clients()
    with Stubber(data_api) as api, Stubber(cloudwatch) as cw:
        stub_query(api, handler_module, [[]], statuses=["FINISHED"])
        cw.add_response("put_metric_data", {})
        counts = handler_module.handler(
            {"lookback_minutes": 60}, None, data_api=data_api, cloudwatch=cloudwatch
        )
        cw.assert_no_pending_responses()
    assert set(counts.values()) == {0}


def test_a_failed_statement_raises_and_publishes_nothing(handler_module, environment):
    data_api, cloudwatch = clients()
    with Stubber(data_api) as api, Stubber(cloudwatch):
        stub_query(api, handler_module, [], statuses=["SUBMITTED", "FAILED"])
        with pytest.raises(RuntimeError, match="permission denied"):
            handler_module.handler(
                {"lookback_minutes": 60}, None, data_api=data_api, cloudwatch=cloudwatch
            )
