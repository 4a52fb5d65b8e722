"""Synth and cfn-lint results computed once per test run, shared by every xdist worker.

Synthesizing the catalog's variants (and the kind fixtures) is most of the suite's
work, and it grows with the catalog. A session fixture runs once per worker, so
with pytest-xdist each worker would synthesize and lint everything again. Here the
stacks are cut into chunks; a worker that needs the results claims the chunks no
worker has claimed yet (an exclusive file create), synthesizes and lints them, and
writes them to the run's shared temporary folder; then it reads the chunks the
other workers computed, waiting for any still running. Both cores work on their
own chunks, and no stack is synthesized twice in one run.

The generated code is cheap to write and each worker writes its own copy, so only
the results (templates, findings, acknowledgements) cross between processes.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.findings import Finding
from generator.lint import lint_pool, lint_template
from generator.synth import Synthesized, SynthInput, synth_checked

WAIT_S = 30 * 60  # a chunk another worker claimed and never wrote: give up after this


def shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder every worker of this run sees (the parent of the workers' own temp folders)."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = root / f"shared-{name}"
    folder.mkdir(exist_ok=True)
    return folder


def workers() -> int:
    return int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))


def synth_and_lint_shared(
    folder: Path, items: dict[str, SynthInput], *, lint: bool = True
) -> dict[str, tuple[Synthesized, list[Finding]]]:
    """Each item's synth result and cfn-lint findings (none when lint is False), by key,
    computed once per run."""
    keys = list(items)
    chunks = max(1, min(len(keys), 2 * workers()))
    parts = [keys[k::chunks] for k in range(chunks)]
    for number, part in enumerate(parts):
        if _claim(folder / f"chunk-{number}.claim"):
            _write(folder / f"chunk-{number}.pickle", lambda part=part: _compute(items, part, lint))
    results: dict[str, tuple[Synthesized, list[Finding]]] = {}
    for number in range(chunks):
        results |= _read(folder / f"chunk-{number}.pickle")
    return {key: results[key] for key in keys}


def _compute(items: dict[str, SynthInput], keys: list[str], lint: bool) -> dict:
    synthesized = dict(zip(keys, synth_checked([items[k] for k in keys]), strict=True))
    if not lint:
        return {key: (result, []) for key, result in synthesized.items()}
    templates = {key: result.template for key, result in synthesized.items()}
    return {key: (synthesized[key], findings) for key, findings in lint_all(templates).items()}


def lint_all(templates: dict[str, dict]) -> dict[str, list[Finding]]:
    """cfn-lint on every template: in a pool on every core when this process is alone, in
    process when other xdist workers keep the other cores busy."""
    pool = lint_pool(len(templates)) if workers() == 1 else None
    if pool is None:
        return {key: lint_template(template) for key, template in templates.items()}
    with pool:
        pending = {key: pool.submit(template) for key, template in templates.items()}
        return {key: findings() for key, findings in pending.items()}


def _claim(path: Path) -> bool:
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def _write(path: Path, compute: Callable[[], dict]) -> None:
    """The chunk's results, or the error computing them raised, for every worker to read.

    Whatever stops the computation (an error, a timeout's interruption) is written too, so
    that no worker waits for a chunk that will never come.
    """
    stopped: BaseException | None = None
    try:
        value: object = compute()
    except BaseException as error:  # noqa: BLE001  (every worker re-raises it)
        value, stopped = error, error
    try:
        data = pickle.dumps(value)
    except Exception:  # noqa: BLE001  (an error that does not pickle: its text does)
        data = pickle.dumps(RuntimeError(f"{path.stem}: {value!r}"))
    partial = path.with_suffix(".partial")
    partial.write_bytes(data)
    partial.replace(path)
    if stopped is not None and not isinstance(stopped, Exception):
        raise stopped


def _read(path: Path) -> dict:
    deadline = time.monotonic() + WAIT_S
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path.name}: the worker that claimed it wrote nothing")
        time.sleep(0.2)
    value = pickle.loads(path.read_bytes())
    if isinstance(value, BaseException):
        raise value
    return value
