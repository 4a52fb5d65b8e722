"""Read a YAML file into plain data while remembering the line of every field.

Errors must name the line a user wrote, so the loader walks PyYAML's node tree
alongside the constructed data and records a line per field path. Duplicate
keys, which PyYAML silently lets the last one win, are errors here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ArchgenError, field_path


@dataclass
class Source:
    """Data read from one file, with the line of each field path."""

    path: Path
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, loc: tuple) -> int | None:
        """The line of the deepest recorded prefix of loc (a field may be missing)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def error(self, loc: tuple, message: str, **kwargs: Any) -> ArchgenError:
        return ArchgenError(
            message, file=self.path, line=self.line_of(loc), field=field_path(loc) or None, **kwargs
        )


def _record_lines(node: yaml.Node, loc: tuple, lines: dict, path: Path) -> None:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise ArchgenError(
                    f"duplicate key '{key}'",
                    file=path,
                    line=key_node.start_mark.line + 1,
                    field=field_path(loc + (key,)),
                    suggestion="keep one of them",
                )
            seen.add(key)
            _record_lines(value_node, loc + (key,), lines, path)
            lines[loc + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, loc + (index,), lines, path)


def text_line(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


# libyaml's parser when PyYAML has it (its wheels do): `archgen list` reads every pattern.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for lines) and the data built from that same tree: one parse."""
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def read_yaml(path: Path) -> Source:
    """Parse path; a syntax error becomes an ArchgenError with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ArchgenError(f"cannot read file: {exc.strerror}", file=path) from None
    except UnicodeDecodeError as exc:
        line = text_line(path.read_bytes(), exc.start)
        raise ArchgenError(
            "the file is not UTF-8 text", file=path, line=line, suggestion="save it as UTF-8"
        ) from None
    try:
        node, data = _parse(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise ArchgenError(
            f"YAML syntax error: {problem}",
            file=path,
            line=mark.line + 1 if mark else None,
            suggestion="check indentation and quoting around this line",
        ) from None
    except yaml.YAMLError as exc:
        raise ArchgenError(f"YAML error: {exc}", file=path) from None
    lines: dict[tuple, int] = {}
    if node is not None:
        _record_lines(node, (), lines, path)
    return Source(path=path, data=data, lines=lines)
