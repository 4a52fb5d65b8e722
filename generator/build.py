"""Build patterns into output folders: code, diagram, synth, checks, teaching page.

The stages run per pattern except synth, which runs every selected stack in
one App (one Node process). Everything is staged first; each pattern's folder
moves into `<out>/<id>/` when that pattern succeeded.

A pattern that fails (its file, its stack, a check) is reported with its
one-line error and the others still build: one bad pattern never costs the
rest of the catalog. Its own output folder stays as it was.

With a BuildCache, a pattern whose inputs are all unchanged (generator.cache
says which) takes its whole folder from the cache: no code, diagram, synth or
check runs for it, and when every selected pattern is cached no Node process
starts. A folder that already holds exactly that build is left untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.errors import ArchgenError
from generator.exports import export_files
from generator.findings import Finding
from generator.loader import Resolved
from generator.outputs import (
    MANIFEST,
    check_not_edited,
    locked,
    read_manifest,
    replace_folder,
    staging_dir,
    write_files,
)

if TYPE_CHECKING:
    from generator.cache import BuildCache, Entry

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
    cached: bool = False  # taken from the build cache


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

    @property
    def cached(self) -> list[PatternResult]:
        return [p for p in self.patterns if p.cached]

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
    key: str | None = None  # its build cache key, when it has one
    cached: Entry | None = None

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

    @property
    def fresh(self) -> bool:
        """Still to be built (not failed, not from the cache)."""
        return self.error is None and self.cached is None


def build(
    selected: Sequence[Resolved | Failed],
    out_dir: Path,
    *,
    force: bool = False,
    progress: Progress = quiet,
    cache: BuildCache | None = None,
) -> BuildResult:
    """Build every selected pattern; a failed one is in the result with its error.

    Only one archgen writes into out_dir at a time (see generator.outputs.locked).
    cache: where to find and keep unchanged builds (None: build everything).
    """
    started = time.perf_counter()
    with locked(out_dir):
        result = _build_locked(selected, out_dir, force, progress, cache)
    result.seconds = time.perf_counter() - started
    return result


def _build_locked(
    selected: Sequence[Resolved | Failed],
    out_dir: Path,
    force: bool,
    progress: Progress,
    cache: BuildCache | None,
) -> BuildResult:
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
            if cache is not None and job.error is None:
                _look_up(job, cache)
        fresh = [job for job in jobs if isinstance(job, _Job) and job.fresh]
        if fresh:
            _build_fresh(fresh, progress)
        result = BuildResult(out_dir=out_dir)
        for job in jobs:
            if isinstance(job, Failed):
                result.patterns.append(PatternResult(job.id, out_dir / job.id, [], 0, job.error))
                continue
            target = out_dir / job.resolved.id
            if job.error is None and job.cached is not None:
                # Without --force, check_not_edited proved the files match the manifest.
                if force or read_manifest(target) != job.cached.digests():
                    write_files(job.folder, job.cached.files)
                    replace_folder(job.folder, target)
            elif job.error is None:
                if cache is not None and job.key is not None:
                    cache.put(job.key, _folder_files(job.folder), job.findings, job.resources)
                replace_folder(job.folder, target)
            result.patterns.append(
                PatternResult(
                    job.resolved.id,
                    target,
                    job.findings,
                    job.resources,
                    job.error,
                    cached=job.cached is not None,
                )
            )
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _build_fresh(jobs: list[_Job], progress: Progress) -> None:
    """Every stage of the patterns the cache did not have: code, diagram, synth, checks, page.

    What can overlap does, on a machine's cores: the CDK's assemblies load into
    Node (synth.preload) while code is generated; Graphviz draws the diagrams in
    threads meanwhile and on into the first app's synth. cfn-lint's workers start
    and warm up as that first app synthesizes, when they would otherwise wait for
    templates (started earlier they only took CPU from code generation). Node
    synthesizes the stacks in a few apps, one after another, and each app's
    templates are linted in the pool while the next app synthesizes; archgen's
    rules and the agreement check run here as the lint results come in.
    """
    from generator.checks import run_checks
    from generator.lint import lint_pool, template_text
    from generator.render import diagram, docs
    from generator.synth import SynthInput, app_batches, preload, synth_each

    preload()
    pool = None
    # Graphviz draws the diagrams in threads (its own processes) while the next patterns'
    # code is generated and the first app synthesizes, when cfn-lint has nothing yet.
    dot = ThreadPoolExecutor(os.cpu_count() or 1, thread_name_prefix="archgen-dot")
    try:
        drawing = {}
        for job in jobs:
            job.run("code", _write_code)
            job.run("diagram", _start_diagram, diagram, dot, drawing)
        ready = [job for job in jobs if job.error is None]
        pool = lint_pool(len(ready))
        batches = app_batches(ready, alongside=pool is not None)
        progress(
            f"synth and cdk-nag: {len(ready)} stack(s), "
            f"{len(batches)} CDK app(s) in one Node process"
        )
        synthesized, linted = [], {}
        for batch in batches:
            # Each app's templates go to cfn-lint's workers at once, so that they lint on
            # the other cores while Node synthesizes the next app.
            done = synth_each([SynthInput(j.resolved, j.folder / "cdk") for j in batch])
            synthesized += done
            for job, synthed in zip(batch, done, strict=True):
                if isinstance(synthed, ArchgenError):
                    job.fail(synthed)
                    continue
                job.resources = len(synthed.template.get("Resources", {}))
                text = template_text(synthed.template)
                (job.folder / "template.json").write_text(text, encoding="utf-8")
                if pool is not None:
                    linted[job.resolved.id] = pool.submit(synthed.template)
        for job in jobs:
            if job.resolved.id in drawing:
                job.run("diagram files", _write_diagram, drawing[job.resolved.id])
        for job, synthed in zip(ready, synthesized, strict=True):
            future = linted.get(job.resolved.id)
            job.run("cfn-lint, archgen rules, agreement", _check, synthed, run_checks, future)
            job.run("teaching page", _write_page, synthed, docs)
    finally:
        dot.shutdown(wait=True, cancel_futures=True)
        if pool is not None:
            pool.close()


def _check_target(job: _Job, out_dir: Path, force: bool) -> None:
    check_not_edited(out_dir / job.resolved.id, force)


def _look_up(job: _Job, cache: BuildCache) -> None:
    from generator.cache import build_key

    try:
        job.key = build_key(job.resolved)
    except OSError:  # the pattern file went away since it was loaded: build it as it was read
        return
    job.cached = cache.get(job.key) if job.key is not None else None
    if job.cached is not None:
        job.findings, job.resources = job.cached.findings, job.cached.resources
        job.progress(f"{job.place}: unchanged, taken from the build cache")


def _folder_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def _write_code(job: _Job) -> None:
    write_code(job.resolved, job.folder / "cdk")


def _start_diagram(job: _Job, diagram, dot: ThreadPoolExecutor, drawing: dict) -> None:
    graph = diagram.build_graph(job.resolved)
    drawing[job.resolved.id] = dot.submit(diagram.draw, job.resolved, graph)


def _write_diagram(job: _Job, drawing: Future) -> None:
    drawn = drawing.result()
    (job.folder / "diagram.png").write_bytes(drawn.png)
    (job.folder / "diagram.svg").write_text(drawn.svg, encoding="utf-8")
    (job.folder / "diagram.dot").write_text(drawn.dot, encoding="utf-8")
    write_files(job.folder, export_files(job.resolved))  # diagram.mmd, diagram.drawio
    (job.folder / "archgen.json").write_text(build_info(job.resolved), encoding="utf-8")


def _check(job: _Job, synthed, run_checks, lint=None) -> None:
    """All checks; lint: what gives cfn-lint's findings from the pool, if it has them."""
    job.findings = run_checks(job.resolved, synthed, lint() if lint is not None else None)


def _write_page(job: _Job, synthed, docs) -> None:
    template = synthed.template
    (job.folder / "findings.json").write_text(
        findings_json(job.resolved, job.findings, synthed.acknowledged), encoding="utf-8"
    )
    page = docs.teaching_page(job.resolved, template, job.findings, synthed.acknowledged)
    (job.folder / "README.md").write_text(page, encoding="utf-8")
