"""The catalog's PySpark scripts, run on a local SparkSession with small sample data.

The Glue job (clean_orders) and the EMR Serverless job (daily_revenue) as archgen generates
them: their transformations, their first runs on an empty lake, and the files they hand on
(the Glue job's Parquet is what the EMR job reads and what Redshift's COPY loads). Only the
Glue job's main() needs awsglue; everything it calls runs with PySpark alone. Java comes
from the OS (scripts/setup installs it).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import itertools
import json
import os
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import sqlglot
from conftest import VARIANTS
from sqlglot import exp

from generator.render.code import generate


@functools.cache
def catalog_files() -> dict[str, str]:
    """Every generated file of every catalog variant, by path (the same path, the same text)."""
    files: dict[str, str] = {}
    for pattern, values in VARIANTS:
        for path, text in generate(pattern.resolve(values)).files.items():
            files.setdefault(path, text)
    return files


def scripts(folder: str, name: str) -> list[str]:
    return sorted(
        path
        for path in catalog_files()
        if path.startswith(f"{folder}/") and path.endswith(f"/{name}.py")
    )


GLUE_SCRIPTS = scripts("glue", "clean_orders")
EMR_SCRIPTS = scripts("emr", "daily_revenue")


def load(path: str, tmp_path_factory):
    """The generated script at path as a module (its main() is not run)."""
    folder = tmp_path_factory.mktemp("scripts")
    file = folder / Path(path).name
    file.write_text(catalog_files()[path])
    spec = importlib.util.spec_from_file_location(f"generated_{file.stem}", file)
    module = importlib.util.module_from_spec(spec)
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = writes_bytecode
    return module


@pytest.fixture(scope="session")
def spark():
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.fail("PySpark needs Java on PATH or JAVA_HOME; scripts/setup installs it")
    from pyspark.sql import SparkSession

    # Settings for a few rows, not for speed on data: one partition, no UI, and a JVM that
    # compiles less (C1 only) and collects garbage on one thread; they halve the run time.
    session = (
        SparkSession.builder.master("local[1]")
        .appName("archgen-tests")
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module", params=GLUE_SCRIPTS)
def glue(request, tmp_path_factory):
    return load(request.param, tmp_path_factory)


@pytest.fixture(scope="module", params=EMR_SCRIPTS)
def emr(request, tmp_path_factory):
    return load(request.param, tmp_path_factory)


@pytest.fixture
def events(spark, tmp_path):
    """Raw order events read from a file of JSON lines (a dict is a line, a str a raw line)."""
    numbers = itertools.count()

    def read(*records):
        path = tmp_path / "events" / f"{next(numbers)}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records))
        return spark.read.json(str(path))

    return read


def order(order_id, ordered_at, quantity=1, unit_price=10.0, **fields):
    return {
        "order_id": order_id,
        "customer_id": fields.pop("customer_id", "c1"),
        "product_id": fields.pop("product_id", "p1"),
        "country": fields.pop("country", "de"),
        "quantity": quantity,
        "unit_price": unit_price,
        "ordered_at": ordered_at,
        **fields,
    }


SAMPLE = [
    order("o1", "2025-01-01T10:00:00Z", quantity=2, unit_price=9.99),
    order("o1", "2025-01-01T12:00:00Z", quantity=3, unit_price=9.99),  # a later version
    order("o2", "2025-01-01T11:00:00Z", customer_id="c2", country="FR", unit_price=5),
    order("o3", "2025-01-02T09:30:00Z", quantity="4", unit_price="2.50"),  # strings
    order("o4", None),  # no timestamp
    order("o5", "2025-01-02T10:00:00Z", quantity=0),
    order("o6", "2025-01-02T10:00:00Z", unit_price=-1),
    order(None, "2025-01-02T10:00:00Z"),
    "not json",
]


def rows(df) -> list[dict]:
    return [row.asDict() for row in df.collect()]


def warehouse_columns() -> list[str]:
    """The columns of the Redshift table that COPY loads the curated orders into."""
    (sql_path,) = [p for p in catalog_files() if p.endswith("/load_orders.sql")]
    for statement in sqlglot.parse(catalog_files()[sql_path], read="redshift"):
        if isinstance(statement, exp.Create) and statement.this.this.name == "orders":
            return [c.name for c in statement.this.expressions if isinstance(c, exp.ColumnDef)]
    raise AssertionError(f"{sql_path} creates no orders table")


def test_the_catalog_has_the_scripts():
    assert GLUE_SCRIPTS and EMR_SCRIPTS


def test_clean_orders_keeps_the_latest_version_of_each_valid_order(glue, events):
    cleaned = glue.clean_orders(events(*SAMPLE)).orderBy("order_id")
    assert rows(cleaned) == [
        {
            "order_id": "o1",
            "customer_id": "c1",
            "product_id": "p1",
            "country": "DE",
            "quantity": 3,
            "unit_price": Decimal("9.99"),
            "amount": Decimal("29.97"),
            "ordered_at": dt.datetime(2025, 1, 1, 12, 0),
            "order_date": dt.date(2025, 1, 1),
        },
        {
            "order_id": "o2",
            "customer_id": "c2",
            "product_id": "p1",
            "country": "FR",
            "quantity": 1,
            "unit_price": Decimal("5.00"),
            "amount": Decimal("5.00"),
            "ordered_at": dt.datetime(2025, 1, 1, 11, 0),
            "order_date": dt.date(2025, 1, 1),
        },
        {
            "order_id": "o3",
            "customer_id": "c1",
            "product_id": "p1",
            "country": "DE",
            "quantity": 4,
            "unit_price": Decimal("2.50"),
            "amount": Decimal("10.00"),
            "ordered_at": dt.datetime(2025, 1, 2, 9, 30),
            "order_date": dt.date(2025, 1, 2),
        },
    ]


def test_glue_reads_one_object_when_a_map_state_names_it(glue):
    """Run once per object (a Step Functions Map state), the job reads that object only."""
    lake = "s3://lake"
    assert glue.input_paths(lake) == [f"{lake}/raw/orders/"]
    key = "raw/orders/dt=2025-01-02/part-0.json"
    assert glue.input_paths(lake, key) == [f"{lake}/{key}"]
    for outside in ("curated/orders/x.parquet", "raw/orders/dt=2025-01-02/"):
        with pytest.raises(ValueError, match="source_key"):
            glue.input_paths(lake, outside)


def test_a_field_missing_from_a_whole_batch_is_null(glue, events):
    valid = {"order_id": "o1", "ordered_at": "2025-01-01T10:00:00Z", "quantity": 1}
    (cleaned,) = rows(glue.clean_orders(events({**valid, "unit_price": 2})))
    assert cleaned["product_id"] is None and cleaned["customer_id"] is None
    # An order with no price at all is not valid.
    assert rows(glue.clean_orders(events(valid))) == []


def test_glue_first_runs_with_nothing_new_write_nothing(spark, glue, events, tmp_path):
    from pyspark.sql.types import StructType

    lake = tmp_path.as_uri()
    # What Glue gives when the bookmark finds no new file (or raw/orders/ does not exist).
    nothing = spark.createDataFrame([], StructType([]))
    assert glue.write_orders(nothing, lake) == 0
    only_invalid = events(order("o4", None), order(None, "2025-01-02T10:00:00Z"))
    assert glue.write_orders(only_invalid, lake) == 0
    assert not (tmp_path / glue.CURATED_PREFIX).exists()


def test_glue_appends_parquet_per_order_date_in_the_warehouse_column_order(
    spark, glue, events, tmp_path
):
    lake = tmp_path.as_uri()
    assert glue.write_orders(events(*SAMPLE[:3]), lake) == 2
    assert glue.write_orders(events(*SAMPLE[3:]), lake) == 1
    curated = tmp_path / glue.CURATED_PREFIX
    assert sorted(p.name for p in curated.glob("order_date=*")) == [
        "order_date=2025-01-01",
        "order_date=2025-01-02",
    ]
    assert spark.conf.get("spark.sql.parquet.outputTimestampType") == "TIMESTAMP_MICROS"
    # COPY maps a Parquet file's columns to the table's by position, and order_date is a
    # folder, not a column of the files.
    one_day = spark.read.parquet(str(curated / "order_date=2025-01-01"))
    assert one_day.columns == warehouse_columns()
    assert one_day.count() == 2


def test_emr_on_an_empty_lake_writes_an_empty_result(spark, emr, tmp_path):
    emr.run(spark, tmp_path.as_uri())
    result = spark.read.parquet(str(tmp_path / emr.REVENUE_PREFIX))
    assert result.columns == ["order_date", "country", "orders", "customers", "revenue"]
    assert result.count() == 0


def test_emr_reads_a_curated_folder_with_no_parquet_file_yet(spark, emr, tmp_path):
    curated = tmp_path / emr.ORDERS_PREFIX
    curated.mkdir(parents=True)
    (curated / "_SUCCESS").touch()
    emr.run(spark, tmp_path.as_uri())
    assert spark.read.parquet(str(tmp_path / emr.REVENUE_PREFIX)).count() == 0


def test_emr_reads_what_glue_writes_and_replaces_its_result(spark, glue, emr, events, tmp_path):
    lake = tmp_path.as_uri()
    assert glue.CURATED_PREFIX == emr.ORDERS_PREFIX
    glue.write_orders(events(*SAMPLE), lake)
    written = spark.read.parquet(str(tmp_path / glue.CURATED_PREFIX)).schema
    expected = [(f.name, f.dataType) for f in emr.ORDERS_SCHEMA]
    assert sorted((f.name, f.dataType) for f in written) == sorted(expected)

    for _ in range(2):  # a rerun replaces the result, it does not add to it
        emr.run(spark, lake)
        result = spark.read.parquet(str(tmp_path / emr.REVENUE_PREFIX))
        assert rows(result.orderBy("order_date", "country")) == [
            {
                "order_date": dt.date(2025, 1, 1),
                "country": "DE",
                "orders": 1,
                "customers": 1,
                "revenue": Decimal("29.97"),
            },
            {
                "order_date": dt.date(2025, 1, 1),
                "country": "FR",
                "orders": 1,
                "customers": 1,
                "revenue": Decimal("5.00"),
            },
            {
                "order_date": dt.date(2025, 1, 2),
                "country": "DE",
                "orders": 1,
                "customers": 1,
                "revenue": Decimal("10.00"),
            },
        ]


def test_daily_revenue_counts_distinct_orders_and_customers(spark, emr):
    orders = spark.createDataFrame(
        [
            ("o1", "c1", "DE", Decimal("10.00"), dt.date(2025, 1, 1)),
            ("o2", "c1", "DE", Decimal("5.50"), dt.date(2025, 1, 1)),
            ("o3", "c2", "DE", Decimal("1.00"), dt.date(2025, 1, 1)),
        ],
        "order_id string, customer_id string, country string, amount decimal(12,2), "
        "order_date date",
    )
    (day,) = rows(emr.daily_revenue(orders))
    assert (day["orders"], day["customers"], day["revenue"]) == (3, 2, Decimal("16.50"))
