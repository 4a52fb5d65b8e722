"""One error type for every mistake a user can make.

The CLI prints an ArchgenError as a single line and exits non-zero; anything
else that escapes is a bug in archgen and keeps its traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class ArchgenError(Exception):
    """A user-facing error: where it is, what is wrong, what would be right."""

    message: str
    file: Path | str | None = None
    line: int | None = None
    field: str | None = None
    expected: str | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = str(self.file)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        text = where
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.expected:
            text += f"; expected {self.expected}"
        if self.suggestion:
            text += f"; {self.suggestion}"
        return text


def did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean' hint for the closest choice, or None when nothing is close."""
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def field_path(loc: Iterable[object]) -> str:
    """Render a location tuple such as ('components', 3, 'kind') as components[3].kind."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
