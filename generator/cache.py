"""The build cache: a pattern's whole output folder, found again by what made it.

A build of one pattern is a pure function of its inputs, so when none of them
changed, archgen copies the earlier result instead of generating, drawing,
synthesizing and checking again (no Node process starts).

Content-addressed, under `$XDG_CACHE_HOME/archgen` (else `~/.cache/archgen`):

- `objects/<2 hex>/<sha256>`: the bytes of one output file, stored once by hash;
- `builds/<key>.json`: one pattern build: its files (path to hash), findings and
  resource count.

The key is a hash of everything that can change an output: the pattern file
(its bytes and where it is), the parameter values, archgen's version, archgen's
own code and shared templates, the module and templates of every kind and
connector the pattern uses, and the versions of the pinned tools, Graphviz and
Python. A kind or connector whose source cannot be found makes the pattern
uncacheable rather than risk a stale hit. Entries are written atomically
(a temporary file renamed), so concurrent builds and interrupted ones never
leave half an entry; an entry that cannot be read is a miss.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator import __version__, paths, versions
from generator.findings import Finding
from generator.loader import Resolved

FORMAT = 1  # bump when the entry layout or the key's meaning changes
KIND_PACKAGES = ("generator.kinds", "generator.connectors")


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/archgen, else ~/.cache/archgen (a relative XDG path is ignored)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "archgen"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tree_digest(files: list[Path], root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): _sha(p.read_bytes()) for p in sorted(files)}


def _is_specific(module_file: Path) -> bool:
    """A kind's or connector's own module (not the registry or the kind contract)."""
    parent = module_file.parent
    return parent in (
        paths.PACKAGE / "kinds",
        paths.PACKAGE / "connectors",
    ) and module_file.name not in ("__init__.py", "base.py")


def _is_specific_template(template: Path) -> bool:
    relative = template.relative_to(paths.TEMPLATES_DIR).parts
    return relative[0] in ("kinds", "connectors", "app")


@cache
def shared_digest() -> str:
    """archgen's code and the templates every pattern uses, the kinds' own excluded."""
    code = [p for p in paths.PACKAGE.rglob("*.py") if not _is_specific(p)]
    templates = [
        p for p in paths.TEMPLATES_DIR.rglob("*") if p.is_file() and not _is_specific_template(p)
    ]
    material = {
        "code": _tree_digest(code, paths.PACKAGE),
        "templates": _tree_digest(templates, paths.TEMPLATES_DIR),
    }
    return _sha(json.dumps(material, sort_keys=True).encode())


@cache
def _environment_digest() -> str:
    material = {
        "format": FORMAT,
        "archgen": __version__,
        "tools": versions.tool_versions(),
        "python": list(sys.version_info[:2]),
    }
    return _sha(json.dumps(material, sort_keys=True).encode())


def _template_source(name: str | None) -> str | None:
    if name is None:
        return None
    from generator import templating

    environment = templating.environment()
    return environment.loader.get_source(environment, name)[0]


def _module_sources(cls: type) -> dict[str, str] | None:
    """The source of the module defining cls, its bases' and the kind modules it imports."""
    found: dict[str, str] = {}
    for klass in cls.__mro__:
        module = sys.modules.get(klass.__module__)
        if module is None or klass.__module__ in ("builtins", "generator.kinds.base"):
            continue
        found.setdefault(klass.__module__, "")
    for name in list(found):
        module = sys.modules[name]
        for value in vars(module).values():
            owner = getattr(value, "__module__", None) or getattr(value, "__name__", "")
            if isinstance(owner, str) and owner.startswith(KIND_PACKAGES) and owner in sys.modules:
                found.setdefault(owner, "")
    for name in found:
        try:
            found[name] = _sha(inspect.getsource(sys.modules[name]).encode())
        except (OSError, TypeError):
            return None
    return found


def _kind_digest(kind: type) -> dict | None:
    modules = _module_sources(kind)
    if modules is None:
        return None
    app_root = paths.TEMPLATES_DIR / "app" / kind.module_name()
    app_files = [p for p in app_root.rglob("*") if p.is_file()] if app_root.is_dir() else []
    return {
        "modules": modules,
        "template": _template_source(kind.template),
        "module_code": _template_source(kind.module_code),
        "app": _tree_digest(app_files, paths.TEMPLATES_DIR),
    }


