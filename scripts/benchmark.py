"""Time archgen on the whole catalog: cold, one pattern changed, nothing changed, memory.

    .venv/bin/python scripts/benchmark.py [--repeat N]

Prints, for the catalog (a copy of patterns/ in a scratch folder, a build cache
of its own, so your ~/.cache/archgen is never touched):

- cold: `archgen build --all --no-cache`, one process (every stack in one CDK
  app, cfn-lint in a process pool), against the slow way: the same work with a
  process per pattern and step (`archgen diagram`; generate and synthesize with
  cdk-nag; the cfn-lint CLI; archgen's rules, the agreement check and the
  teaching page; then `archgen gallery` once), so both sides run the same checks
  and write the same files;
- one changed: a rebuild after one pattern's file changed (the others come from
  the cache), beside that pattern's own cold build;
- no change: a rebuild with nothing changed (the whole command);
- peak memory: the most resident memory the cold build's processes (Python,
  Node, cfn-lint workers) held at once, sampled from /proc in one more cold build
  of its own (sampling takes CPU, so the timed builds are not sampled);
- the quick commands: `archgen --help`, `list` and `show`.

Every figure is the best of N runs (wall-clock seconds); the script asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ARCHGEN = str(BIN / "archgen")
CFN_LINT = str(BIN / "cfn-lint")
PYTHON = sys.executable
ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=True, capture_output=True, text=True, env=env)


# The slow way's steps, each run as `benchmark.py --step NAME PATTERNS ID OUT` in a process
# of its own; together they do what `archgen build` does for one pattern.


def step_synth(patterns: Path, pattern_id: str, out: Path) -> None:
    """Generate the CDK app and synthesize it with cdk-nag; keep what cdk-nag found."""
    from generator.build import build_info, write_code
    from generator.lint import template_text
    from generator.loader import find_pattern, load
    from generator.synth import SynthInput, synth_checked

    resolved = load(find_pattern(pattern_id, patterns)).resolve({})
    folder = out / pattern_id
    write_code(resolved, folder / "cdk")
    (result,) = synth_checked([SynthInput(resolved, folder / "cdk")])
    (folder / "template.json").write_text(template_text(result.template))
    (folder / "archgen.json").write_text(build_info(resolved))
    nag = {
        "findings": [f.to_dict() for f in result.findings],
        "acknowledged": [a.to_dict() for a in result.acknowledged],
    }
    (folder / "nag.json").write_text(json.dumps(nag))


def step_checks(patterns: Path, pattern_id: str, out: Path) -> None:
    """archgen's rules and the agreement check, then findings.json and the teaching page."""
    from generator import agreement
    from generator.build import findings_json
    from generator.findings import Finding, severity_from_id
    from generator.loader import find_pattern, load
    from generator.render import docs
    from generator.rules import run_rules
    from generator.synth import Acknowledged

    resolved = load(find_pattern(pattern_id, patterns)).resolve({})
    folder = out / pattern_id
    template = json.loads((folder / "template.json").read_text())
    nag = json.loads((folder / "nag.json").read_text())
    lint = [
        Finding("cfn-lint", m["Rule"]["Id"], severity_from_id(m["Rule"]["Id"]), m["Message"])
        for m in json.loads((folder / "cfn-lint.json").read_text() or "[]")
    ]
    acknowledged = [Acknowledged(**a) for a in nag["acknowledged"]]
    findings = sorted(
        set(lint + [Finding(**f) for f in nag["findings"]] + run_rules(template))
        | set(agreement.check(resolved, template))
    )
    (folder / "findings.json").write_text(findings_json(resolved, findings, acknowledged))
    page = docs.teaching_page(resolved, template, findings, acknowledged)
    (folder / "README.md").write_text(page)


def slow(patterns: Path, out: Path, ids: list[str], env: dict) -> None:
    me = [PYTHON, str(Path(__file__).resolve())]
    for pattern_id in ids:
        run([ARCHGEN, "--patterns", str(patterns), "diagram", pattern_id, "--out", str(out)], env)
        run([*me, "--step", "synth", str(patterns), pattern_id, str(out)], env)
        template = out / pattern_id / "template.json"
        lint = subprocess.run(
            [CFN_LINT, "--format", "json", "--", str(template)], capture_output=True, text=True
        )
        (out / pattern_id / "cfn-lint.json").write_text(lint.stdout)
        run([*me, "--step", "checks", str(patterns), pattern_id, str(out)], env)
    run([ARCHGEN, "--patterns", str(patterns), "gallery", "--out", str(out)], env)


