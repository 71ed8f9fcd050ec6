"""Where submissions execute: one interface, a local pool behind it by default.

The engine hands each (lab, student) execution to an `Executor` and records
the results in its own process as they arrive (the one gradebook writer).
Two implementations:

* `LocalPool`: worker processes on this machine, one per core (the default).
* `DaskCluster`: the workers of a running Dask distributed cluster, reached
  through its scheduler address.  Each Dask worker process keeps its own warm
  sandbox template, exactly as a local worker does, and applies the same
  isolation and limits.  When a worker dies mid-task the scheduler runs the
  task again on another worker, so a lost worker loses no grade; the engine
  records each submission once, whichever worker finished it.

Workers read the course folder (submissions, sources, reference solutions)
at the same path as the grader, as they would on a shared file system; the
executed notebooks come back as data and the grader writes them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import as_completed as futures_completed
from typing import Any, Protocol

__all__ = ["Executor", "LocalPool", "DaskCluster", "executor_for"]


class Executor(Protocol):
    """Runs functions elsewhere and yields their futures as they finish."""

    description: str

    def submit(self, fn: Callable, *args: Any, key: str) -> Any: ...

    def as_completed(self, futures: Iterable[Any]) -> Iterator[Any]: ...

    def close(self) -> None: ...


class LocalPool:
    """Worker processes on this machine (spawned: a parent that loaded TensorFlow cannot fork safely)."""

    def __init__(self, workers: int) -> None:
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        self.description = f"{workers} local worker(s)"

    def submit(self, fn: Callable, *args: Any, key: str) -> Future:
        return self.pool.submit(fn, *args)

    def as_completed(self, futures: Iterable[Future]) -> Iterator[Future]:
        return futures_completed(list(futures))

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """The workers of a Dask distributed cluster, given its scheduler address."""

    def __init__(self, address: str, timeout: float = 30) -> None:
        try:
            from distributed import Client
        except ImportError as exc:  # an install without the optional dependency
            raise RuntimeError("grading on a Dask cluster needs the 'distributed' package") from exc
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except OSError as exc:
            raise RuntimeError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        workers = self.client.scheduler_info().get("workers", {})
        self.description = f"Dask cluster at {address} ({len(workers)} worker(s))"

    def submit(self, fn: Callable, *args: Any, key: str) -> Any:
        # pure=False: a regrade must run again, never reuse a result the cluster still holds
        return self.client.submit(fn, *args, key=key, pure=False)

    def as_completed(self, futures: Iterable[Any]) -> Iterator[Any]:
        from distributed import as_completed

        return iter(as_completed(list(futures), loop=self.client.loop))

    def close(self) -> None:
        self.client.close()


def executor_for(workers: int, scheduler: str | None = None) -> Executor:
    """A Dask cluster when a scheduler address is given, else a local pool."""
    return DaskCluster(scheduler) if scheduler else LocalPool(workers)
