"""Where archgen finds its catalog (patterns/) and its templates: the one place that knows.

In the repository both are top-level folders beside generator/, as the layout
requires. The wheel ships them as package data under generator/_data/
(pyproject.toml maps the packages generator._data.patterns and
generator._data.templates to those folders), so an installed archgen (pip,
pipx, a wheel) runs from any directory. A checkout, editable install or not,
uses its own folders, so an edit there is what runs.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent  # the repository root, when archgen runs from one
INSTALLED_DATA = PACKAGE / "_data"


def is_checkout() -> bool:
    """True when generator/ sits in archgen's repository (its pyproject.toml beside it)."""
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "patterns").is_dir()


def data_dir(name: str) -> Path:
    """patterns/ or templates/: the checkout's folder, else the installed package data."""
    return CHECKOUT / name if is_checkout() else INSTALLED_DATA / name


PATTERNS_DIR = data_dir("patterns")
TEMPLATES_DIR = data_dir("templates")
