"""The one jinja2 environment: strict, so a missing value fails loudly, never renders blank."""

from __future__ import annotations

import textwrap
from functools import cache
from typing import Any

import jinja2

from generator import TEMPLATES_DIR, citations


def _py(value: Any) -> str:
    """A Python literal for a value (True, 300, 'text')."""
    return repr(value)


def _wrap(value: str, width: int = 88, indent: str = "") -> str:
    """Wrap prose to width, every line after the first indented (docstrings, comments)."""
    return textwrap.fill(
        " ".join(value.split()), width=width, subsequent_indent=indent, break_on_hyphens=False
    )


def _wrap_md(value: str, width: int = 98, indent: str = "") -> str:
    """Wrap Markdown prose without ever breaking a word, so a long link stays whole."""
    return textwrap.fill(
        " ".join(value.split()),
        width=width,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def _pystr(value: str, width: int = 60) -> str:
    """A long text as a Python string literal split over lines of at most width characters.

    The formatter cannot split a string, so templates use this for prose
    (acknowledgement reasons, descriptions) to keep generated lines short.
    """
    chunks = textwrap.wrap(" ".join(value.split()), width=width, drop_whitespace=False)
    if len(chunks) <= 1:
        return repr(value)
    return "(" + " ".join(repr(chunk) for chunk in chunks) + ")"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["py"] = _py
    env.filters["wrap"] = _wrap
    env.filters["pystr"] = _pystr
    env.filters["wrap_md"] = _wrap_md
    env.filters["sources"] = citations.markdown
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
