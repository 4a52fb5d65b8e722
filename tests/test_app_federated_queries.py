"""The saved queries of Athena workgroups, as every catalog variant ships them.

Each one parses as Athena (Trino) SQL, and every table it names is one the stack serves to
that workgroup's users: a lake table of a Glue database the workgroup reads (declared, or
written by a crawler over a folder, named after it), or a table
behind a federated catalog the workgroup's policy allows, where the catalog's connector
reads it (a DynamoDB table it is granted, in the connector's "default" schema). A team's
query that names a catalog its policy does not allow would fail at run time; here it fails
first. Columns of a lake table must be the table's own or its day partition.
"""

from __future__ import annotations

import functools

import pytest
import sqlglot
from conftest import VARIANTS, variant_id
from sqlglot import exp

from generator.kinds.glue_table import PARTITION_KEY
from generator.render.code import generate

CASES = {
    variant_id(item): item
    for item in VARIANTS
    if any(c.kind.name == "athena.workgroup" and c.props.named_queries for c in
           item[0].resolve(item[1]).components)
}  # fmt: skip
LAKE_CATALOG = "awsdatacatalog"  # the account's Glue Data Catalog, as Athena names it
DYNAMODB_SCHEMA = "default"  # the one schema the DynamoDB connector shows


@functools.cache
def generated(key: str):
    pattern, values = CASES[key]
    resolved = pattern.resolve(values)
    return resolved, generate(resolved).files


def _targets(resolved, source, kind: str) -> list:
    return [f.target for f in resolved.flows if f.source is source and f.target.kind.name == kind]


def _sources(resolved, target, kind: str) -> list:
    return [f.source for f in resolved.flows if f.target is target and f.source.kind.name == kind]


def served_tables(resolved, workgroup) -> dict[tuple[str, str, str], list[str] | None]:
    """(catalog, schema, table) the workgroup's users may query, with the columns Athena
    knows (None: the source's own)."""
    served: dict[tuple[str, str, str], list[str] | None] = {}
    for database in _targets(resolved, workgroup, "glue.database"):
        for table in _sources(resolved, database, "glue.table"):
            columns = [*table.props.columns, PARTITION_KEY]
            served[(LAKE_CATALOG, database.props.database_name, table.props.table_name)] = columns
        for crawler in _sources(resolved, database, "glue.crawler"):
            # A crawler over a folder names the table after it; it infers the columns.
            for flow in resolved.flows:
                if flow.source is crawler and getattr(flow.props, "prefix", None):
                    name = flow.props.prefix.rstrip("/").rsplit("/", 1)[-1]
                    served[(LAKE_CATALOG, database.props.database_name, name)] = None
    for catalog in _targets(resolved, workgroup, "athena.data_catalog"):
        (connector,) = _targets(resolved, catalog, "athena.connector")
        if connector.props.source == "dynamodb":
            for table in _sources(resolved, connector, "dynamodb.table"):
                assert table.props.table_name, f"{table.id}: SQL needs the table's fixed name"
                served[(catalog.props.catalog_name, DYNAMODB_SCHEMA, table.props.table_name)] = None
        else:
            # PostgreSQL: any table of the database, which the stack does not create.
            served[(catalog.props.catalog_name, "*", "*")] = None
    return served


def saved_queries(resolved, files):
    for comp in resolved.components:
        if comp.kind.name == "athena.workgroup":
            for name in comp.props.named_queries:
                yield comp, files[f"sql/{comp.id}/{name}.sql"]


@pytest.mark.parametrize("key", list(CASES))
@pytest.mark.parametrize("dialect", ["athena", "trino"])
def test_every_saved_query_parses_as_one_query(key, dialect):
    resolved, files = generated(key)
    for comp, sql in saved_queries(resolved, files):
        found = [e for e in sqlglot.parse(sql, read=dialect) if e is not None]
        assert len(found) == 1 and isinstance(found[0], exp.Query), comp.id


@pytest.mark.parametrize("key", list(CASES))
def test_a_saved_query_names_only_tables_its_workgroup_is_served(key):
    resolved, files = generated(key)
    for comp, sql in saved_queries(resolved, files):
        served = served_tables(resolved, comp)
        tree = sqlglot.parse_one(sql, read="athena")
        aliases = {}
        for table in tree.find_all(exp.Table):
            name = (table.catalog, table.db, table.name)
            assert all(name), f"{comp.id}: {table.sql()} is not catalog.schema.table"
            found = name if name in served else (table.catalog, "*", "*")
            assert found in served, f"{comp.id}: {'.'.join(name)} is not served to it"
            aliases[table.alias_or_name] = served[found]
        for column in tree.find_all(exp.Column):
            known = aliases.get(column.table)
            if known is not None:
                assert column.name in known, f"{comp.id}: {column.sql()} is not a column"


def test_a_catalog_the_workgroup_is_not_allowed_is_caught():
    """The check above can fail: a query naming a catalog outside the workgroup's flows."""
    key = next(iter(CASES))
    resolved, files = generated(key)
    comp, sql = next(saved_queries(resolved, files))
    served = served_tables(resolved, comp)
    tree = sqlglot.parse_one(sql.replace(LAKE_CATALOG + ".", "elsewhere."), read="athena")
    names = [(t.catalog, t.db, t.name) for t in tree.find_all(exp.Table)]
    assert any(n not in served and (n[0], "*", "*") not in served for n in names)
