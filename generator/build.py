"""Build patterns into output folders: code, diagram, synth, checks, teaching page.

The stages run per pattern except synth, which runs every selected stack in
one App (one Node process). Everything is staged first and moved into
`<out>/<id>/` only when the whole build succeeded.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.checks import run_checks
from generator.exports import export_files
from generator.findings import Finding
from generator.lint import template_text
from generator.loader import Resolved
from generator.outputs import (
    check_not_edited,
    ensure_writable,
    replace_folder,
    staging_dir,
    write_files,
)
from generator.render import code, diagram, docs
from generator.synth import Acknowledged, SynthInput, synth_checked

Progress = Callable[[str], None]


def quiet(message: str) -> None:
    """A Progress that shows nothing (library use, tests)."""
    pass


@dataclass
class PatternResult:
    id: str
    folder: Path
    findings: list[Finding]
    resources: int


@dataclass
class BuildResult:
    out_dir: Path
    patterns: list[PatternResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def findings(self) -> list[Finding]:
        return [f for p in self.patterns for f in p.findings]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def build_info(resolved: Resolved) -> str:
    """archgen.json: what made this folder, so it can be rebuilt or compared."""
    info = {
        "pattern": resolved.id,
        "parameters": resolved.values,
        "archgen": __version__,
        "rebuild": resolved.rebuild_command(),
    }
    return json.dumps(info, indent=1) + "\n"


def findings_json(
    resolved: Resolved, findings: list[Finding], acknowledged: list[Acknowledged]
) -> str:
    """findings.json: what the checks found, and what the stack acknowledges and why."""
    document = {
        "pattern": resolved.id,
        "findings": [f.to_dict() for f in findings],
        "acknowledged": [a.to_dict() for a in acknowledged],
    }
    return json.dumps(document, indent=1) + "\n"


def write_code(resolved: Resolved, folder: Path) -> None:
    """The generated CDK app of one pattern, written into folder."""
    write_files(folder, code.generate(resolved).files)


def build(
    selected: list[Resolved],
    out_dir: Path,
    *,
    force: bool = False,
    progress: Progress = quiet,
) -> BuildResult:
    started = time.perf_counter()
    ensure_writable(out_dir)
    for resolved in selected:
        check_not_edited(out_dir / resolved.id, force)
    staging = staging_dir(out_dir)
    total = len(selected)
    try:
        folders: dict[str, Path] = {}
        for index, resolved in enumerate(selected, 1):
            folder = staging / resolved.id
            folders[resolved.id] = folder
            progress(f"[{index}/{total}] {resolved.id}: code")
            write_code(resolved, folder / "cdk")
            progress(f"[{index}/{total}] {resolved.id}: diagram")
            drawn = diagram.render(resolved)
            (folder / "diagram.png").write_bytes(drawn.png)
            (folder / "diagram.svg").write_text(drawn.svg, encoding="utf-8")
            (folder / "diagram.dot").write_text(drawn.dot, encoding="utf-8")
            write_files(folder, export_files(resolved))  # diagram.mmd, diagram.drawio
            (folder / "archgen.json").write_text(build_info(resolved), encoding="utf-8")

        progress(f"synth and cdk-nag: {total} stack(s) in one CDK app")
        synthesized = synth_checked([SynthInput(r, folders[r.id] / "cdk") for r in selected])

        result = BuildResult(out_dir=out_dir)
        for index, (resolved, synthed) in enumerate(zip(selected, synthesized, strict=True), 1):
            folder = folders[resolved.id]
            template = synthed.template
            (folder / "template.json").write_text(template_text(template), encoding="utf-8")
            progress(f"[{index}/{total}] {resolved.id}: cfn-lint, archgen rules, agreement")
            findings = run_checks(resolved, synthed)
            (folder / "findings.json").write_text(
                findings_json(resolved, findings, synthed.acknowledged), encoding="utf-8"
            )
            progress(f"[{index}/{total}] {resolved.id}: teaching page")
            page = docs.teaching_page(resolved, template, findings, synthed.acknowledged)
            (folder / "README.md").write_text(page, encoding="utf-8")
            result.patterns.append(
                PatternResult(
                    resolved.id,
                    out_dir / resolved.id,
                    findings,
                    len(template.get("Resources", {})),
                )
            )
        for resolved in selected:
            replace_folder(folders[resolved.id], out_dir / resolved.id)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.seconds = time.perf_counter() - started
    return result
