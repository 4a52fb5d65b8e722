"""Synthesize generated stacks: all selected patterns in one App, in this process.

jsii starts one Node process per Python process and that start dominates the
cost of a synth, so archgen never runs a subprocess per pattern: it imports
each generated stack module and adds its stack to a single App. What is
synthesized is exactly the generated code a user gets.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from generator import TEMPLATES_DIR, node
from generator.errors import ArchgenError
from generator.findings import Finding
from generator.loader import Resolved

# The feature flags `cdk init` writes into cdk.json for the pinned CDK (CLI 2.1148.1's init,
# equal to aws-cdk-lib 2.275.0's recommended-feature-flags.json: tests/test_synth.py checks
# the library, the e2e tests that the CLI warns of no unconfigured flag). archgen's synth and
# every starter project's cdk.json read this one file, so their templates agree.
T = TypeVar("T")

FEATURE_FLAGS_FILE = TEMPLATES_DIR / "cdk-feature-flags.json"
FEATURE_FLAGS: dict[str, Any] = json.loads(FEATURE_FLAGS_FILE.read_text(encoding="utf-8"))
# What the CDK CLI sets for `cdk synth`, so that archgen's templates equal the
# ones a starter project's `npx cdk synth` gives (the agreement check reads
# aws:cdk:path to map resources to components).
CONTEXT = {
    "aws:cdk:enable-path-metadata": True,
    "aws:cdk:enable-asset-metadata": True,
    **FEATURE_FLAGS,
}


@dataclass(frozen=True)
class SynthInput:
    """One pattern's generated code, ready to import."""

    resolved: Resolved
    code_dir: Path
    stack_name: str | None = None  # to synthesize variants of one pattern side by side

    @property
    def name(self) -> str:
        return self.stack_name or self.resolved.stack_name


def _import_stack_class(item: SynthInput) -> type:
    module_name = f"_archgen_{item.resolved.module_name}_{abs(hash(item.code_dir)):x}"
    path = item.code_dir / f"{item.resolved.module_name}.py"
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(module_name, None)
    return getattr(module, item.resolved.class_name)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


@dataclass(frozen=True)
class Acknowledged:
    """A plugin finding the stack's code acknowledges, with its reason (a security note)."""

    rule_id: str
    reason: str
    construct: str

    def to_dict(self) -> dict:
        return {"rule_id": self.rule_id, "reason": self.reason, "construct": self.construct}


@dataclass(frozen=True)
class Synthesized:
    """One stack's template and what the validation plugins reported on it."""

    template: dict
    findings: list[Finding]
    acknowledged: list[Acknowledged] = field(default_factory=list)


_preloading: threading.Thread | None = None


def preload() -> None:
    """Start loading the CDK into Node in the background, while other stages run.

    Importing aws_cdk starts jsii's Node and loads the aws-cdk-lib assembly into
    it: seconds that mostly wait on Node, so a thread overlaps them with code
    generation and diagrams. synth_each waits for it before it touches the CDK,
    so only one thread ever uses jsii at a time.
    """
    global _preloading
    if _preloading is None and "aws_cdk" not in sys.modules:
        node.configure()
        _preloading = threading.Thread(target=_load_cdk, name="archgen-preload", daemon=True)
        _preloading.start()


def _load_cdk() -> None:
    try:
        import aws_cdk  # noqa: F401
        import cdk_nag  # noqa: F401
    except BaseException:  # synth_each imports again and reports it
        pass


def _wait_for_preload() -> None:
    global _preloading
    if _preloading is not None:
        _preloading.join()
        _preloading = None


# Stacks per CDK app when cfn-lint runs beside synth (in a pool): few enough that the first
# templates reach the pool early, enough that each app's fixed cost (cdk-nag's pass, writing
# the assembly) stays small beside its stacks. The first app is smaller still: it also pays
# for Node's first run of the CDK's code, while cfn-lint's workers wait for templates.
STACKS_PER_APP = 4
STACKS_IN_FIRST_APP = 2


def app_batches(items: list[T], alongside: bool) -> list[list[T]]:
    """items cut into the CDK apps to synthesize one after the other: one app when nothing
    runs beside synth, else a first app of STACKS_IN_FIRST_APP stacks and then apps of
    STACKS_PER_APP, so that cfn-lint works on each app's templates while Node synthesizes
    the next."""
    if not alongside or len(items) <= STACKS_PER_APP:
        return [items] if items else []
    first, rest = items[:STACKS_IN_FIRST_APP], items[STACKS_IN_FIRST_APP:]
    return [first] + [rest[k : k + STACKS_PER_APP] for k in range(0, len(rest), STACKS_PER_APP)]


def synth(items: list[SynthInput], outdir: Path | None = None) -> list[dict]:
    """Synthesize every item in one App; the CloudFormation template of each, in order."""
    return [result.template for result in synth_checked(items, outdir, nag=False)]


def synth_checked(
    items: list[SynthInput], outdir: Path | None = None, *, nag: bool = True
) -> list[Synthesized]:
    """Synthesize every item in one App with cdk-nag's AwsSolutions pack as a validation plugin.

    Plugin findings (cdk-nag, and CDK's own CloudFormation validation) do not
    stop archgen: the report CDK writes beside the templates becomes findings
    per stack. The first stack that fails to synthesize raises its ArchgenError.
    """
    results = synth_each(items, outdir, nag=nag)
    for result in results:
        if isinstance(result, ArchgenError):
            raise result
    return results  # type: ignore[return-value]


