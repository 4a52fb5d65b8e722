"""Build patterns into output folders: code, diagram, synth, checks, teaching page.

The stages run per pattern except synth, which runs every selected stack in
one App (one Node process). Everything is staged first; each pattern's folder
moves into `<out>/<id>/` when that pattern succeeded.

A pattern that fails (its file, its stack, a check) is reported with its
one-line error and the others still build: one bad pattern never costs the
rest of the catalog. Its own output folder stays as it was.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.errors import ArchgenError
from generator.findings import Finding
from generator.loader import Resolved
from generator.outputs import (
    check_not_edited,
    locked,
    replace_folder,
    staging_dir,
    write_files,
)

Progress = Callable[[str], None]


def quiet(message: str) -> None:
    """A Progress that shows nothing (library use, tests)."""
    pass


@dataclass(frozen=True)
class Failed:
    """A selected pattern that could not even be loaded or resolved."""

    id: str
    error: ArchgenError


@dataclass
class PatternResult:
    id: str
    folder: Path
    findings: list[Finding]
    resources: int
    error: ArchgenError | None = None  # why nothing was written for this pattern


@dataclass
class BuildResult:
    out_dir: Path
    patterns: list[PatternResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def findings(self) -> list[Finding]:
        return [f for p in self.patterns for f in p.findings]

    @property
    def failed(self) -> list[PatternResult]:
        return [p for p in self.patterns if p.error is not None]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def raise_first_error(self) -> BuildResult:
        """For callers that build one pattern and want its failure as an exception."""
        for item in self.failed:
            raise item.error  # type: ignore[misc]
        return self


def build_info(resolved: Resolved) -> str:
    """archgen.json: what made this folder, so it can be rebuilt or compared."""
    info = {
        "pattern": resolved.id,
        "parameters": resolved.values,
        "archgen": __version__,
        "rebuild": resolved.rebuild_command(),
    }
    return json.dumps(info, indent=1) + "\n"


def findings_json(resolved: Resolved, findings: list[Finding], acknowledged: list) -> str:
    """findings.json: what the checks found, and what the stack acknowledges and why."""
    document = {
        "pattern": resolved.id,
        "findings": [f.to_dict() for f in findings],
        "acknowledged": [a.to_dict() for a in acknowledged],
    }
    return json.dumps(document, indent=1) + "\n"


def write_code(resolved: Resolved, folder: Path) -> None:
    """The generated CDK app of one pattern, written into folder."""
    from generator.render import code

    write_files(folder, code.generate(resolved).files)


@dataclass
class _Job:
    """One pattern on its way through the stages; error stops it at the stage that failed."""

    resolved: Resolved
    folder: Path  # its staging folder
    place: str  # "[2/3] id", for progress lines
    progress: Progress
    error: ArchgenError | None = None
    findings: list[Finding] = field(default_factory=list)
    resources: int = 0

    def run(self, stage: str, step: Callable, *args) -> None:
        """Run one stage unless an earlier one failed; an ArchgenError becomes the job's."""
        if self.error is not None:
            return
        self.progress(f"{self.place}: {stage}")
        try:
            step(self, *args)
        except ArchgenError as exc:
            self.fail(exc)

    def fail(self, error: ArchgenError) -> None:
        self.error = error
        self.progress(f"{self.place}: failed")


def build(
    selected: Sequence[Resolved | Failed],
    out_dir: Path,
    *,
    force: bool = False,
    progress: Progress = quiet,
) -> BuildResult:
    """Build every selected pattern; a failed one is in the result with its error.

    Only one archgen writes into out_dir at a time (see generator.outputs.locked).
    """
    started = time.perf_counter()
    with locked(out_dir):
        result = _build_locked(selected, out_dir, force, progress)
    result.seconds = time.perf_counter() - started
    return result


def _build_locked(
    selected: Sequence[Resolved | Failed], out_dir: Path, force: bool, progress: Progress
) -> BuildResult:
    from generator.checks import run_checks
    from generator.lint import template_text
    from generator.render import diagram, docs
    from generator.synth import SynthInput, synth_each

    staging = staging_dir(out_dir)
    total = len(selected)
    try:
        jobs: list[_Job | Failed] = []
        for index, item in enumerate(selected, 1):
            if isinstance(item, Failed):
                jobs.append(item)
                continue
            job = _Job(item, staging / item.id, f"[{index}/{total}] {item.id}", progress)
            jobs.append(job)
            job.run("output folder", _check_target, out_dir, force)
            job.run("code", _write_code)
            job.run("diagram", _write_diagram, diagram)

        ready = [job for job in jobs if isinstance(job, _Job) and job.error is None]
        progress(f"synth and cdk-nag: {len(ready)} stack(s) in one CDK app")
        synthesized = synth_each([SynthInput(j.resolved, j.folder / "cdk") for j in ready])
        for job, synthed in zip(ready, synthesized, strict=True):
            if isinstance(synthed, ArchgenError):
                job.fail(synthed)
                continue
            job.resources = len(synthed.template.get("Resources", {}))
            (job.folder / "template.json").write_text(
                template_text(synthed.template), encoding="utf-8"
            )
            job.run("cfn-lint, archgen rules, agreement", _check, synthed, run_checks)
            job.run("teaching page", _write_page, synthed, docs)

        result = BuildResult(out_dir=out_dir)
        for job in jobs:
            if isinstance(job, Failed):
                result.patterns.append(PatternResult(job.id, out_dir / job.id, [], 0, job.error))
                continue
            pattern_id = job.resolved.id
            if job.error is None:
                replace_folder(job.folder, out_dir / pattern_id)
            result.patterns.append(
                PatternResult(
                    pattern_id, out_dir / pattern_id, job.findings, job.resources, job.error
                )
            )
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_target(job: _Job, out_dir: Path, force: bool) -> None:
    check_not_edited(out_dir / job.resolved.id, force)


def _write_code(job: _Job) -> None:
    write_code(job.resolved, job.folder / "cdk")


def _check(job: _Job, synthed, run_checks) -> None:
    job.findings = run_checks(job.resolved, synthed)


def _write_diagram(job: _Job, diagram) -> None:
    drawn = diagram.render(job.resolved)
    (job.folder / "diagram.png").write_bytes(drawn.png)
    (job.folder / "diagram.svg").write_text(drawn.svg, encoding="utf-8")
    (job.folder / "diagram.dot").write_text(drawn.dot, encoding="utf-8")
    (job.folder / "archgen.json").write_text(build_info(job.resolved), encoding="utf-8")


def _write_page(job: _Job, synthed, docs) -> None:
    template = synthed.template
    (job.folder / "findings.json").write_text(
        findings_json(job.resolved, job.findings, synthed.acknowledged), encoding="utf-8"
    )
    page = docs.teaching_page(job.resolved, template, job.findings, synthed.acknowledged)
    (job.folder / "README.md").write_text(page, encoding="utf-8")
