"""The kind contract: what a component kind declares, and nothing else may assume.

A kind is the one place that knows, for one AWS service (or external actor):
its diagram icon; the CDK code it emits (a jinja2 template, rendered as the
body of one generated `Construct` class per component, so every resource of
the component sits in one construct scope named after the component); the
attributes of that class that other code may use (its *exports*); what it
needs from neighbours (its *slots*, filled only by connectors); the
CloudFormation types it must produce and the supporting types it may add;
the *secure defaults* its resources keep; its props, with types and ranges;
and its application code, found under templates/app/<kind module>/.

Connectors, the knowledge of one (source kind, target kind) pair, live in
generator/connectors/, one module per pair; kinds never know their neighbours.
docs/ARCHITECTURE.md names every variable a kind or connector template receives.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from generator import TEMPLATES_DIR
from generator.kinds.prefixes import S3Prefixes


@dataclass(frozen=True)
class RefTo:
    """Marks a prop whose value is the id of another component of one of these kinds.

    The component's class receives the referenced component's `export` as a
    constructor argument named after the prop.
    """

    kinds: tuple[str, ...]
    export: str


def component_ref(*kinds: str, export: str, doc: str, optional: bool = False) -> type[str]:
    """A prop type naming another component, such as the VPC a database runs in.

    Placement is not a step of the data's path, so it is a prop, not a flow.
    optional: the prop may be left out (None).
    """
    value = str | None if optional else str
    return Annotated[value, RefTo(tuple(kinds), export), Field(description=doc)]  # type: ignore[return-value]


@dataclass(frozen=True)
class AppCode:
    """Marks a prop that names a file of application code under templates/app/<folder>/."""

    folder: str
    suffix: str

    def available(self) -> list[str]:
        return available_app_code(self.folder, self.suffix)


@cache
def available_app_code(folder: str, suffix: str) -> list[str]:
    root = TEMPLATES_DIR / "app" / folder
    return sorted(p.name[: -len(suffix + ".j2")] for p in root.glob(f"*{suffix}.j2"))


def app_code(
    folder: str, suffix: str, doc: str, optional: bool = False, many: bool = False
) -> type[str]:
    """A prop naming application code: adding a file under templates/app/<folder>/ adds a name.

    many: a non-empty list of names (the queries one step of a state machine runs, in order).
    """
    if many:
        return Annotated[  # type: ignore[return-value]
            list[str], AppCode(folder, suffix), Field(min_length=1, description=doc)
        ]
    value = str | None if optional else str
    return Annotated[value, AppCode(folder, suffix), Field(description=doc)]  # type: ignore[return-value]


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
        for name, code in self.app_code_fields().items():
            value = getattr(self, name)
            for item in value if isinstance(value, list) else [value]:
                if item is not None and item not in code.available():
                    raise ValueError(
                        f"prop '{name}': no application code named {item!r} under "
                        f"templates/app/{code.folder}/; available: {', '.join(code.available())}"
                    )
        return self

    @classmethod
    def _marked(cls, marker: type) -> dict[str, Any]:
        return {
            name: meta
            for name, info in cls.model_fields.items()
            for meta in info.metadata
            if isinstance(meta, marker)
        }

    @classmethod
    def reference_fields(cls) -> dict[str, RefTo]:
        return cls._marked(RefTo)

    @classmethod
    def app_code_fields(cls) -> dict[str, AppCode]:
        return cls._marked(AppCode)

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
class Export:
    """An attribute of a component's class that other templates may use.

    type: its Python type in the generated code (an annotation, e.g. s3.IBucket).
    """

    type: str
    doc: str


@dataclass(frozen=True)
class Slot:
    """A constructor argument of a component's class that connectors fill.

    type: the Python type of one value (the annotation of the argument).
    many: a list, one entry per flow; keyed: a dict keyed by the other
    component's id, one entry per flow; kwargs: keyword arguments a connector
    renders, passed on to one construct with **.
    required: at least one active flow must fill it, or the pattern is
    rejected before any code runs.
    """

    doc: str
    type: str = "object"
    required: bool = False
    many: bool = False
    keyed: bool = False
    kwargs: bool = False

    @property
    def annotation(self) -> str:
        if self.kwargs:
            return "dict"
        if self.keyed:
            return f"dict[str, {self.type}]"
        if self.many:
            return f"list[{self.type}]"
        return self.type

    @property
    def collects(self) -> bool:
        return self.many or self.keyed


@dataclass(frozen=True)
class AppFile:
    """Application code a kind or connector ships with its stack (a handler, a script, SQL).

    path is relative to the stack's app-code folder; path and template may use
    {folder} (the kind's or connector's module name) and the props: a kind's
    component props and {id}; a connector's flow props, {source} and {target}
    (the ids of the flow's ends). A prop that is a list gives one file per item
    (a flow's queries: sql/{source}/{queries}.sql). runs_in: for a connector's file,
    the end of the flow whose service runs it (the dialect its SQL is checked in):
    usually the target, the source for what a warehouse runs to reach its target.
    """

    path: str
    template: str
    when: str | None = None  # a prop that must be set for the file to exist
    runs_in: Literal["source", "target"] = "target"

    def expand(self, fields: dict[str, Any]) -> list[tuple[str, str]]:
        """(path, template) of each file, with fields filled in; one per item of a list prop."""
        names = {name for _, name, _, _ in string.Formatter().parse(self.path) if name}
        lists = sorted(name for name in names if isinstance(fields.get(name), list))
        if len(lists) > 1:
            raise ValueError(f"{self.path}: one list prop per file name, not {', '.join(lists)}")
        values = fields[lists[0]] if lists else [None]
        found = []
        for value in values:
            filled = {**fields, lists[0]: value} if lists else fields
            found.append((self.path.format(**filled), self.template.format(**filled)))
        return found


ANY = "<any value>"


@dataclass(frozen=True)
class ArrayWith:
    """A secure-default pattern: a list that contains items matching these patterns."""

    items: tuple[Any, ...]


@dataclass(frozen=True)
class SecureDefault:
    """Properties every resource of one type that a component of this kind owns must keep.

    properties is a pattern: dicts match as a (deep) subset, ANY matches any
    value that is present, ArrayWith a list that contains matching items, and
    anything else must be equal. The starter project's tests render it as
    aws_cdk.assertions patterns; archgen's catalog tests match it directly.
    """

    resource_type: str
    properties: dict[str, Any]
    doc: str
    # A transport-encryption setting (TLS). A starter project's tests check these per
    # resource, with the values the resource was generated with (ANY included).
    tls: bool = False
    # (prop, value): the default holds only for components whose prop has that value, where
    # a prop chooses between resources of one type built differently (a delivery stream to
    # S3 or to OpenSearch). None: every component of the kind.
    when: tuple[str, Any] | None = None

    def applies(self, props: BaseModel) -> bool:
        """Whether a component with these props must keep this default."""
        return self.when is None or getattr(props, self.when[0]) == self.when[1]


@dataclass(frozen=True)
class ContextFlag:
    """A CDK context value the kind's generated code reads: `cdk deploy -c NAME=VALUE`.

    Context, not a stack parameter, because it decides which resources exist (an
    account-level role) or what CloudFormation may do to them (deletion protection).
    The starter README and the teaching page render each flag of the active kinds;
    tests check that the generated code reads exactly the declared names.

    prop: the prop that gives the value when the context does not.
    set_to: the value the README shows. when: "deploy" when it is set for a deploy
    (an account-level singleton that may already exist), "destroy" when the stack is
    deployed once more with it before `cdk destroy`.
    """

    name: str
    prop: str
    set_to: str
    when: Literal["deploy", "destroy"]
    doc: str


@dataclass(frozen=True)
class Cost:
    """How one of the kind's resource types is billed: the README's and the page's costs.

    Rendered once per component, with the number of resources of that type the
    component owns in the template. idle: billed while nothing runs (an instance
    hour, a key month); otherwise only for use. billed may name props ({prop}).
    when: a prop that must be truthy for the cost to apply (min_capacity_acu), "not prop", or
    "prop=value" for a choice (destination=opensearch).
    pricing: the AWS pricing page (https://aws.amazon.com/...); checked: the day it
    was read, YYYY-MM-DD. Prices differ by Region, so the page has the numbers.
    """

    resource_type: str
    billed: str
    pricing: str
    checked: str
    idle: bool = True
    when: str | None = None


@dataclass(frozen=True)
class Lifecycle:
    """What a kind's resources take to deploy, run, pay for and tear down.

    The starter project's README and the teaching page render it for each
    component of the kind, so a new kind brings its own:

    context_flags: CDK context values its generated code reads.
    costs: how its resources are billed; every deployed kind declares at least one.
    kept: resource type to why `cdk destroy` keeps it (DeletionPolicy Retain or
    Snapshot); every kept resource of a template needs its reason here.
    leaves_behind: what the service itself creates outside the stack and a destroy
    leaves in the account.
    run: templates/run/<kind>.md.j2, how to start, watch and stop what the component
    runs (the README's "Run"); None for a kind that runs nothing itself.
    """

    context_flags: tuple[ContextFlag, ...] = ()
    costs: tuple[Cost, ...] = ()
    kept: dict[str, str] = field(default_factory=dict)
    leaves_behind: tuple[str, ...] = ()
    run: str | None = None


# Facts several kinds share.
PRICING_CHECKED = "2026-12-01"  # the day the pricing pages below were read
KMS_KEYS_BILL_MONTHLY = Cost(
    "AWS::KMS::Key",
    "per key-month (prorated hourly), and as much again for each rotation of its key "
    "material; a key kept after `cdk destroy` bills until its deletion is scheduled",
    "https://aws.amazon.com/kms/pricing/",
    PRICING_CHECKED,
)
LOG_DATA = Cost(
    "AWS::Logs::LogGroup",
    "per GB of log data ingested and per GB-month stored",
    "https://aws.amazon.com/cloudwatch/pricing/",
    PRICING_CHECKED,
    idle=False,
)
SCHEDULE_KEY_DELETION = (
    "after the 7 to 30 days of waiting that `aws kms schedule-key-deletion` sets, and "
    "at no charge meanwhile"
)


# Secure defaults many kinds share: their log groups and their keys.
LOG_GROUPS_EXPIRE_ENCRYPTED = SecureDefault(
    "AWS::Logs::LogGroup",
    {"RetentionInDays": ANY, "KmsKeyId": ANY},
    "Log groups expire and are encrypted with a customer-managed key.",
)
KEYS_ROTATE = SecureDefault("AWS::KMS::Key", {"EnableKeyRotation": True}, "Keys rotate yearly.")


@dataclass(frozen=True)
class Shared:
    """A stack-wide resource that kinds may ask for by name (one KMS key for all logs).

    It is made once per stack, before the components, only when an active
    kind needs it, and passed to each such component's class as an argument.
    """

    name: str
    type: str
    doc: str
    template: str
    resource_types: tuple[str, ...]
    imports: tuple[str, ...] = ()
    label: str = ""  # how the README and the page name it ("Logs key")
    lifecycle: Lifecycle = Lifecycle()


class Kind:
    """Subclass once per kind, in a module of its own under generator/kinds/."""

    name: ClassVar[str]
    title: ClassVar[str]
    doc: ClassVar[str]
    icon: ClassVar[Icon]
    resource_types: ClassVar[tuple[str, ...]] = ()
    supporting_types: ClassVar[tuple[str, ...]] = ()
    # Types CDK itself adds at the stack's top level on the kind's behalf (the
    # singleton function behind a custom resource, for example).
    stack_level_types: ClassVar[tuple[str, ...]] = ()
    template: ClassVar[str | None] = None
    imports: ClassVar[tuple[str, ...]] = ()
    props: ClassVar[type[Props]] = NoProps
    exports: ClassVar[dict[str, Export]] = {}
    slots: ClassVar[dict[str, Slot]] = {}
    needs: ClassVar[tuple[str, ...]] = ()  # names of Shared resources
    secure_defaults: ClassVar[tuple[SecureDefault, ...]] = ()
    app_files: ClassVar[tuple[AppFile, ...]] = ()
    # A template of module-level definitions (a helper class) the stack module holds once
    # when an active component of the kind needs it: every one, or, with module_code_when,
    # those whose prop of that name is set (a function with requirements to install).
    module_code: ClassVar[str | None] = None
    module_code_when: ClassVar[str | None] = None
    # The S3 prefixes each piece of its application code reads and writes, by the code's
    # name (a value of its app_code prop): the code and the role's grants both use them.
    app_prefixes: ClassVar[dict[str, S3Prefixes]] = {}

    @classmethod
    def prefixes(cls, props: Props) -> S3Prefixes | None:
        """The S3 prefixes of the application code the props name; None if it declares none."""
        for name in props.app_code_fields():
            value = getattr(props, name)
            if isinstance(value, str) and value in cls.app_prefixes:
                return cls.app_prefixes[value]
        return None

    @classmethod
    def describe(cls, props: Props) -> str:
        """What one component of the kind deploys, for its page: the doc, unless props change it."""
        return cls.doc

    @classmethod
    def class_doc(cls, props: Props) -> str:
        """The docstring of a component's generated class: the doc, unless a prop chooses
        what the component is (a delivery stream to S3 or to OpenSearch)."""
        return cls.doc

    # Deploying, running, paying for and tearing down its resources (the README's and
    # the teaching page's sections after the code).
    lifecycle: ClassVar[Lifecycle] = Lifecycle()

    @classmethod
    def check(cls, props: Props, filled: dict[str, int]) -> str | None:
        """What is wrong with one component's props and filled slots together, or None.

        filled: how many active flows fill each slot. For rules that span props and
        flows, which a Slot alone cannot say; the loader reports the message at the
        component's line.
        """
        return None

    @classmethod
    def check_refs(cls, props: Props, filled: dict[str, int], refs: dict[str, Props]) -> str | None:
        """What is wrong with one component given the props of the components its own props
        name (refs: prop name to that component's props), or None.

        For what a service enforces across components at run time (a warehouse that must
        reach Secrets Manager through its VPC's NAT gateway), so that the pattern fails when
        it loads, not after deploy. The loader reports it at the component's line.
        """
        return None

    @classmethod
    def is_external(cls) -> bool:
        """External kinds are drawn but emit no resources (DESIGN: never fake ones)."""
        return cls.name.startswith("external.")

    @classmethod
    def module_name(cls) -> str:
        """The kind's module, template and app-code folder name: s3.bucket gives s3_bucket."""
        return cls.name.replace(".", "_")

    @classmethod
    def owned_types(cls) -> frozenset[str]:
        return frozenset(cls.resource_types) | frozenset(cls.supporting_types)


@dataclass(frozen=True)
class Connector:
    """The knowledge of one (source kind, target kind) pair: the code a flow between them emits.

    expression + fills: a template rendering one expression that goes into a
    slot of the source's or the target's class. wiring: a template rendering
    statements that run once both exist. A connector may have both (a crawler
    target plus the grant to read it), or neither (a flow from an external
    actor, which deploys nothing). evidence: what the agreement check must find
    in the template: a reference between the two components' resources; a
    dependency (DependsOn), for a flow whose target CloudFormation cannot name
    (a function inside a nested Serverless Application Repository application,
    which has no outputs); or nothing (a flow that deploys nothing). props: what
    one flow of this pair may set (the queries a state machine's step runs), validated like a kind's
    props and given to the templates as flow.props; a prop made with
    component_ref names another component (the database a query runs in), given
    to the templates as flow.refs.<prop>. app_files: application code one flow
    ships (the SQL of a step), like a kind's. module_code: a template of
    module-level definitions (a helper function) that the stack module holds
    once when any flow of this pair is active. check(flow props, source props,
    target props): a one-line error for a rule across a flow and its two ends.
    """

    source: str
    target: str
    doc: str
    expression: str | None = None
    fills: tuple[Literal["source", "target"], str] | None = None
    wiring: str | None = None
    imports: tuple[str, ...] = ()
    evidence: Literal["reference", "dependency", "none"] = "reference"
    requires: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Props both ends must have equal (the VPC a function and the database it calls run in).
    same: tuple[str, ...] = ()
    props: type[Props] = Props
    app_files: tuple[AppFile, ...] = ()
    module_code: str | None = None
    # What is wrong with one flow's props given both ends' props, in one line, or None:
    # for rules a pydantic model of the flow's props alone cannot say (a column the
    # flow names must be one of the target table's). Reported at the flow's line.
    check: Callable[[Props, Props, Props], str | None] | None = None

    @property
    def module_name(self) -> str:
        """Its module, templates and app-code folder: s3.bucket -> athena.workgroup gives
        s3_bucket__athena_workgroup."""
        return f"{self.source}__{self.target}".replace(".", "_")

    def __post_init__(self) -> None:
        if (self.expression is None) != (self.fills is None):
            raise ValueError(
                f"connector {self.source} -> {self.target}: expression and fills go together"
            )