def _connector_digest(connector) -> dict | None:
    name = f"{connector.source}__{connector.target}".replace(".", "_")
    module = sys.modules.get(f"generator.connectors.{name}")
    if module is None or getattr(module, "CONNECTOR", None) is not connector:
        return None  # not a registered connector module (a test's own): not cacheable
    return {
        "module": _sha(inspect.getsource(module).encode()),
        "templates": [_template_source(connector.expression), _template_source(connector.wiring)],
    }


def _packages(resolved: Resolved) -> dict[str, dict]:
    """The third-party packages each function installs at synth, and for which platform.

    They are the function's props, so the pattern's bytes and values already cover them;
    they are named here as well so that a requirement that comes from a parameter, or a
    change of architecture, can never hit the entry of another package set.
    """
    return {
        component.id: {
            "requirements": list(component.props.requirements),
            "architecture": component.props.architecture,
        }
        for component in resolved.components
        if getattr(component.props, "requirements", None)
    }


def build_key(resolved: Resolved) -> str | None:
    """The cache key of one pattern build, or None when it cannot be cached safely."""
    kinds = {}
    for component in resolved.components:
        digest = _kind_digest(component.kind)
        if digest is None:
            return None
        kinds[component.kind.name] = digest
    connectors = {}
    for flow in resolved.flows:
        digest = _connector_digest(flow.connector)
        if digest is None:
            return None
        connectors[f"{flow.connector.source}->{flow.connector.target}"] = digest
    pattern_path = resolved.pattern.path.resolve()
    material = {
        "packages": _packages(resolved),
        "environment": _environment_digest(),
        "shared": shared_digest(),
        "pattern": {"path": str(pattern_path), "sha256": _sha(pattern_path.read_bytes())},
        "values": resolved.values,
        "kinds": kinds,
        "connectors": connectors,
    }
    return _sha(json.dumps(material, sort_keys=True, default=str).encode())


@dataclass(frozen=True)
class Entry:
    """One cached build of one pattern: every file of its output folder, and its summary."""

    files: dict[str, bytes]
    findings: list[Finding]
    resources: int

    def digests(self) -> dict[str, str]:
        return {name: _sha(data) for name, data in self.files.items()}


class BuildCache:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root or cache_dir()

    def _object(self, digest: str) -> Path:
        return self.root / "objects" / digest[:2] / digest

    def _entry(self, key: str) -> Path:
        return self.root / "builds" / f"{key}.json"

    @staticmethod
    def _write_atomically(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> Entry | None:
        try:
            document = json.loads(self._entry(key).read_text(encoding="utf-8"))
            files = {}
            for name, digest in document["files"].items():
                data = self._object(digest).read_bytes()
                if _sha(data) != digest:
                    return None
                files[name] = data
            findings = [Finding(**f) for f in document["findings"]]
            return Entry(files, findings, int(document["resources"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, files: dict[str, bytes], findings: list[Finding], resources: int):
        """Store one build (best effort: a full or read-only cache never fails a build)."""
        try:
            digests = {}
            for name, data in sorted(files.items()):
                digest = _sha(data)
                digests[name] = digest
                if not self._object(digest).is_file():
                    self._write_atomically(self._object(digest), data)
            document = {
                "files": digests,
                "findings": [f.to_dict() for f in findings],
                "resources": resources,
            }
            self._write_atomically(self._entry(key), json.dumps(document, indent=1).encode())
        except OSError:
            pass

    def stats(self) -> tuple[int, int]:
        """(builds, bytes) held."""
        builds = len(list((self.root / "builds").glob("*.json")))
        size = sum(p.stat().st_size for p in self.root.rglob("*") if p.is_file())
        return builds, size

    def clear(self) -> tuple[int, int]:
        """Remove everything; returns what there was, as stats() counts it."""
        held = self.stats() if self.root.is_dir() else (0, 0)
        for name in ("builds", "objects"):
            shutil.rmtree(self.root / name, ignore_errors=True)
        return held
