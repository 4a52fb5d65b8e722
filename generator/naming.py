"""One way to turn ids into names: snake_case and slug ids become PascalCase."""

from __future__ import annotations

import re


def pascal(identifier: str) -> str:
    """'raw_zone' and 'streaming-ingest' give 'RawZone' and 'StreamingIngest'."""
    return "".join(part.capitalize() for part in re.split(r"[-_]", identifier))
