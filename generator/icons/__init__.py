"""archgen's own icons for services that `diagrams` draws none for (drawn by draw.py).

Each class is a `diagrams` AWS node whose icon is a PNG of this package, so a
kind names it like any other: Icon("generator.icons", "DataBrew").
"""

from __future__ import annotations

from pathlib import Path

from diagrams.aws import _AWS

ICONS_DIR = Path(__file__).resolve().parent


class _Archgen(_AWS):
    def _load_icon(self) -> str:
        return str(ICONS_DIR / self._icon)


class DataBrew(_Archgen):
    """AWS Glue DataBrew (analytics)."""

    _icon = "databrew.png"


class MemoryDB(_Archgen):
    """Amazon MemoryDB (database)."""

    _icon = "memorydb.png"


class DataExchange(_Archgen):
    """AWS Data Exchange (analytics)."""

    _icon = "dataexchange.png"
