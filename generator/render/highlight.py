"""The gallery's highlighted code and template panes, on every core.

Pygments is pure Python, and highlighting each pattern's stack module and its
template (thousands of lines of JSON) is most of what writing the gallery costs.
With several patterns and cores the panes are highlighted in worker processes
(generator.workers) while the main process reads the builds and draws the other
variants' diagrams; the HTML is the same either way.
"""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("python", "json")


def highlighted(code: str, language: str, anchors: str) -> str:
    """code as Pygments HTML with numbered lines, each line's anchor `<anchors>-<n>`."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import JsonLexer, PythonLexer

    lexer = {"python": PythonLexer, "json": JsonLexer}[language]()
    formatter = HtmlFormatter(linenos="table", lineanchors=anchors, wrapcode=True)
    return highlight(code, lexer, formatter)


def _warm_up() -> None:
    for language in LANGUAGES:
        highlighted("{}", language, "")


class Highlighter:
    """Highlights panes in worker processes when there are several pages and cores."""

    def __init__(self, pages: int) -> None:
        from generator.workers import Workers, worker_count

        workers = worker_count(pages)
        self._workers = Workers(workers, warm_up=_warm_up) if workers > 1 else None

    def submit(self, code: str, language: str, anchors: str) -> Callable[[], str]:
        """Start highlighting; call the result for the HTML."""
        if self._workers is None:
            return lambda: highlighted(code, language, anchors)
        return self._workers.submit(highlighted, code, language, anchors)

    def close(self) -> None:
        if self._workers is not None:
            self._workers.close()

    def __enter__(self) -> Highlighter:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