def build(patterns: Path, out: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return run([ARCHGEN, "--patterns", str(patterns), "build", "--out", str(out), *args], env)


class PeakMemory:
    """Samples the summed resident memory of a process and its descendants (Linux /proc)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._done = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _tree(self, pid: int) -> list[int]:
        found = [pid]
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                for child in (task / "children").read_text().split():
                    found += self._tree(int(child))
        except OSError:
            pass
        return found

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, sum(self._rss(p) for p in self._tree(self.pid)))
            time.sleep(0.05)

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak


def timed_cold(patterns: Path, out: Path, env: dict, *, sample: bool) -> tuple[float, int]:
    """One cold build: seconds, and with sample the peak resident bytes of its process tree.

    Sampling walks /proc every 50 ms, which takes CPU from the build it measures on a
    machine of few cores, so the timed runs are not sampled and memory has a run of its own.
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        [ARCHGEN, "--patterns", str(patterns), "build", "--all", "--no-cache", "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    memory = PeakMemory(process.pid) if sample else None
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    peak = memory.stop() if memory is not None else 0
    if process.returncode != 0:
        raise SystemExit(f"cold build failed:\n{stderr.decode()}")
    return seconds, peak


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each figure (best is shown)")
    parser.add_argument(
        "--step", nargs=4, metavar=("STEP", "PATTERNS", "ID", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.step:
        name, patterns, pattern_id, out = args.step
        {"synth": step_synth, "checks": step_checks}[name](Path(patterns), pattern_id, Path(out))
        return

    with tempfile.TemporaryDirectory(prefix="archgen-bench-") as scratch_name:
        scratch = Path(scratch_name)
        patterns = scratch / "patterns"
        shutil.copytree(ROOT / "patterns", patterns)
        env = {**os.environ, "XDG_CACHE_HOME": str(scratch / "xdg")}
        listing = run([ARCHGEN, "--patterns", str(patterns), "list"], env)
        ids = [line.split()[0] for line in listing.stdout.splitlines() if line.strip()]
        print(f"{len(ids)} patterns: {', '.join(ids)}; {os.cpu_count()} CPU(s)")
        n = range(args.repeat)

        cold = [timed_cold(patterns, scratch / f"cold{a}", env, sample=False)[0] for a in n]
        _, peak = timed_cold(patterns, scratch / "cold-sampled", env, sample=True)
        slow_times = [timed(slow, patterns, scratch / f"slow{a}", ids, env) for a in n]

        # Warm the cache, then change one pattern (its title) and rebuild.
        changed = ids[-1]
        build(patterns, scratch / "warm", env, "--all")
        alone = [
            timed(build, patterns, scratch / f"alone{a}", env, changed, "--no-cache") for a in n
        ]
        path = patterns / f"{changed}.yaml"
        original = path.read_text()
        one_changed = []
        for attempt in n:
            path.write_text(original.replace("\ntitle: ", f"\ntitle: Changed {attempt} ", 1))
            one_changed.append(timed(build, patterns, scratch / "warm", env, "--all"))
        path.write_text(original)
        build(patterns, scratch / "warm", env, "--all")
        no_change = [timed(build, patterns, scratch / "warm", env, "--all") for _ in n]

        quick = {}
        for label, command in (
            ("archgen --help", ["--help"]),
            ("archgen list", ["list"]),
            (f"archgen show {ids[0]}", ["show", ids[0]]),
        ):
            quick[label] = min(timed(run, [ARCHGEN, *command], env) for _ in n)

    best = min
    print(f"cold build --all (cache off):   {best(cold):6.2f} s")
    print(
        f"  the slow way, same checks:     {best(slow_times):6.2f} s   "
        f"ratio {best(slow_times) / best(cold):.1f}x (goal: at least 5x)"
    )
    print(
        f"one pattern changed ({changed}): {best(one_changed):6.2f} s   "
        f"its own cold build {best(alone):.2f} s (goal: at most that + 3 s)"
    )
    print(f"no change:                       {best(no_change):6.2f} s   (goal: at most 1 s)")
    print(f"peak memory of the cold build:   {peak / 2**30:6.2f} GiB (goal: at most 2 GiB)")
    for label, seconds in quick.items():
        print(f"{label + ':':<32} {seconds:6.2f} s   (goal: under 0.5 s)")
    print(f"(best of {args.repeat} runs each; {os.getloadavg()[0]:.1f} load average at the end)")


if __name__ == "__main__":
    main()
