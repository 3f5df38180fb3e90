"""Where the draws are evaluated: any :class:`concurrent.futures.Executor`. In-process for small jobs, a
process pool for large ones, a Dask cluster with no change to the code (``distributed.Client(address)
.get_executor()``; Dask is the optional extra ``pip install -e '.[dask]'``, imported only when asked for).

The numbers never depend on the executor: the work is cut into the same chunks whatever runs them, and the
results are put back in draw order (:mod:`sco_games.uncertainty.chunks`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any

__all__ = ["SMALL_JOB", "InProcessExecutor", "dask_executor", "executor_for", "workers_of"]

#: jobs of at most this many model evaluations run in-process by default (a pool costs more to start)
SMALL_JOB = 20_000


class InProcessExecutor(Executor):
    """An executor that runs each task at once, in the calling process (no pickling, no workers)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """Run ``fn(*args, **kwargs)`` now, in this process; its result (or exception) in a done future."""
        f: Future = Future()
        try:
            f.set_result(fn(*args, **kwargs))
        except BaseException as e:  # noqa: BLE001 - handed to the caller through the future, as a pool does
            f.set_exception(e)
        return f


def workers_of(executor: Executor) -> int:
    """How many tasks ``executor`` runs at once (1 if it does not say)."""
    n = getattr(executor, "_max_workers", None)
    client = getattr(executor, "_client", None)  # a Dask ClientExecutor
    if client is not None:
        with contextlib.suppress(Exception):
            n = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
    return int(n) if isinstance(n, int) and n > 0 else 1


@contextlib.contextmanager
def executor_for(n_evaluations: int, jobs: int | None = None, scheduler: str | None = None
                 ) -> Iterator[Executor]:
    """The executor for a job of ``n_evaluations`` model evaluations, closed on exit.

    ``scheduler``: the address of a Dask scheduler (``tcp://host:8786``), or ``"local"`` for a
    ``LocalCluster`` of ``jobs`` worker processes started here; else ``jobs`` worker processes
    (``None``: one per core; 1: in-process), and in-process anyway for a small job (:data:`SMALL_JOB`).
    """
    if scheduler:
        with dask_executor(scheduler, jobs) as ex:
            yield ex
        return
    if jobs is None:
        jobs = 1 if n_evaluations <= SMALL_JOB else (os.cpu_count() or 1)
    if jobs <= 1:
        yield InProcessExecutor()
        return
    with ProcessPoolExecutor(max_workers=jobs) as ex:
        yield ex


@contextlib.contextmanager
def dask_executor(scheduler: str, jobs: int | None = None) -> Iterator[Executor]:
    """A Dask cluster as an executor, closed on exit: ``scheduler`` is an address (``tcp://host:8786``) or
    ``"local"`` (a ``LocalCluster`` of ``jobs`` single-threaded worker processes, default 2, started here).
    Also the batch runner's (``sco-games run --scheduler``).

    Raises ``RuntimeError`` without the dask extra, and a one-line ``OSError`` when no scheduler answers
    at the address within 10 s (or it is not an address)."""
    try:
        import distributed  # the optional extra: imported only here
    except ImportError:
        raise RuntimeError("a Dask scheduler needs the dask extra: pip install -e '.[dask]'") from None
    if scheduler == "local":
        cluster = distributed.LocalCluster(n_workers=jobs or 2, threads_per_worker=1, dashboard_address=None)
        with cluster, distributed.Client(cluster) as client:
            yield client.get_executor()
        return
    try:
        client = distributed.Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as e:  # no scheduler there, or not an address
        raise OSError(f"no Dask scheduler answers at {scheduler!r}: {e}") from None
    with client:
        yield client.get_executor()
