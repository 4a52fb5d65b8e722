"""Worker processes, one per core, for archgen's CPU-bound pure-Python steps.

cfn-lint (its JSON-schema validation) and Pygments (the gallery's highlighting)
are pure Python, so threads would not run them side by side: each task goes to
a worker process. Workers are spawned, never forked: a building process runs
jsii's threads and its Node. As with any spawned process, a script that builds
through the library must keep its own work under `if __name__ == "__main__":`.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def _start_worker() -> None:
    """Ctrl-C reaches the whole process group; the command, not its workers, handles it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Workers:
    """A pool of worker processes whose tasks fall back to this process when it breaks.

    warm_up, if given, runs once in every worker as soon as the pool starts (imports,
    caches), so that the first real task finds it ready.
    """

    def __init__(self, workers: int, warm_up: Callable[[], object] | None = None) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
        )
        if warm_up is not None:
            for _ in range(workers):  # each submit with no idle worker starts one
                self._executor.submit(warm_up)

    def submit(self, function: Callable[..., T], *args) -> Callable[[], T]:
        """Start function(*args) in a worker; call the result for its value.

        A pool whose worker could not start or died (a script without a `__main__`
        guard cannot be spawned from) runs the task in this process instead.
        """
        from concurrent.futures.process import BrokenProcessPool

        try:
            future = self._executor.submit(function, *args)
        except (BrokenProcessPool, RuntimeError):
            return lambda: function(*args)

        def result() -> T:
            try:
                return future.result()
            except BrokenProcessPool:
                return function(*args)

        return result

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def worker_count(tasks: int) -> int:
    """Workers worth starting for this many tasks: one per core, at most one per task."""
    return min(os.cpu_count() or 1, tasks)
