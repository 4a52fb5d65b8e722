"""What every component kind declares, and what a connector between two kinds is.

A kind is the one place that knows, for one AWS service (or external actor):
its diagram icon, the CDK code it emits (a jinja2 template), the
CloudFormation resource types that code must produce, and the props a pattern
may set, with types and ranges (a pydantic model). Secure defaults live in the
kind's template, so each service has them in exactly one place.

A connector is the code that one flow between two kinds emits. It either
fills a *slot* of one side's construction (a Firehose destination, a crawler
target), which the side's template consumes, or adds *wiring* statements after
every component exists (a grant, an event source).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


@dataclass(frozen=True)
class RefTo:
    """Marks a prop whose value is the id of another component of one of these kinds."""

    kinds: tuple[str, ...]


def component_ref(*kinds: str, doc: str) -> type[str]:
    """A prop type naming another component, such as the VPC a database runs in.

    Placement is not a step of the data's path, so it is a prop, not a flow;
    templates see the referenced component in `refs`.
    """
    return Annotated[str, RefTo(tuple(kinds)), Field(description=doc)]  # type: ignore[return-value]


UNSAFE_IN_CODE = re.compile(r'["\'\\{}\n\r]')


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


class Props(BaseModel):
    """Base of every kind's props: strict, so a misspelt prop is an error.

    Kind templates paste prop values into generated Python (inside string
    literals, comments and application code), so no text prop may contain a
    quote, a backslash, a brace or a line break: a pattern file can never
    inject code, whatever a kind's own pattern for the prop allows.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="after")
    def _no_code_in_text(self) -> Props:
        for name in type(self).model_fields:
            for text in _strings(getattr(self, name)):
                if UNSAFE_IN_CODE.search(text):
                    raise ValueError(
                        f"prop '{name}' must not contain quotes, backslashes, braces or line "
                        f"breaks (got {text!r})"
                    )
        return self

    @classmethod
    def reference_fields(cls) -> dict[str, RefTo]:
        return {
            name: meta
            for name, info in cls.model_fields.items()
            for meta in info.metadata
            if isinstance(meta, RefTo)
        }

    def references(self) -> dict[str, str]:
        """Prop name to referenced component id, for the refs that are set."""
        return {
            name: getattr(self, name)
            for name in self.reference_fields()
            if getattr(self, name) is not None
        }


class NoProps(Props):
    pass


@dataclass(frozen=True)
class Icon:
    """A `diagrams` node class, named by module and class (icons are data)."""

    module: str
    name: str


@dataclass(frozen=True)
class Slot:
    """A construction argument that connectors fill.

    many: the slot takes a list (one entry per flow); required: at least one
    active flow must fill it, or the pattern is rejected before any code runs.
    """

    doc: str
    required: bool = False
    many: bool = False


@dataclass(frozen=True)
class Connector:
    """The code for flows from the declaring kind to `target`.

    expression + fills: a template rendering one expression that goes into a
    slot of the source's or the target's construction.
    wiring: a template rendering statements that run once both exist.
    A connector may have both (a crawler target plus the grant to read it), or
    neither (a flow from an external actor, which deploys nothing).
    """

    target: str
    doc: str
    expression: str | None = None
    fills: tuple[Literal["source", "target"], str] | None = None
    wiring: str | None = None
    imports: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if (self.expression is None) != (self.fills is None):
            raise ValueError(f"connector to {self.target}: expression and fills go together")


@dataclass(frozen=True)
class AppFile:
    """Application code a kind ships with its stack (a handler, a job script, a DAG).

    path is relative to the stack's app-code folder; path and template may use
    {id} and the component's props, e.g. app/lambda/{code}.py.j2.
    """

    path: str
    template: str
    when: str | None = None  # a prop that must be set for the file to exist


class Kind:
    """Subclass once per kind, in a module of its own under generator/kinds/."""

    name: ClassVar[str]
    title: ClassVar[str]
    doc: ClassVar[str]
    icon: ClassVar[Icon]
    resource_types: ClassVar[tuple[str, ...]] = ()
    template: ClassVar[str | None] = None
    imports: ClassVar[tuple[str, ...]] = ()
    props: ClassVar[type[Props]] = NoProps
    slots: ClassVar[dict[str, Slot]] = {}
    connectors: ClassVar[tuple[Connector, ...]] = ()
    app_files: ClassVar[tuple[AppFile, ...]] = ()

    @classmethod
    def check(cls, props: Props, filled: dict[str, int]) -> str | None:
        """What is wrong with one component's props and filled slots together, or None.

        filled: how many active flows fill each slot. For rules that span props and
        flows, which a Slot alone cannot say; the loader reports the message at the
        component's line.
        """
        return None

    @classmethod
    def is_external(cls) -> bool:
        """External kinds are drawn but emit no resources (DESIGN: never fake ones)."""
        return cls.name.startswith("external.")
