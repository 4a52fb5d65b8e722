"""Starter projects: a standalone CDK Python app for one pattern, which a user then owns.

A project is rendered whole, in memory, before anything is written. Then every
file is classified against what is on disk:

- new: not there yet; written.
- identical: already has exactly this content; left untouched (not rewritten).
- update: archgen wrote it, nobody changed it since (its hash is the one the
  answers file recorded) and archgen now renders it differently; replaced.
- conflict: someone changed it; left alone and listed, replaced only when forced.

The answers file (.archgen.json) records the pattern id, its parameter values,
the project name, the archgen version and the hash of every file archgen
wrote, so that `archgen update` re-renders the project under the same rules
and a newer archgen never costs the user an edit.

The project runs the code archgen synthesizes: the same stack module (only its
application-code root moves up a level, out of the Python package), the same
application code, and a cdk.json that gives the CDK CLI the context archgen's
synth uses (its feature flags, no version reporting), so `npx cdk synth` gives
archgen's template. Its tests state what that template was when archgen wrote
them: each component's resources by type, the secure defaults they carry, their TLS
settings and deletion settings; another test runs cdk-nag. Its README's Prerequisites,
Run, Tear down and cost sections come from the kinds' lifecycle data joined with that
template (generator/lifecycle.py).
"""

from __future__ import annotations

import hashlib
import json
import keyword
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from generator import TEMPLATES_DIR, __version__, lifecycle, versions
from generator.build import Progress, quiet
from generator.errors import ArchgenError
from generator.inventory import resources_by_component
from generator.loader import Resolved
from generator.pyformat import format_files
from generator.render import code, diagram
from generator.secure import as_generated, assertion_source
from generator.synth import FEATURE_FLAGS, SynthInput, synth
from generator.templating import render

ANSWERS = ".archgen.json"
# The AWS CDK CLI the project's package.json pins (`npm view aws-cdk version`). npm also
# lists a 3.0.0, but it is deprecated and not the `latest` tag.
CDK_CLI_VERSION = "2.1148.1"
STACK_NAME_MAX = 128  # CloudFormation's limit on a stack name
# The stack module lives in the project's package, its application code at the project root.
PROJECT_APP_CODE_ROOT = "Path(__file__).resolve().parent.parent"
# Python modules a project package must not shadow: what the project itself imports, and
# the folders at its root that are not the package.
RESERVED_PACKAGES = frozenset(
    {"aws_cdk", "constructs", "cdk_nag", "jsii", "pytest", "tests", "node_modules"}
)

Status = Literal["new", "identical", "update", "conflict"]


@dataclass(frozen=True)
class ProjectName:
    """The name a user gave, and what it becomes in Python and in CloudFormation."""

    given: str
    package: str
    stack: str


