"""The pattern format: a strict schema, defined once, exported as JSON Schema.

These models describe what a pattern file may say. Unknown keys are errors so
that a typo never silently drops a component or a flow. What the file's
values *mean* (kinds, connectors, parameter values) is checked by the loader.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from generator.citations import MEANING, SOURCE, is_topic

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
IDENT = r"^[a-z][a-z0-9_]*$"
# Labels and titles are pasted into generated Python strings and comments, so they
# must not end a string or a line there.
LABEL = r'^[^"\\\n\r{}]+$'
PROSE = r'^[^"\\]+$'

Category = Literal[
    "ingestion",
    "streaming",
    "replication",
    "orchestration",
    "analytics",
    "warehousing",
    "governance",
    "security",
    "networking",
    "operations",
    "machine-learning",
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Parameter(Strict):
    """A knob a user may turn with --param; it changes the diagram and the stack."""

    type: Literal["bool", "int", "str", "choice"]
    default: bool | int | str
    doc: str = Field(min_length=1, description="One line shown in `archgen show` and the docs.")
    min: int | None = None
    max: int | None = None
    choices: list[str] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Parameter:
        if self.type == "choice" and not self.choices:
            raise ValueError("a choice parameter needs 'choices'")
        if self.type != "choice" and self.choices is not None:
            raise ValueError("only a choice parameter takes 'choices'")
        if self.type != "int" and (self.min is not None or self.max is not None):
            raise ValueError("only an int parameter takes 'min' and 'max'")
        from generator.parameters import coerce  # the one place that knows value types

        expected = {"bool": bool, "int": int, "str": str, "choice": str}[self.type]
        if type(self.default) is not expected:
            raise ValueError(
                f"the default of a {self.type} parameter must be a YAML {expected.__name__}, "
                f"got {self.default!r}"
            )
        coerce(self, self.default)
        return self


class Group(Strict):
    """A box in the diagram (a VPC, on-premises, a data lake)."""

    id: str = Field(pattern=IDENT)
    label: str = Field(pattern=LABEL)
    style: Literal["aws", "vpc", "subnet", "on-premises", "lake", "plain"] = "plain"
    parent: str | None = Field(None, pattern=IDENT, description="id of the enclosing group")
    component: str | None = Field(
        None,
        pattern=IDENT,
        description="the component this box stands for (a VPC drawn around what runs in it)",
    )


class Component(Strict):
    """One box of the diagram and the AWS resources that stand behind it."""

    id: str = Field(pattern=IDENT, description="snake_case; also the Python attribute name")
    kind: str = Field(description="a component kind such as s3.bucket; `archgen kinds` lists them")
    label: str | None = Field(
        None, pattern=LABEL, description="diagram label; the kind's title by default"
    )
    group: str | None = Field(None, pattern=IDENT)
    props: dict[str, Any] = Field(default_factory=dict)
    when: str | None = Field(None, description="a condition on parameters, e.g. 'transform'")


class Flow(Strict):
    """One step of the data's path, numbered in the order flows are listed."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    source: str = Field(alias="from", pattern=IDENT)
    target: str = Field(alias="to", pattern=IDENT)
    label: str = Field(pattern=LABEL)
    explain: str | None = Field(None, description="a sentence for the teaching page")
    when: str | None = None
    type: Literal["data", "control"] = Field(
        "data",
        description=(
            "data: the arrow runs the way data moves; control: a call or trigger (a schedule "
            "starting a job, a crawler reading a bucket), drawn dashed"
        ),
    )
    props: dict[str, Any] = Field(
        default_factory=dict,
        description="settings of this one flow, as its connector defines them (a query to run)",
    )


# Topic ids of the notes' TOPICS.md, each checked against generator/topics.py.
TopicIds = Annotated[list[str], AfterValidator(lambda value: _check_topics(value))]


