"""Every SQL file the catalog ships, and every statement its DAGs, jobs and state machines
send, parses in its dialect.

sqlglot parses each in the dialect of the service that runs it (Redshift, Athena/Trino,
PostgreSQL for Aurora). The DAGs are run here as MWAA parses them, with Airflow replaced
by stand-ins that record each operator's arguments, and the Glue Python shell jobs' scripts
run against Athena answered by botocore's Stubber, so the statements checked are the ones
the generated code would send, split by the generated code. The state machines'
statements are read from the synthesized definitions: each Athena task's QueryString is
a States.Format call, evaluated here as Step Functions would at run time.
"""

from __future__ import annotations

import ast
import functools
import json
import re
import runpy
import sys
import types
from pathlib import Path

import boto3
import pytest
import sqlglot
from botocore.stub import Stubber
from conftest import VARIANTS, variant_id
from sqlglot import exp

from generator.render.code import app_sources, generate

# The dialect of the service each kind runs SQL in.
DIALECTS = {
    "redshift.cluster": "redshift",
    "athena.workgroup": "athena",
    "rds.aurora_cluster": "postgres",
    "glue.python_shell_job": "athena",
}
# Airflow operators that send SQL: the argument that holds it, and its dialect.
SQL_OPERATORS = {
    "RedshiftDataOperator": ("sql", "redshift"),
    "AthenaOperator": ("query", "athena"),
}
# What a DAG's resources file holds once deployed; the values only need to look real.
SAMPLE_RESOURCE = {
    "copy_role_arn": "arn:aws:iam::123456789012:role/copy",
    "execution_role_arn": "arn:aws:iam::123456789012:role/job",
    "copy_sources": ["s3://sample-lake"],
    "data_buckets": ["sample-lake"],
}
# A SQL file that splits wrongly on every ";" that is not a statement's end.
TRICKY_SQL = """-- A comment; with a semicolon, and 'a quote.
CREATE TABLE IF NOT EXISTS public.notes (note VARCHAR(64));
/* A block comment; over
   two lines. */
INSERT INTO public.notes VALUES ('one; two'), ('{source}');
DELETE FROM public.notes WHERE note = 'x;y' -- trailing; comment
;
"""

CASES = {variant_id(item): item for item in VARIANTS}


@functools.cache
def generated(key: str):
    pattern, values = CASES[key]
    resolved = pattern.resolve(values)
    return resolved, generate(resolved).files


# Redshift statements sqlglot has no parser for, as the Redshift documentation writes their
# clauses: their tokens (sqlglot's Redshift tokenizer) are matched against these grammars.
# {name} is a value the stack fills in.
_VALUE = r"(?:'[^']*'|\{\w+\})"
REDSHIFT_GRAMMARS = {
    # r_CREATE_EXTERNAL_SCHEMA.html, FROM POSTGRES
    "CREATE EXTERNAL SCHEMA": re.compile(
        r"CREATE EXTERNAL SCHEMA (?:IF NOT EXISTS )?\w+ FROM POSTGRES"
        rf" DATABASE {_VALUE}(?: SCHEMA {_VALUE})?"
        rf" URI {_VALUE}(?: PORT (?:\d+|\{{\w+\}}))?"
        rf" IAM_ROLE (?:default|{_VALUE})"
        rf" SECRET_ARN {_VALUE}$",
        re.IGNORECASE,
    ),
    # r_CREATE_USER.html: PASSWORD DISABLE (IAM temporary credentials only), and the options
    # the catalog uses
    "CREATE USER": re.compile(
        r"CREATE USER \w+ (?:WITH )?PASSWORD DISABLE"
        r"(?: (?:SYSLOG ACCESS (?:RESTRICTED|UNRESTRICTED)|CONNECTION LIMIT \d+))*$",
        re.IGNORECASE,
    ),
}


def documented_grammar_matches(command: exp.Command) -> bool:
    """A Command sqlglot could not parse is a Redshift statement that follows its documented
    grammar (REDSHIFT_GRAMMARS), clause by clause and in order."""
    text = command.sql("redshift")
    tokens = sqlglot.tokenize(text, read="redshift")
    words = []
    for token in tokens:
        if token.token_type.name == "STRING":
            words.append("'" + token.text + "'")
        elif token.text == "{":
            words.append("{")
        else:
            words.append(token.text)
    joined = " ".join(words).replace("{ ", "{").replace(" }", "}")
    return any(
        grammar.match(joined)
        for start, grammar in REDSHIFT_GRAMMARS.items()
        if joined.upper().startswith(start)
    )


