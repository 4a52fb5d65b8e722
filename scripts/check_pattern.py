"""Check one pattern file while writing it: generate, synth, cfn-lint, resource types.

    python scripts/check_pattern.py patterns/<id>.yaml [--param KEY=VALUE ...]

Writes the generated code to /tmp/check/<id>/ and prints every finding; exits
non-zero when there is one. `archgen build` does the same work for the catalog.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from generator.errors import ArchgenError
from generator.inventory import missing_resource_types
from generator.lint import lint_template
from generator.loader import load
from generator.parameters import parse_assignments
from generator.render.code import generate
from generator.synth import SynthInput, synth


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pattern", type=Path)
    parser.add_argument("--param", action="append", default=[])
    args = parser.parse_args()
    try:
        resolved = load(args.pattern).resolve(parse_assignments(args.param))
        out = Path("/tmp/check") / resolved.id
        shutil.rmtree(out, ignore_errors=True)
        for name, text in generate(resolved).files.items():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_text(text)
        (template,) = synth([SynthInput(resolved, out)])
    except ArchgenError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    (out / "template.json").write_text(__import__("json").dumps(template, indent=1))
    problems = [str(f) for f in lint_template(template)]
    for component, types in missing_resource_types(resolved, template).items():
        problems.append(f"ERROR   component {component} has no resource of type {', '.join(types)}")
    for line in problems:
        print(line)
    print(f"{resolved.id} {resolved.values}: {len(problems)} findings; code in {out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