def synth_each(
    items: list[SynthInput], outdir: Path | None = None, *, nag: bool = True
) -> list[Synthesized | ArchgenError]:
    """Like synth_checked, but a stack that fails gives its error and the others still synthesize.

    All stacks go into one App (one Node process). A stack whose code raises while
    it is built is taken out of the App. If the App then fails as a whole (CDK
    raises from synth, not from a constructor), each remaining stack is synthesized
    in an App of its own, in the same process, to find the one at fault.
    """
    if not items:
        return []
    node.configure()
    _wait_for_preload()
    results: dict[int, Synthesized | ArchgenError] = {}
    everything = list(enumerate(items))
    with tempfile.TemporaryDirectory(prefix="archgen-synth-") as scratch:
        try:
            failure = _synth_app(everything, outdir or Path(scratch) / "cdk.out", nag, results)
            left = [(index, item) for index, item in everything if index not in results]
            if failure is not None and len(left) > 1:
                for index, item in left:
                    alone = Path(scratch) / f"alone-{index}"
                    failure = _synth_app([(index, item)], alone, nag, results)
                    if failure is not None:
                        results[index] = _synth_error(item, failure)
            elif failure is not None:
                ((index, item),) = left
                results[index] = _synth_error(item, failure)
        except NODE_STOPPED as exc:
            raise _node_stopped(exc) from exc
    return [results[index] for index in range(len(items))]


# What jsii raises when its Node process is gone (killed, out of memory): the pipe to it
# breaks, or its answer is empty. That is no pattern's fault, so it stops the whole synth.
NODE_STOPPED = (BrokenPipeError, ConnectionResetError, json.JSONDecodeError)


def _node_stopped(exc: BaseException) -> ArchgenError:
    node.ignore_dead_node_at_exit()
    return ArchgenError(
        f"jsii's Node process stopped during synth ({type(exc).__name__})",
        suggestion="run the command again",
    )


def _synth_error(item: SynthInput, reason: str) -> ArchgenError:
    return ArchgenError(
        f"synth failed: {reason}",
        file=item.resolved.pattern.path,
        suggestion="check the pattern's props and parameters, or report an archgen bug",
    )


def _synth_app(
    items: list[tuple[int, SynthInput]],
    assembly_dir: Path,
    nag: bool,
    results: dict[int, Synthesized | ArchgenError],
) -> str | None:
    """One App of these (index, item) pairs, filling results by index.

    Returns why app.synth() failed, or None; then every item has its result.
    """
    import aws_cdk as cdk

    # Validation findings go to the report file only: archgen reports them itself,
    # so CDK must neither print them nor fail the synth over them.
    context = {**CONTEXT, "@aws-cdk/core:failSynthOnValidationErrors": False}
    app = cdk.App(outdir=str(assembly_dir), analytics_reporting=False, context=context)
    added: list[tuple[int, SynthInput]] = []
    for index, item in items:
        try:
            stack_class = _import_stack_class(item)
            stack_class(app, item.name)
        except NODE_STOPPED:
            raise
        except Exception as exc:  # the generated code or CDK rejected the pattern's values
            results[index] = _synth_error(item, _first_line(exc))
            app.node.try_remove_child(item.name)
            continue
        added.append((index, item))
    if not added:
        return None
    if nag:
        from cdk_nag import AwsSolutionsChecks

        cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    report = assembly_dir / "validation-report.json"
    try:
        app.synth()
    except NODE_STOPPED:
        raise
    except Exception as exc:
        return _first_line(exc)
    findings, acknowledged = plugin_report(report) if report.is_file() else ({}, {})
    for index, item in added:
        results[index] = Synthesized(
            json.loads((assembly_dir / f"{item.name}.template.json").read_text()),
            findings.get(item.name, []),
            acknowledged.get(item.name, []),
        )
    return None


def plugin_report(
    report: Path,
) -> tuple[dict[str, list[Finding]], dict[str, list[Acknowledged]]]:
    """CDK's validation report as findings and acknowledgements, by stack name.

    The stack name is the first part of a construct path. Paths are shown
    without it, so that notes read the same whatever the stack is called.
    """
    tools = {"AwsSolutions": "cdk-nag"}
    findings: dict[str, set[Finding]] = {}
    acknowledged: dict[str, set[Acknowledged]] = {}
    for plugin in json.loads(report.read_text()).get("pluginReports", []):
        tool = tools.get(plugin["pluginName"], plugin["pluginName"])
        for violation in plugin.get("violations", []):
            severity = "error" if violation.get("severity") == "error" else "warning"
            for construct in violation.get("violatingConstructs", []):
                stack, _, path = construct["constructPath"].partition("/")
                findings.setdefault(stack, set()).add(
                    Finding(
                        tool=tool,
                        rule_id=violation["ruleName"],
                        severity=severity,
                        message=violation["description"],
                        resource=path,
                        hint=violation.get("fix"),
                    )
                )
        for violation in plugin.get("suppressedViolations", []):
            for construct in violation.get("violatingConstructs", []):
                stack, _, path = construct["constructPath"].partition("/")
                acknowledged.setdefault(stack, set()).add(
                    Acknowledged(violation["ruleName"], violation.get("reason", ""), path)
                )
    return (
        {stack: sorted(items) for stack, items in findings.items()},
        {
            stack: sorted(items, key=lambda a: (a.construct, a.rule_id))
            for stack, items in acknowledged.items()
        },
    )