def statements(sql: str, dialect: str) -> list[exp.Expression]:
    """The statements sqlglot finds; an error if it cannot parse one."""
    found = [e for e in sqlglot.parse(sql, read=dialect) if e is not None]
    for expression in found:
        # sqlglot falls back to an opaque Command for syntax it does not know; the Redshift
        # statements it lacks are checked against their documented grammars instead.
        assert not isinstance(expression, exp.Command) or (
            dialect == "redshift" and documented_grammar_matches(expression)
        ), f"sqlglot does not understand, in {dialect}: {expression.sql(dialect)[:120]}"
    return found


def sql_files(resolved, files: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Each generated SQL file: its text and the dialect of the service that runs it (the
    component that ships it, or the target of the flow that does)."""
    found = {}
    for source in app_sources(resolved):
        if source.path.endswith(".sql"):
            kind = source.runs_in
            assert kind in DIALECTS, f"{source.path}: no SQL dialect known for kind {kind}"
            found[source.path] = (files[source.path], DIALECTS[kind])
    return found


class _Stub:
    """Any Airflow or pendulum name: records how it is called; a DAG is a context manager."""

    calls: list[tuple[str, dict]]

    def __init__(self, *args, **kwargs):
        self.calls.append((type(self).__name__, kwargs))

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False


class _StubModule(types.ModuleType):
    def __init__(self, name: str, calls: list):
        super().__init__(name)
        self._calls = calls

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return type(name, (_Stub,), {"calls": self._calls})


def run_dags(files: dict[str, str], folder: Path, monkeypatch) -> list[tuple[str, dict]]:
    """Run every generated DAG as MWAA would parse it; the operators it makes, with arguments.

    The folder is laid out as the MWAA kind deploys it: dags/ holds the DAG's files, the SQL
    folders, and the resources file.
    """
    calls: list[tuple[str, dict]] = []
    dags = {path: text for path, text in files.items() if path.startswith("mwaa/")}
    for path, text in dags.items():
        component = path.split("/")[1]
        dag_folder = folder / component / "dags"
        for name, content in files.items():
            if name.startswith(f"mwaa/{component}/"):
                target = dag_folder / name.removeprefix(f"mwaa/{component}/")
            elif name.startswith("sql/"):
                target = dag_folder / name.removeprefix("sql/")
            else:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content)
        resources: dict[str, dict[str, object]] = {}
        for group, key in re.findall(r'RESOURCES\["(\w+)"\]\["(\w+)"\]', text):
            resources.setdefault(group, {})[key] = SAMPLE_RESOURCE.get(key, f"{group}-{key}")
        (dag_folder / f"{component}_resources.json").write_text(json.dumps(resources))

        for node in ast.walk(ast.parse(text)):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name.split(".")[0] in ("airflow", "pendulum"):
                    parts = name.split(".")
                    for depth in range(1, len(parts) + 1):
                        module = ".".join(parts[:depth])
                        monkeypatch.setitem(sys.modules, module, _StubModule(module, calls))
        runpy.run_path(str(dag_folder / Path(path).name), run_name="dag")
    return calls


def sent_sql(calls: list[tuple[str, dict]]) -> list[tuple[str, str, list[str]]]:
    """(task id, dialect, statements) of every operator that sends SQL."""
    sent = []
    for operator, kwargs in calls:
        if operator in SQL_OPERATORS:
            argument, dialect = SQL_OPERATORS[operator]
            value = kwargs[argument]
            sent.append((kwargs["task_id"], dialect, [value] if isinstance(value, str) else value))
    return sent


@pytest.mark.parametrize("key", list(CASES))
def test_every_sql_file_parses_in_its_dialect(key):
    resolved, files = generated(key)
    for path, (text, dialect) in sql_files(resolved, files).items():
        assert statements(text, dialect), f"{path}: no statement"


@pytest.mark.parametrize("key", list(CASES))
def test_every_statement_a_dag_sends_is_one_statement_in_its_dialect(key, tmp_path, monkeypatch):
    resolved, files = generated(key)
    sent = sent_sql(run_dags(files, tmp_path, monkeypatch))
    for task_id, dialect, batch in sent:
        assert batch, f"task {task_id} sends no SQL"
        for sql in batch:
            found = statements(sql, dialect)
            assert len(found) == 1, f"task {task_id} sends {len(found)} statements as one: {sql!r}"
        # A file's statements go out whole, in order: none lost, merged or cut in two.
        folder = f"sql/{task_id}/"
        shipped = [
            type(e).__name__
            for path, (text, _) in sorted(sql_files(resolved, files).items())
            if path.startswith(folder)
            for e in statements(text, dialect)
        ]
        if shipped:
            assert [type(statements(sql, dialect)[0]).__name__ for sql in batch] == shipped


def sent_by_python_shell_jobs(resolved, files, folder) -> list[tuple[str, list[str]]]:
    """(component id, the statements its script sends to Athena, in order) for each Glue
    Python shell job: the script runs its SQL file with every query answered SUCCEEDED."""
    sent = []
    for source in app_sources(resolved):
        if source.component.kind.name != "glue.python_shell_job" or not source.path.endswith(".py"):
            continue
        script = folder / source.path
        script.parent.mkdir(parents=True, exist_ok=True)
        script.write_text(files[source.path])
        module = runpy.run_path(str(script), run_name="job")
        (sql_path,) = [
            s.path
            for s in app_sources(resolved)
            if s.component.id == source.component.id and s.path.endswith(".sql")
        ]
        athena = boto3.client(
            "athena", region_name="eu-west-1", aws_access_key_id="x", aws_secret_access_key="x"
        )
        queries: list[str] = []
        athena.meta.events.register(
            "before-parameter-build.athena.StartQueryExecution",
            lambda params, queries=queries, **_: queries.append(params["QueryString"]),
        )
        statements = module["split_statements"](files[sql_path])
        with Stubber(athena) as stub:
            for number, _ in enumerate(statements):
                query_id = f"q{number}"
                stub.add_response("start_query_execution", {"QueryExecutionId": query_id})
                stub.add_response(
                    "get_query_execution",
                    {
                        "QueryExecution": {
                            "QueryExecutionId": query_id,
                            "Status": {"State": "SUCCEEDED"},
                        }
                    },
                )
            module["run_statements"](
                athena,
                files[sql_path],
                workgroup="reports",
                database="orders",
                values={"data_bucket": "sample-lake"},
                deadline=60,
                clock=lambda: 0,
                sleep=lambda seconds: None,
            )
            stub.assert_no_pending_responses()
        sent.append((source.component.id, queries))
    return sent


@pytest.mark.parametrize("key", list(CASES))
def test_every_statement_a_python_shell_job_sends_is_one_statement_in_its_dialect(key, tmp_path):
    resolved, files = generated(key)
    shipped = sql_files(resolved, files)
    for component_id, queries in sent_by_python_shell_jobs(resolved, files, tmp_path):
        assert queries, f"job {component_id} sends no SQL"
        for sql in queries:
            found = statements(sql, "athena")
            assert len(found) == 1, f"job {component_id} sends {len(found)} statements as one"
        # The file's statements go out whole, in order: none lost, merged or cut in two.
        (text,) = [
            text for path, (text, _) in shipped.items() if path.startswith(f"sql/{component_id}/")
        ]
        assert [type(statements(sql, "athena")[0]).__name__ for sql in queries] == [
            type(e).__name__ for e in statements(text, "athena")
        ]


def test_dags_split_sql_with_a_parser_not_on_every_semicolon(tmp_path, monkeypatch):
    """A ";" inside a comment or a string literal does not end a statement."""
    with_both = [
        key
        for key in CASES
        if any(path.endswith(".sql") for path in generated(key)[1])
        and any(path.startswith("mwaa/") for path in generated(key)[1])
    ]
    assert with_both, "no catalog variant has a DAG and SQL files"
    _, files = generated(with_both[0])
    tricky = {path: TRICKY_SQL if path.endswith(".sql") else text for path, text in files.items()}
    sent = sent_sql(run_dags(tricky, tmp_path, monkeypatch))
    assert sent
    for _task_id, dialect, batch in sent:
        expected = [
            e.sql(dialect, comments=False)
            for e in statements(TRICKY_SQL.format(source="SOURCE"), dialect)
        ]
        got = [
            " ; ".join(e.sql(dialect, comments=False) for e in statements(sql, dialect))
            for sql in batch
        ]
        assert [re.sub(r"'s3://[^']*'", "'SOURCE'", sql) for sql in got] == expected


# What a state machine's context and state hold at run time, for the JSONPaths its tasks use.
SAMPLE_CONTEXT = {"Execution": {"StartTime": "2025-01-02T00:30:00.123Z"}}
SAMPLE_INPUT = {"Key": "raw/orders/dt=2025-01-02/part-0.json"}
# Every Ref and GetAtt of a definition stands for this value (the bucket a query names, ...).
SAMPLE_REF = "sample-ref"


def resolved_definition(value) -> str:
    """A DefinitionString with its Refs and GetAtts replaced by SAMPLE_REF."""
    if isinstance(value, str):
        return value
    if "Fn::Join" in value:
        separator, parts = value["Fn::Join"]
        return separator.join(resolved_definition(part) for part in parts)
    assert set(value) & {"Ref", "Fn::GetAtt"}, f"unexpected intrinsic {value}"
    return SAMPLE_REF


class Intrinsic:
    """Evaluates Amazon States Language intrinsic functions (the few the catalog uses)."""

    def __init__(self, text: str, state: dict):
        self.text, self.at, self.state = text, 0, state

    def value(self):
        text = self.text
        if text.startswith("'", self.at):
            self.at += 1
            chars = []
            while text[self.at] != "'":
                if text[self.at] == "\\":
                    self.at += 1
                chars.append(text[self.at])
                self.at += 1
            self.at += 1
            return "".join(chars)
        if text.startswith("States.", self.at):
            name = re.match(r"States\.(\w+)\(", text[self.at :])
            self.at += name.end()
            args = []
            while not text.startswith(")", self.at):
                args.append(self.value())
                if text.startswith(", ", self.at):
                    self.at += 2
            self.at += 1
            return self.call(name.group(1), args)
        if text.startswith("$", self.at):
            path = re.match(r"\$\$?[\w.]*", text[self.at :]).group()
            self.at += len(path)
            value = SAMPLE_CONTEXT if path.startswith("$$") else self.state
            for key in path.lstrip("$").strip(".").split("."):
                value = value[key] if key else value
            return value
        number = re.match(r"-?\d+", text[self.at :])
        assert number, f"cannot read {text[self.at :]!r}"
        self.at += number.end()
        return int(number.group())

    @staticmethod
    def call(name: str, args: list):
        if name == "Format":
            template, *values = args
            assert template.count("{}") == len(values), (template, values)
            for value in values:
                template = template.replace("{}", str(value), 1)
            return template
        if name == "StringSplit":
            return [part for part in re.split(f"[{re.escape(args[1])}]", args[0]) if part]
        if name == "ArrayGetItem":
            return args[0][args[1]]
        raise AssertionError(f"no stand-in for States.{name}")


def task_states(states: dict):
    """Every state of a definition, with those of its Parallel branches and Map processors."""
    for state in states.values():
        yield state
        for branch in state.get("Branches", []):
            yield from task_states(branch["States"])
        if "ItemProcessor" in state:
            yield from task_states(state["ItemProcessor"]["States"])


def sent_by_state_machines(template: dict) -> list[str]:
    """The SQL text each Athena task of each state machine sends, as Step Functions builds it."""
    sent = []
    for resource in template["Resources"].values():
        if resource["Type"] != "AWS::StepFunctions::StateMachine":
            continue
        definition = json.loads(resolved_definition(resource["Properties"]["DefinitionString"]))
        for state in task_states(definition["States"]):
            if "athena:startQueryExecution" not in state.get("Resource", ""):
                continue
            parameters = state["Parameters"]
            if "QueryString" in parameters:
                sent.append(parameters["QueryString"])
            else:
                reader = Intrinsic(parameters["QueryString.$"], SAMPLE_INPUT)
                sent.append(reader.value())
                assert reader.at == len(reader.text), "the whole QueryString is one call"
    return sent


@pytest.mark.parametrize("key", list(CASES))
def test_every_statement_a_state_machine_sends_is_its_sql_file_in_its_dialect(key, synthesized):
    """Each Athena task sends one statement that parses, and the statements sent are the
    shipped SQL files, with the run's values where the files name them."""
    resolved, files = generated(key)
    sent = sent_by_state_machines(synthesized[key].template)
    shipped = [
        (text, dialect)
        for path, (text, dialect) in sql_files(resolved, files).items()
        if path.startswith("sql/")
        and any(
            source.flow is not None
            and source.flow.source.kind.name == "stepfunctions.state_machine"
            for source in app_sources(resolved)
            if source.path == path
        )
    ]
    values = {"bucket": SAMPLE_REF, "day": "2025-01-02"}
    expected = sorted(
        statements(text.format(**values), dialect)[0].sql(dialect, comments=False)
        for text, dialect in shipped
    )
    got = []
    for sql in sent:
        found = statements(sql, "athena")
        assert len(found) == 1, f"a task sends {len(found)} statements as one: {sql[:200]}"
        got.append(found[0].sql("athena", comments=False))
    assert sorted(set(got)) == sorted(set(expected))


def test_the_catalog_has_state_machines_that_send_sql(synthesized):
    assert any(sent_by_state_machines(item.template) for item in synthesized.values())


def sent_by_schedules(template: dict) -> list[list[str]]:
    """The SQL statements each schedule sends to the Redshift Data API, as its input holds them
    once deployed (each Ref and GetAtt stands for SAMPLE_REF)."""
    sent = []
    for resource in template["Resources"].values():
        if resource["Type"] != "AWS::Scheduler::Schedule":
            continue
        target = resource["Properties"]["Target"]
        if not resolved_definition(target["Arn"]).endswith(":redshiftdata:batchExecuteStatement"):
            continue
        sent.append(json.loads(resolved_definition(target["Input"]))["Sqls"])
    return sent


@pytest.mark.parametrize("key", list(CASES))
def test_every_statement_a_schedule_sends_to_redshift_is_one_statement_of_its_files(
    key, synthesized
):
    """The stack splits the shipped files into the batch's statements: each one statement
    that parses in Redshift, none lost, merged or cut in two, every {value} filled in."""
    resolved, files = generated(key)
    for batch in sent_by_schedules(synthesized[key].template):
        assert 1 <= len(batch) <= 40, "BatchExecuteStatement takes 1 to 40 statements"
        got = []
        for sql in batch:
            assert not re.search(r"\{\w+\}", sql), f"a value was not filled in: {sql[:200]}"
            found = statements(sql, "redshift")
            assert len(found) == 1, f"a schedule sends {len(found)} statements as one: {sql!r}"
            got.append(type(found[0]).__name__)
        shipped = [
            type(e).__name__
            for source in app_sources(resolved)
            if source.flow is not None
            and source.flow.connector.module_name == "scheduler_schedule__redshift_cluster"
            for e in statements(files[source.path], "redshift")
        ]
        assert got == shipped


def test_the_catalog_has_schedules_that_send_sql_to_redshift(synthesized):
    assert any(sent_by_schedules(item.template) for item in synthesized.values())


@pytest.mark.parametrize(
    ("sql", "valid"),
    [
        ("CREATE USER etl PASSWORD DISABLE", True),
        ("CREATE USER monitor WITH PASSWORD DISABLE SYSLOG ACCESS UNRESTRICTED", True),
        ("CREATE USER etl PASSWORD 'Secret123'", False),
        ("CREATE USER etl PASSWORD DISABLE SYSLOG ACCESS EVERYTHING", False),
        (
            "CREATE EXTERNAL SCHEMA IF NOT EXISTS live FROM POSTGRES DATABASE 'shop' "
            "SCHEMA 'public' URI '{host}' PORT 5432 IAM_ROLE '{role}' SECRET_ARN '{secret}'",
            True,
        ),
        ("CREATE EXTERNAL SCHEMA live FROM POSTGRES DATABASE 'shop' URI '{host}'", False),
    ],
)
def test_statements_sqlglot_lacks_are_checked_against_their_documented_grammar(sql, valid):
    (command,) = sqlglot.parse(sql, read="redshift")
    assert isinstance(command, exp.Command)
    assert documented_grammar_matches(command) is valid
