"""Time `archgen build --all` against the same work done one process per step.

    .venv/bin/python scripts/benchmark.py [--repeat N]

The fast way is one process: every stack in one CDK app (one Node start), cfn-lint
in process. The slow way starts a process per pattern for synth, another for
cfn-lint (its CLI) and another for the diagram. Both write to scratch folders.
Prints seconds per run (best of N) and the ratio; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ARCHGEN = str(BIN / "archgen")
CFN_LINT = str(BIN / "cfn-lint")


def run(args: list[str]) -> None:
    subprocess.run(args, check=True, capture_output=True)


def fast(out: Path) -> None:
    run([ARCHGEN, "build", "--all", "--out", str(out), "--force"])


def slow(out: Path, ids: list[str]) -> None:
    for pattern_id in ids:
        run([ARCHGEN, "synth", pattern_id, "--out", str(out), "--force"])
        run([CFN_LINT, "--ignore-checks", "W3005", "--", str(out / pattern_id / "template.json")])
        run([ARCHGEN, "diagram", pattern_id, "--out", str(out), "--force"])


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each way (best is shown)")
    args = parser.parse_args()
    listing = subprocess.run([ARCHGEN, "list"], check=True, capture_output=True, text=True)
    ids = [line.split()[0] for line in listing.stdout.splitlines() if line.strip()]
    print(f"{len(ids)} patterns: {', '.join(ids)}")
    results: dict[str, list[float]] = {
        "one process (archgen build --all)": [],
        "process per step": [],
    }
    with tempfile.TemporaryDirectory(prefix="archgen-bench-") as scratch:
        for attempt in range(args.repeat):
            results["one process (archgen build --all)"].append(
                timed(fast, Path(scratch) / f"fast{attempt}")
            )
            results["process per step"].append(timed(slow, Path(scratch) / f"slow{attempt}", ids))
    for name, times in results.items():
        print(
            f"{name:<36} best {min(times):6.2f} s   median {statistics.median(times):6.2f} s"
            f"   ({len(times)} runs)"
        )
    best_fast = min(results["one process (archgen build --all)"])
    best_slow = min(results["process per step"])
    print(f"ratio: the process-per-step way takes {best_slow / best_fast:.1f}x as long")
    print(
        "note: the one-process build also runs cdk-nag, archgen's rules and the agreement "
        "check and writes the teaching pages, which the process-per-step way leaves out"
    )


if __name__ == "__main__":
    main()
