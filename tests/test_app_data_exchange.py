"""The Data Exchange auto-export's layout, and the saved query that reads it.

Data Exchange names each exported asset from the event action's key pattern; the
crawler turns the pattern's Hive-style folders into the table's partition columns, and
the workgroup's saved query groups by them. These tests tie the three together: a key
pattern that broke a documented rule, a crawler over another folder, or a query over
columns the layout does not make, fail here instead of after a provider's next revision.
"""

from __future__ import annotations

import pytest
import sqlglot
from sqlglot import exp

from generator.kinds.dataexchange_event_action import PARTITIONS, key_pattern, render_key
from generator.loader import load, pattern_files
from generator.render.code import generate

PATTERN = next(p for p in pattern_files() if p.stem == "data-exchange-auto-export")
VALUES = {
    "Revision.CreatedAt.Year": "2025",
    "Revision.CreatedAt.Month": "6",
    "Revision.CreatedAt.Day": "1",
    "Revision.Id": "3afc623EXAMPLE099e6fcc8EXAMPLEe7",
    "Asset.Name": "prices.csv",
}


def test_a_key_pattern_names_each_asset_as_the_documentation_shows():
    # The documentation's example: revision testRevisionId, assets asset1 and asset2.
    pattern = "${Revision.Id}/${Asset.Name}"
    keys = [
        render_key(pattern, {"Revision.Id": "testRevisionId", "Asset.Name": a})
        for a in ("asset1", "asset2")
    ]
    assert keys == ["testRevisionId/asset1", "testRevisionId/asset2"]


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [("${Revision.Id}/data.csv", "names no asset"), ("${Asset.Name}/${Revision.Date}", "unknown")],
)
def test_a_key_pattern_data_exchange_refuses_is_refused(pattern, problem):
    with pytest.raises(ValueError, match=problem):
        render_key(pattern, VALUES)


def test_the_export_puts_each_revision_in_hive_folders_of_its_own():
    key = render_key(key_pattern("prices/"), VALUES)
    *folders, asset = key.split("/")
    assert folders[0] == "prices" and asset == "prices.csv"
    assert dict(f.split("=", 1) for f in folders[1:]) == {
        "year": "2025",
        "month": "6",
        "day": "1",
        "revision": VALUES["Revision.Id"],
    }
    other = render_key(key_pattern("prices/"), {**VALUES, "Revision.Id": "another"})
    assert other != key


@pytest.fixture(scope="module")
def built():
    resolved = load(PATTERN).resolve({})
    return resolved, generate(resolved).files


def test_the_crawler_crawls_the_folder_the_revisions_are_exported_to(built):
    resolved, _ = built
    (export,) = [c for c in resolved.components if c.kind.name == "dataexchange.event_action"]
    (bucket,) = [
        f.target for f in resolved.flows if f.source is export and f.target.kind.name == "s3.bucket"
    ]
    crawls = [
        f.props.prefix
        for f in resolved.flows
        if f.source.kind.name == "glue.crawler" and f.target is bucket
    ]
    assert crawls == [export.props.prefix]


def test_the_saved_query_reads_the_crawled_table_by_the_exports_partitions(built):
    resolved, files = built
    (export,) = [c for c in resolved.components if c.kind.name == "dataexchange.event_action"]
    (database,) = [c for c in resolved.components if c.kind.name == "glue.database"]
    tree = sqlglot.parse_one(files["sql/queries/rows_per_revision.sql"], read="athena")
    (table,) = list(tree.find_all(exp.Table))
    assert (table.db, table.name) == (database.props.database_name, export.props.prefix.rstrip("/"))
    grouped = {column.name for column in tree.find(exp.Group).find_all(exp.Column)}
    assert grouped == {column for column, _ in PARTITIONS}
