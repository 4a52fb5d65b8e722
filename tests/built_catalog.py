"""A built output folder of the catalog at its defaults, for the gallery and export tests.

A real `archgen build --all` synthesizes every stack again (a minute or two), so the
fast tests assemble the folders the way generator.build writes them, from the session's
synthesized variants (conftest.synthesized): the same code, templates, checks and
pages; only the one-App synth is shared. The browser tests run the real command.
"""

from __future__ import annotations

from pathlib import Path

from generator.build import build_info, findings_json
from generator.checks import run_checks
from generator.exports import export_files
from generator.lint import template_text
from generator.outputs import replace_folder, write_files
from generator.render import diagram, docs


def assemble(synthesized: dict, catalog, out_dir: Path) -> Path:
    """out_dir with one folder per catalog pattern, as `archgen build --all` leaves it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for pattern in catalog:
        item = synthesized[f"{pattern.id}[defaults]"]
        resolved, synthed = item.resolved, item.result
        folder = out_dir / f".staging-{pattern.id}"
        code = {
            p.relative_to(item.code_dir).as_posix(): p.read_text(encoding="utf-8")
            for p in item.code_dir.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and "cdk.out" not in p.parts
        }
        write_files(folder / "cdk", code)
        drawn = diagram.render(resolved)
        (folder / "diagram.png").write_bytes(drawn.png)
        files = {"diagram.svg": drawn.svg, "diagram.dot": drawn.dot} | export_files(resolved)
        findings = run_checks(resolved, synthed)
        files |= {
            "archgen.json": build_info(resolved),
            "template.json": template_text(synthed.template),
            "findings.json": findings_json(resolved, findings, synthed.acknowledged),
            "README.md": docs.teaching_page(
                resolved, synthed.template, findings, synthed.acknowledged
            ),
        }
        write_files(folder, files)
        replace_folder(folder, out_dir / pattern.id)
    return out_dir