def _words(text: str) -> list[str]:
    """Lower-case words of a name: 'My Lake', 'my_lake', 'MyLake' all give ['my', 'lake']."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    found = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", ascii_text)
    return [word.lower() for word in found]


def project_name(given: str, taken: Collection[str] = ()) -> ProjectName:
    """The package and stack names for a project name; ArchgenError if there cannot be both.

    taken: names the package must not have besides the reserved ones (the folders of the
    project's application code).
    """
    fix = "pass --name with a name such as my-data-lake"
    words = _words(given)
    if not words:
        raise ArchgenError(
            f"project name {given!r} has no letters or digits",
            field="name",
            expected="a name made of letters, digits, '-' or '_'",
            suggestion=fix,
        )
    if words[0][0].isdigit():  # neither a Python package nor a stack name may start with one
        words.insert(0, "app")
    stack = "-".join(words)
    if len(stack) > STACK_NAME_MAX:
        raise ArchgenError(
            f"project name {given!r} gives a {len(stack)}-character stack name",
            field="name",
            expected=f"at most {STACK_NAME_MAX} characters (CloudFormation's limit)",
            suggestion=fix,
        )
    package = "_".join(words)
    if keyword.iskeyword(package):
        package += "_"
    if package in RESERVED_PACKAGES or package in taken or package in sys.stdlib_module_names:
        raise ArchgenError(
            f"project name {given!r} gives the Python package '{package}', which would "
            "shadow a module or folder of the same name",
            field="name",
            expected="a name that is not a Python module, a dependency or a project folder",
            suggestion=f"pass --name {stack}-app, for example",
        )
    return ProjectName(given=given, package=package, stack=stack)


def pins() -> dict[str, str]:
    """Exact versions archgen pins, by distribution name (generator.versions reads them).

    The project installs the aws-cdk-lib, constructs and cdk-nag archgen synthesizes with,
    and the pytest archgen tests with.
    """
    return versions.pins()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def app_code_folders(resolved: Resolved) -> set[str]:
    """Top-level folders of the application code (lambda, glue, ...): not package names."""
    return {source.path.split("/")[0] for source in code.app_sources(resolved)}


def _py_literal(value: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{json.dumps(k)}: {v!r}" for k, v in value.items()) + "}"


def deletion_settings(resource: dict) -> dict[str, Any]:
    """What decides a resource's fate on `cdk destroy`, where it is not plain Delete.

    The project's tests hold the same function; its README's "Tear down" lists the
    resources whose DeletionPolicy keeps them.
    """
    found = {
        key: resource[key]
        for key in ("DeletionPolicy", "UpdateReplacePolicy")
        if resource.get(key, "Delete") != "Delete"
    }
    if "DeletionProtection" in resource.get("Properties", {}):
        found["DeletionProtection"] = resource["Properties"]["DeletionProtection"]
    return found


@dataclass
class RenderedProject:
    """Every file of a project, by path relative to its folder."""

    resolved: Resolved
    name: ProjectName
    files: dict[str, bytes]
    template: dict = field(default_factory=dict)  # archgen's synth of it, which files describe


def _synthesize(resolved: Resolved, generated: dict[str, str], stack_name: str) -> dict:
    """archgen's synth of its own generated code, with the project's stack name."""
    with tempfile.TemporaryDirectory(prefix="archgen-project-") as scratch:
        code_dir = Path(scratch)
        for name, text in generated.items():
            path = code_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (template,) = synth([SynthInput(resolved, code_dir, stack_name=stack_name)])
    return template


def _counts(resources: list) -> dict[str, int]:
    return dict(sorted(Counter(r.type for r in resources).items()))


def _template_facts(resolved: Resolved, template: dict) -> dict[str, Any]:
    """What the project's tests and README state about its template."""
    by_component = resources_by_component(resolved, template)
    counts = {comp.id: _counts(by_component.get(comp.id, [])) for comp in resolved.components}
    supporting = _counts(by_component.get(None, []))
    secure = {
        comp.id: {
            default.resource_type: assertion_source(default.properties)
            for default in comp.kind.secure_defaults
            if default.resource_type in counts[comp.id]
            and not default.tls
            and default.applies(comp.props)
        }
        for comp in resolved.components
    }
    resources = template.get("Resources", {})
    tls = {
        item.logical_id: (
            item.type,
            default.doc,
            assertion_source(
                as_generated(default.properties, resources[item.logical_id].get("Properties", {}))
            ),
        )
        for comp in resolved.components
        for default in comp.kind.secure_defaults
        if default.tls and default.applies(comp.props)
        for item in by_component.get(comp.id, [])
        if item.type == default.resource_type
    }
    secure_docs = {
        comp.id: {
            d.resource_type: d.doc
            for d in comp.kind.secure_defaults
            if d.applies(comp.props) and not d.tls
        }
        for comp in resolved.components
    }
    return {
        "counts": {component: _py_literal(found) for component, found in counts.items()},
        "supporting": _py_literal(supporting),
        "resource_counts": {**counts, None: supporting},
        "secure": {cid: found for cid, found in secure.items() if found},
        "secure_docs": secure_docs,
        "tls": dict(sorted(tls.items())),
        "deletion": {
            logical_id: _py_literal(settings)
            for logical_id, resource in sorted(resources.items())
            if (settings := deletion_settings(resource))
        },
        "flags": lifecycle.context_flags(resolved),
        "kept": lifecycle.kept(resolved, template),
        "costs": lifecycle.costs(resolved, template),
        "leaves_behind": lifecycle.leaves_behind(resolved, template),
        "stack_parameters": {
            key: spec.get("Description", "")
            for key, spec in template.get("Parameters", {}).items()
            if key != "BootstrapVersion"
        },
    }


def _tested_app_files(resolved: Resolved) -> set[str]:
    """Application code the project's tests run (a kind's test under templates/project/tests/)."""
    return {
        source.path
        for source in code.app_sources(resolved)
        if (TEMPLATES_DIR / f"project/tests/{source.template}").is_file()
    }


def render_project(
    resolved: Resolved, name: ProjectName, progress: Progress = quiet
) -> RenderedProject:
    """Render every file of the project (nothing is written)."""
    pkg = name.package
    progress("code")
    generated = code.generate(resolved).files
    app_files = {
        path: text
        for path, text in generated.items()
        if path not in (f"{resolved.module_name}.py", "app.py")
    }
    progress("synth (what the project's tests expect)")
    template = _synthesize(resolved, generated, name.stack)
    tested = _tested_app_files(resolved)
    context = {
        "r": resolved,
        "name": name,
        "version": __version__,
        "pins": pins(),
        "cdk_cli_version": CDK_CLI_VERSION,
        "feature_flags": FEATURE_FLAGS,
        "app_files": sorted(app_files),
        "untested_app_files": sorted(path for path in app_files if path not in tested),
        "run_sections": lifecycle.run_sections(resolved, template, name.stack),
        **_template_facts(resolved, template),
    }

    python = {
        "app.py": render("project/app.py.j2", **context),
        f"{pkg}/__init__.py": "",
        f"{pkg}/{pkg}_stack.py": code.generate_stack(
            resolved, app_code_root=PROJECT_APP_CODE_ROOT, regenerate="archgen update"
        ),
        "tests/__init__.py": "",
        "tests/unit/__init__.py": "",
        # synthesizes the stack once, with cdk-nag, for the stack and cdk-nag tests
        "tests/unit/conftest.py": render("project/tests/unit/conftest.py.j2", **context),
    }
    tests = {
        f"tests/unit/test_{pkg}_stack.py": (
            "project/tests/unit/test_stack.py.j2",
            {},
            "tests of the stack (`aws_cdk.assertions`): each component's resources by type, "
            "the secure defaults its kind declares, TLS settings, and what `cdk destroy` keeps",
        ),
        "tests/unit/test_cdk_nag.py": (
            "project/tests/unit/test_cdk_nag.py.j2",
            {},
            "cdk-nag's AWS Solutions checks: no finding the stack does not acknowledge",
        ),
    }
    # The test compiles the Python files of the application code; a project whose code is
    # only SQL has none, and an empty parametrized test would only be skipped.
    if any(path.endswith(".py") for path in app_files):
        tests["tests/unit/test_application_code.py"] = (
            "project/tests/unit/test_application_code.py.j2",
            {},
            "every Python file of the application code compiles",
        )
    for source in code.app_sources(resolved):
        if source.path in tested:
            tests[f"tests/unit/test_{source.component.id}.py"] = (
                f"project/tests/{source.template}",
                {"c": source.component, "path": source.path},
                f"tests of `{source.path}`, run locally",
            )
    context["test_files"] = [(path, doc) for path, (_, _, doc) in sorted(tests.items())]
    for path, (template_name, extra, _) in tests.items():
        python[path] = render(template_name, **extra, **context)
    try:
        python = format_files(python)
    except SyntaxError as exc:
        raise RuntimeError(f"archgen generated invalid Python for a project: {exc}") from exc

    progress("diagram")
    drawn = diagram.render(resolved)
    text_files = {
        "cdk.json": render("project/cdk.json.j2", **context),
        "requirements.txt": render("project/requirements.txt.j2", **context),
        "requirements-dev.txt": render("project/requirements-dev.txt.j2", **context),
        "package.json": render("project/package.json.j2", **context),
        ".gitignore": render("project/gitignore.j2", **context),
        "README.md": render("project/README.md.j2", **context),
        "diagram.svg": drawn.svg,
        **python,
        **app_files,
    }
    files = {path: text.encode("utf-8") for path, text in text_files.items()}
    files["diagram.png"] = drawn.png
    return RenderedProject(resolved, name, dict(sorted(files.items())), template)


@dataclass(frozen=True)
class Answers:
    """What the answers file records about a project."""

    pattern: str
    parameters: dict[str, Any]
    name: str
    archgen: str = __version__
    files: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        data = {
            "pattern": self.pattern,
            "parameters": self.parameters,
            "name": self.name,
            "archgen": self.archgen,
            "files": dict(sorted(self.files.items())),
        }
        return json.dumps(data, indent=1) + "\n"


def read_answers(folder: Path) -> Answers | None:
    """The project's answers file, None when there is none; ArchgenError when unreadable."""
    path = folder / ANSWERS
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArchgenError(
            f"cannot read the answers file: {exc}",
            file=path,
            suggestion="restore it from version control, or start over with `archgen new`",
        ) from None
    try:
        answers = Answers(
            pattern=str(data["pattern"]),
            parameters=dict(data.get("parameters", {})),
            name=str(data["name"]),
            archgen=str(data.get("archgen", "")),
            files={str(k): str(v) for k, v in dict(data.get("files", {})).items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ArchgenError(
            f"the answers file is incomplete: {exc}",
            file=path,
            expected="JSON with pattern, parameters, name, archgen and files",
            suggestion="restore it from version control, or start over with `archgen new`",
        ) from None
    return answers


@dataclass(frozen=True)
class FileStatus:
    path: str
    status: Status


@dataclass
class Plan:
    """Every file of a rendered project against what is on disk."""

    target: Path
    project: RenderedProject
    statuses: list[FileStatus]
    recorded: dict[str, str]

    def paths(self, status: Status) -> list[str]:
        return [s.path for s in self.statuses if s.status == status]

    def orphans(self) -> list[str]:
        """Files archgen wrote earlier that it no longer renders (left in place)."""
        return sorted(
            p for p in self.recorded if p not in self.project.files and (self.target / p).is_file()
        )


def classify(
    target: Path, files: Mapping[str, bytes], recorded: Mapping[str, str]
) -> list[FileStatus]:
    """new, identical, update or conflict, for every file (see the module docstring)."""
    statuses = []
    for path, content in files.items():
        disk = target / path
        blocked = any((target / parent).is_file() for parent in Path(path).parents if parent.parts)
        if blocked or ((disk.exists() or disk.is_symlink()) and not disk.is_file()):
            status: Status = "conflict"  # a file where a folder belongs, or the other way round
        elif not disk.exists():
            status = "new"
        else:
            data = disk.read_bytes()
            if data == content:
                status = "identical"
            elif recorded.get(path) == digest(data):
                status = "update"
            else:
                status = "conflict"
        statuses.append(FileStatus(path, status))
    return statuses


def plan(target: Path, project: RenderedProject) -> Plan:
    answers = read_answers(target) if target.is_dir() else None
    recorded = answers.files if answers else {}
    return Plan(target, project, classify(target, project.files, recorded), recorded)


def _write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.archgen-{os.getpid()}")
    tmp.write_bytes(content)
    tmp.replace(path)


def apply(planned: Plan, force: bool = False) -> list[str]:
    """Write new and update files (and conflicts when forced), then the answers file.

    Returns the paths written. Identical files and conflicts left alone are not touched.
    """
    target, project = planned.target, planned.project
    writing = {"new", "update"} | ({"conflict"} if force else set())
    written = []
    try:
        if target.exists() and not target.is_dir():
            raise ArchgenError("not a folder", file=target, suggestion="choose another DIR")
        for item in planned.statuses:
            if item.status in writing:
                _write_atomically(target / item.path, project.files[item.path])
                written.append(item.path)
        hashes = dict(planned.recorded)
        for item in planned.statuses:
            if item.status == "identical" or item.path in written:
                hashes[item.path] = digest(project.files[item.path])
        answers = (
            Answers(
                pattern=project.resolved.id,
                parameters=dict(project.resolved.values),
                name=project.name.given,
                files=hashes,
            )
            .to_json()
            .encode("utf-8")
        )
        answers_path = target / ANSWERS
        if not answers_path.is_file() or answers_path.read_bytes() != answers:
            _write_atomically(answers_path, answers)
    except OSError as exc:
        raise ArchgenError(
            f"cannot write the project: {exc.strerror}",
            file=exc.filename or target,
            suggestion="check the folder's permissions, or choose another DIR",
        ) from None
    return written
