"""The DAG's Redshift task skips cleanly while the prefix its COPY loads from is empty.

COPY fails on a prefix that holds no file, which is what the first nights find. The
generated DAG is run as MWAA parses it (Airflow replaced by the stand-ins of
test_app_sql), and the check its Redshift operator names as pre_execute hook is called as
Airflow would call it, with a botocore-stubbed S3 client: each call it makes is checked,
parameters and all, against the prefixes the statements it sends COPY from.
"""

from __future__ import annotations

import runpy
import sys
import types
from pathlib import Path

import botocore.session
import pytest
import sqlglot
from botocore.stub import Stubber
from sqlglot import exp
from test_app_sql import CASES, SAMPLE_RESOURCE, generated, run_dags, sent_sql


class AirflowSkipException(Exception):
    """Airflow's: raised before or in a task, it marks the task skipped."""


def loading_tasks() -> list[str]:
    """Variants whose DAG loads Redshift from S3 (a task with SQL)."""
    return [
        key
        for key in CASES
        if any(
            flow.source.kind.name == "mwaa.environment"
            and flow.target.kind.name == "redshift.cluster"
            and flow.target.props.sql
            for flow in generated(key)[0].flows
        )
    ]


LOADING = loading_tasks()


def s3_client():
    session = botocore.session.get_session()
    return session.create_client(
        "s3", region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test"
    )


def copy_prefixes(batch: list[str], bucket_uri: str) -> list[str]:
    """The S3 prefixes the COPY statements of a batch load, read with Redshift's parser."""
    found = []
    for sql in batch:
        for copy in sqlglot.parse_one(sql, read="redshift").find_all(exp.Copy):
            for location in copy.args["files"]:
                uri = location.name
                assert uri.startswith(f"{bucket_uri}/"), uri
                found.append(uri.removeprefix(f"{bucket_uri}/"))
    return found


def load_dag(key: str, tmp_path: Path, monkeypatch):
    """The DAG's module globals and the Redshift operators it makes, with their arguments."""
    _, files = generated(key)
    calls = run_dags(files, tmp_path, monkeypatch)
    exceptions = types.ModuleType("airflow.exceptions")
    exceptions.AirflowSkipException = AirflowSkipException
    monkeypatch.setitem(sys.modules, "airflow.exceptions", exceptions)
    (dag_path,) = tmp_path.glob("*/dags/*_pipeline.py")
    # Again, now with Airflow's exception real, so that the check can raise it.
    module = runpy.run_path(str(dag_path), run_name="dag")
    loads = []
    for (_, kwargs), (_, _, batch) in zip(
        [c for c in calls if c[0] == "RedshiftDataOperator"], sent_sql(calls), strict=True
    ):
        hook = kwargs.get("pre_execute")
        assert hook is not None, f"task {kwargs['task_id']} loads from S3 but checks nothing first"
        loads.append((module[hook.__name__], batch))
    return module, loads


@pytest.mark.parametrize("key", LOADING)
def test_redshift_task_skips_while_the_copy_prefix_is_empty(key, tmp_path, monkeypatch):
    _, loads = load_dag(key, tmp_path, monkeypatch)
    assert loads
    bucket_uri = SAMPLE_RESOURCE["copy_sources"][0]
    bucket = bucket_uri.removeprefix("s3://")
    for check, batch in loads:
        prefixes = copy_prefixes(batch, bucket_uri)
        assert prefixes, f"{check.__name__}: its task sends no COPY"
        s3 = s3_client()
        with Stubber(s3) as stub:
            for prefix in prefixes:
                stub.add_response(
                    "list_objects_v2",
                    {"KeyCount": 0, "IsTruncated": False, "Name": bucket, "Prefix": prefix},
                    {"Bucket": bucket, "Prefix": prefix, "MaxKeys": 1},
                )
            with pytest.raises(AirflowSkipException, match="nothing to load yet") as skipped:
                check({}, s3=s3)
            stub.assert_no_pending_responses()
        for prefix in prefixes:
            assert f"{bucket_uri}/{prefix}" in str(skipped.value)


@pytest.mark.parametrize("key", LOADING)
def test_redshift_task_runs_once_every_copy_prefix_holds_a_file(key, tmp_path, monkeypatch):
    _, loads = load_dag(key, tmp_path, monkeypatch)
    bucket_uri = SAMPLE_RESOURCE["copy_sources"][0]
    bucket = bucket_uri.removeprefix("s3://")
    for check, batch in loads:
        s3 = s3_client()
        with Stubber(s3) as stub:
            for prefix in copy_prefixes(batch, bucket_uri):
                stub.add_response(
                    "list_objects_v2",
                    {
                        "KeyCount": 1,
                        "IsTruncated": False,
                        "Contents": [{"Key": f"{prefix}order_date=2025-01-01/part-0.parquet"}],
                    },
                    {"Bucket": bucket, "Prefix": prefix, "MaxKeys": 1},
                )
            assert check({}, s3=s3) is None
            stub.assert_no_pending_responses()


@pytest.mark.parametrize("key", LOADING)
def test_one_empty_prefix_of_several_skips_the_task(key, tmp_path, monkeypatch):
    """With several inputs, the task waits for all of them: COPY fails on any empty one."""
    module, _ = load_dag(key, tmp_path, monkeypatch)
    (empty_inputs,) = [f for name, f in module.items() if name.endswith("_empty_inputs")]
    s3 = s3_client()
    with Stubber(s3) as stub:
        for prefix, count in [("a/", 1), ("b/", 0)]:
            stub.add_response(
                "list_objects_v2",
                {"KeyCount": count, "IsTruncated": False},
                {"Bucket": "lake", "Prefix": prefix, "MaxKeys": 1},
            )
        assert empty_inputs(s3, "lake", ["a/", "b/"]) == ["b/"]
