"""Draw archgen's own service icons, for services that `diagrams` has no icon for.

Each is a rounded square in the AWS category's colour with a simple white glyph,
the style of the `diagrams` AWS icons, written as a PNG with the standard
library only (no imaging package needed). Run `python -m generator.icons.draw`
to write them again; the PNGs are committed beside this module.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

SIZE = 256
ANALYTICS = (0x8C, 0x4F, 0xFF)  # the AWS analytics category colour
DATABASE = (0x3B, 0x48, 0xCC)  # the AWS database category colour, as diagrams draws it
WHITE = (255, 255, 255)


def _inside_rounded_square(x: float, y: float, radius: float = 40) -> bool:
    cx = min(max(x, radius), SIZE - radius)
    cy = min(max(y, radius), SIZE - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def _databrew_glyph(x: float, y: float) -> bool:
    """A flask (DataBrew prepares data as a recipe): a neck, then a widening body."""
    neck = 104 <= x <= 152 and 56 <= y <= 112
    rim = 92 <= x <= 164 and 48 <= y <= 62
    if 112 <= y <= 200:
        half = 24 + (y - 112) * 0.75
        body = abs(x - 128) <= half
    else:
        body = False
    hollow = 112 <= y <= 150 and abs(x - 128) <= 24 + (y - 112) * 0.75 - 12 and 68 <= y
    return (neck or rim or body) and not (hollow and y < 150 and not neck)


def _memorydb_glyph(x: float, y: float) -> bool:
    """A memory module (MemoryDB keeps all data in memory): a board, its chips, its pins."""
    board = 48 <= x <= 208 and 84 <= y <= 156
    chip = any(start <= x <= start + 32 for start in (64, 112, 160)) and 100 <= y <= 140
    notch = 122 <= x <= 134 and 144 <= y <= 156
    pins = 52 <= x <= 204 and 164 <= y <= 188 and (x - 52) % 16 < 9 and not 118 <= x <= 138
    return (board and not chip and not notch) or pins


def _dataexchange_glyph(x: float, y: float) -> bool:
    """Two arrows in opposite directions (Data Exchange moves data between two parties)."""

    def arrow(y_mid: float, pointing_right: bool) -> bool:
        shaft = 64 <= x <= 192 and abs(y - y_mid) <= 10
        tip = 208 - x if pointing_right else x - 48
        head = 0 <= tip <= 40 and abs(y - y_mid) <= tip * 0.8
        return (shaft and (x <= 168 if pointing_right else x >= 88)) or head

    return arrow(100, True) or arrow(160, False)


def _png(pixel: Callable[[float, float], tuple[int, int, int, int]]) -> bytes:
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x + 0.5, y + 0.5)) for x in range(SIZE)) for y in range(SIZE)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def icon(colour: tuple[int, int, int], glyph: Callable[[float, float], bool]) -> bytes:
    def pixel(x: float, y: float) -> tuple[int, int, int, int]:
        if not _inside_rounded_square(x, y):
            return (0, 0, 0, 0)
        return (*WHITE, 255) if glyph(x, y) else (*colour, 255)

    return _png(pixel)


ICONS = {
    "databrew.png": (ANALYTICS, _databrew_glyph),
    "memorydb.png": (DATABASE, _memorydb_glyph),
    "dataexchange.png": (ANALYTICS, _dataexchange_glyph),
}

if __name__ == "__main__":
    for name, (colour, glyph) in ICONS.items():
        (Path(__file__).parent / name).write_bytes(icon(colour, glyph))