def _sources(value: Any) -> tuple[str, ...]:
    """One source or a list of them, each an AWS documentation URL or a known topic id."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise ValueError(f"{value!r} {MEANING}")
    for item in items:
        if not isinstance(item, str) or not re.fullmatch(SOURCE, item):
            raise ValueError(f"{item!r} {MEANING}")
        if is_topic(item):
            _check_topics([item])
    return tuple(items)


_SOURCE_SCHEMA = {"type": "string", "pattern": SOURCE}
# A source is checked by _sources (one message for every way it can be wrong); editors
# get the same rule as JSON Schema.
Sources = Annotated[
    tuple[str, ...],
    PlainValidator(_sources),
    WithJsonSchema(
        {
            "anyOf": [
                _SOURCE_SCHEMA,
                {"type": "array", "items": _SOURCE_SCHEMA, "minItems": 1},
            ],
            "description": (
                "where this comes from: an https URL on docs.aws.amazon.com or "
                "aws.amazon.com, or a topic id of the notes such as T21; one or a list"
            ),
        }
    ),
]


class Fact(Strict):
    """A key fact and where it comes from."""

    fact: str = Field(min_length=1)
    source: Sources | None = None


class Alternative(Strict):
    instead: str = Field(min_length=1, description="the option the notes reject")
    why_not: str = Field(min_length=1)
    topics: TopicIds = Field(default_factory=list)
    source: Sources | None = None


class Correction(Strict):
    """Where the study notes are out of date: what they say, what holds today, and why."""

    topics: TopicIds = Field(min_length=1, description="the notes' topics that say otherwise")
    notes_say: str = Field(min_length=1)
    today: str = Field(min_length=1)
    source: Sources | None = None


def _plain_facts_allowed(schema: dict[str, Any]) -> None:
    schema["items"] = {"anyOf": [{"type": "string"}, schema["items"]]}


class Teaching(Strict):
    when_to_use: list[str] = Field(min_length=1)
    alternatives: list[Alternative] = Field(min_length=1)
    key_facts: list[Fact] = Field(
        min_length=1,
        description="each {fact, source}; a plain string is a fact without a source",
        json_schema_extra=_plain_facts_allowed,
    )
    changed_since_notes: list[Correction] = Field(
        default_factory=list, description="what holds today where the notes are out of date"
    )

    @field_validator("key_facts", mode="before")
    @classmethod
    def _plain_facts(cls, value: Any) -> Any:
        # A plain string is still a key fact (one without a source; the catalog tests
        # refuse those).
        if isinstance(value, list):
            return [{"fact": item} if isinstance(item, str) else item for item in value]
        return value


class PatternFile(Strict):
    """The whole of one patterns/<id>.yaml file."""

    id: str = Field(pattern=SLUG, max_length=60, description="slug; also the output folder")
    title: str = Field(pattern=LABEL)
    summary: str = Field(pattern=PROSE)
    category: Category
    topics: TopicIds = Field(min_length=1, description="ids from the notes' TOPICS.md")
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    groups: list[Group] = Field(default_factory=list)
    components: list[Component] = Field(min_length=1)
    flows: list[Flow] = Field(default_factory=list)
    teaching: Teaching

    @field_validator("parameters")
    @classmethod
    def _parameter_names(cls, value: dict[str, Parameter]) -> dict[str, Parameter]:
        for name in value:
            if not re.match(IDENT, name):
                raise ValueError(f"parameter name '{name}' must be snake_case")
        return value


def _check_topics(value: list[str]) -> list[str]:
    from generator.topics import TOPICS

    for topic in value:
        if topic not in TOPICS:
            first, last = min(TOPICS), max(TOPICS)
            raise ValueError(
                f"unknown topic '{topic}'; expected an id from {first} to {last} "
                "(the notes' TOPICS.md)"
            )
    return value


def json_schema() -> dict[str, Any]:
    """The schema editors use to check pattern files (patterns/schema.json)."""
    schema = PatternFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "urn:archgen:pattern"
    return schema
