"""The batch runner: every (scenario, notebook) pair -> papermill -> ``reports/`` (+ ``index.html``).

The only module that imports papermill. One run:

1. validates every scenario first (papermill only warns on unknown parameters), so a bad file
   stops the run before anything is written (:class:`~sco_games.scenario.ScenarioError`);
2. takes an exclusive lock on the reports folder (``fcntl.flock`` on ``<reports>/.lock``): a second
   run at the same time waits for the first;
3. skips a pair whose notebook, scenario file and library source (a hash of the ``sco_games``
   tree) are unchanged since its last successful run (a stamp ``.<notebook>.stamp.json`` per pair);
4. runs the other pairs with papermill's Python API in worker processes (forkserver), each into a
   fresh temporary folder inside the reports folder, with an explicit kernel and a cell timeout;
5. moves a good result into place file by file with ``os.replace`` (the stamp last); a failed
   pair keeps the previous good report and puts the partial notebook beside it as
   ``<notebook>.failed.ipynb``/``.html``;
6. rebuilds ``index.html`` from all stamps.

A notebook whose ``parameters`` cell assigns ``scenario_paths`` (instead of ``scenario_path``) takes every
scenario at once (:func:`takes_all_scenarios`): it is one job, not one per scenario, run with
``scenario_paths`` = the run's scenario files (sorted by path) into ``reports/_all/``
(:data:`~sco_games.batch.report_index.ALL_FOLDER`, a name no scenario can have); it is skipped, re-run and
kept on failure like any pair, and re-run when any of its scenario files changes (or one is added or removed).

Every write is atomic (:func:`~sco_games.sidecar.atomic_write_text`), so an I/O failure (a full disk, a
read-only folder, permission denied, a file where a folder should be) leaves no temporary file and the
earlier reports intact, and is one line: a pair that cannot be run or saved fails (and is run again next
time); a reports folder that cannot be set up, or an index that cannot be rebuilt, raises
:class:`ReportsError`.

Paths under the reports folder are built only from names matching
:data:`~sco_games.scenario.NAME_PATTERN` and checked to resolve inside it.

The pieces: :mod:`~sco_games.batch.runner_types` (pairs, outcomes, errors),
:mod:`~sco_games.batch.runner_plan` (which pairs), :mod:`~sco_games.batch.runner_stamps` (the reports
folder: layout, stamps, lock, commit), :mod:`~sco_games.batch.runner_worker` (one notebook run); this
module is the run loop and the public face (every name above is importable from here).
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sco_games.batch.runner_io import _io_problem
from sco_games.batch.runner_plan import (
    _check_name,
    find_notebooks,
    is_report,
    notebook_requires,
    plan_pairs,
    takes_all_scenarios,
)
from sco_games.batch.runner_stamps import (
    STAMP_FORMAT,
    _commit,
    _inputs,
    _inside,
    _is_unchanged,
    _Layout,
    _locked,
    _mark_not_coded,
    _readable,
    _sha256_file,
)
from sco_games.batch.runner_types import (
    ALL_SCENARIOS,
    Pair,
    PairOutcome,
    ReportsError,
    RunSummary,
    ScenarioErrors,
    UsageError,
    _io_step,
)
from sco_games.batch.runner_worker import _execute_pair, _last_line, _stop_workers, _worker_init
from sco_games.batch.whatif import WHATIF_FOLDER
from sco_games.fingerprint import library_hash
from sco_games.project import ProjectRootError, find_project_root
from sco_games.scenario import find_scenarios, load_scenario

__all__ = [
    "DEFAULT_TIMEOUT",
    "ALL_SCENARIOS",
    "Pair",
    "PairOutcome",
    "ReportsError",
    "RunSummary",
    "ScenarioErrors",
    "UsageError",
    "default_kernel_name",
    "find_notebooks",
    "is_report",
    "library_hash",
    "notebook_requires",
    "plan_pairs",
    "run",
    "takes_all_scenarios",
]
#: re-exported for the tests and the benchmarks (they live in the modules named above)
_REEXPORTED = (STAMP_FORMAT, _check_name, _inside, _sha256_file)

#: Default per-cell execution timeout, seconds.
DEFAULT_TIMEOUT = 600.0
WORK_DIR = ".work"


def default_kernel_name() -> str:
    """``"sco-games"`` if that kernelspec is installed (the Makefile installs it into .venv), else
    ``"python3"``."""
    from jupyter_client.kernelspec import KernelSpecManager

    try:
        specs = KernelSpecManager().find_kernel_specs()
    except Exception:  # pragma: no cover - a broken Jupyter config
        return "python3"
    return "sco-games" if "sco-games" in specs else "python3"



def _cores() -> int:
    """The cores this process may use (its CPU affinity, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _project_or_none(root: str | Path | None) -> Path | None:
    """The project folder: ``root`` (checked), else the one found, else ``None`` (all paths explicit)."""
    try:
        return find_project_root(root)
    except ProjectRootError:
        if root is not None:
            raise
        return None


def _need(project: Path | None) -> Path:
    """``project``, or the :class:`ProjectRootError` that says why there is none."""
    return project if project is not None else find_project_root()


@contextlib.contextmanager
def _pair_executor(scheduler: str | None, workers: int) -> Iterator[tuple[cf.Executor, bool, str]]:
    """The executor the pairs run on, whether its workers share this machine's reports folder, and its
    name for the progress bar. Default: ``workers`` processes forked from a fork server that has imported
    papermill and the library once (every worker starts warm). ``scheduler``: a Dask cluster
    (:func:`sco_games.uncertainty.executors.dask_executor`: an address, or ``"local"``); its workers hand
    the files back as bytes (:mod:`sco_games.batch.runner_worker`), so they need the project's inputs at
    the same paths, not the reports folder. A bad address is a :class:`UsageError`."""
    if scheduler:
        from sco_games.uncertainty.executors import dask_executor, workers_of

        stack = contextlib.ExitStack()
        try:
            ex = stack.enter_context(dask_executor(scheduler, workers if scheduler == "local" else None))
        except (OSError, RuntimeError) as e:  # no scheduler there, not an address, no dask extra
            raise UsageError(f"--scheduler {scheduler}: {_last_line(str(e))}") from None
        with stack:
            yield ex, False, f"running on Dask ({workers_of(ex)} worker(s))"
        return
    ctx = multiprocessing.get_context("forkserver")
    # the fork server imports these once; every worker forked from it starts warm
    ctx.set_forkserver_preload(["sco_games.batch.runner_worker", "sco_games.batch.report_html", "papermill"])
    pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init,
                                  initargs=(os.getpid(),))
    try:
        yield pool, True, f"running on {workers} process(es)"
        pool.shutdown(wait=True)
    except BaseException:
        _stop_workers(pool)
        raise


def _write_back(files: dict[str, bytes] | None, work: Path) -> None:
    """Write the files a remote worker handed back into the pair's work folder (then committed as usual)."""
    for name, data in (files or {}).items():
        (work / name).write_bytes(data)


def _run_pairs(todo: list[tuple[Pair, dict]], layouts: dict[Pair, _Layout], work_root: Path,
               outcomes: dict[Pair, PairOutcome], *, jobs: int | None, kernel: str, timeout: float,
               progress: bool, say: Callable[[str], None], project: Path | None = None,
               scheduler: str | None = None, overrides: dict[str, Any] | None = None) -> None:
    """Run ``todo`` on the executor (:func:`_pair_executor`), committing each pair as it finishes (into
    ``outcomes``)."""
    from tqdm import tqdm

    workers = max(1, min(jobs or _cores(), len(todo)))
    bar = None

    def done(out: PairOutcome) -> None:
        outcomes[out.pair] = out
        line = f"{out.status:6s} {out.pair.label}  ({out.seconds:.1f} s)"
        if out.error:
            line += f"  {out.error}"
        if progress:
            tqdm.write(line, file=sys.stderr)
        else:
            say(line)
        if bar is not None:
            bar.update(1)

    with _pair_executor(scheduler, workers) as (pool, local, name):
        bar = tqdm(total=len(todo), file=sys.stderr, disable=not progress, unit="nb", desc=name,
                   dynamic_ncols=True)
        try:
            futures = {}
            for pair, inputs in todo:
                try:
                    work = Path(tempfile.mkdtemp(prefix=f"{pair.scenario}.{pair.notebook}.", dir=work_root))
                except OSError as e:  # e.g. a full disk: this pair fails, the others still try
                    problem = _io_problem(f"make a work folder in {work_root}", e)
                    done(PairOutcome(pair, "failed", 0.0, problem))
                    continue
                job = {
                    "work": str(work) if local else None, "notebook": pair.notebook,
                    "notebook_path": str(pair.notebook_path),
                    "scenario_path": None if pair.scenario_path is None else str(pair.scenario_path),
                    "scenario_paths": [str(p) for p in pair.scenario_paths] if pair.scenario_paths else None,
                    "scenario_title": pair.scenario_title,
                    "kernel": kernel, "timeout": float(timeout),
                    "root": str(project) if project else None,
                    "overrides": dict(overrides or {}),
                }
                futures[pool.submit(_execute_pair, job)] = (pair, inputs, work)
            for fut in cf.as_completed(futures):
                pair, inputs, work = futures[fut]
                try:
                    res = fut.result()
                except Exception as e:  # noqa: BLE001 - a worker died
                    res = {"status": "failed", "seconds": 0.0,
                           "error": f"worker crashed: {type(e).__name__}: {_last_line(str(e))}"}
                try:
                    _write_back(res.pop("files", None), work)
                except OSError as e:  # e.g. a full disk: this pair fails in one line, its old report stays
                    res = {"status": "failed", "seconds": res["seconds"],
                           "error": _io_problem(f"save the report in {layouts[pair].folder}", e)}
                out = _commit(layouts[pair], pair, work, res, inputs, kernel)
                shutil.rmtree(work, ignore_errors=True)
                done(out)
        except BaseException:
            for fut in futures:
                fut.cancel()
            raise
        finally:
            bar.close()


def run(
    scenarios: Sequence[str | Path] | None = None,
    notebooks: Sequence[str | Path] | None = None,
    *,
    reports_dir: str | Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    kernel_name: str | None = None,
    progress: bool = True,
    log: Callable[[str], None] | None = None,
    root: str | Path | None = None,
    scheduler: str | None = None,
    overrides: dict[str, Any] | None = None,
) -> RunSummary:
    """Run every (scenario, notebook) pair and rebuild the index; see the module docstring.

    ``scenarios``/``notebooks``/``reports_dir`` default to the project's ``params/*.yaml``,
    ``notebooks/*.ipynb`` and ``reports/``; the project folder is ``root`` or found as
    :func:`sco_games.project.find_project_root` does (needed only for a default), and is passed to the
    notebooks' kernels as ``$SCO_GAMES_ROOT``. ``overrides`` (a what-if, :mod:`sco_games.batch.whatif`) are
    every notebook's ``overrides`` parameter; then the reports go to ``reports/_whatif/`` by default (never
    over the real ones), the notebooks over every scenario are left out, and the overrides are part of each
    pair's stamp (another what-if re-runs it).

    ``scheduler``: run the notebooks on a Dask cluster (an address such as ``tcp://host:8786``, or
    ``"local"`` for a ``LocalCluster`` of ``jobs`` workers started here; the dask extra) instead of local
    worker processes. The workers need the project (notebooks, scenarios, library) at the same paths, one
    thread each (``dask worker --nthreads 1``: a notebook run sets the process's environment and stderr),
    and not the reports folder: they hand the files back and this process writes them. Same reports as
    with local processes (modulo timestamps and durations).

    (Longer than 60 lines on purpose: the lock, the worker pool and the index rebuild share one
    ``try``/``finally``, so that an interrupt at any point stops the workers and still rebuilds the index.)
    Raises :class:`ScenarioError` or :class:`UsageError` before anything is written; a
    ``KeyboardInterrupt`` stops the workers, keeps every earlier report and rebuilds the index
    before it propagates.
    """
    from sco_games.batch.report_html import PLOTLY_JS, ensure_assets
    from sco_games.batch.report_index import write_index

    t_start = time.perf_counter()
    say = log or (lambda msg: print(msg, file=sys.stderr))
    project = _project_or_none(root)
    scen_paths = list(scenarios) if scenarios else find_scenarios(_need(project) / "params")
    nb_paths = list(notebooks) if notebooks else find_notebooks(_need(project) / "notebooks")
    if not scen_paths:
        raise UsageError("no scenario files to run (params/*.yaml is empty)")
    if overrides:
        across = [nb for nb in nb_paths if Path(nb).is_file() and takes_all_scenarios(Path(nb))]
        if across:
            say(f"a what-if (--set) runs per-scenario notebooks only; left out: "
                f"{', '.join(Path(nb).stem for nb in across)}")
        nb_paths = [nb for nb in nb_paths if nb not in across]
    if not nb_paths:
        raise UsageError("no notebooks to run (notebooks/*.ipynb is empty)")
    if timeout is None or not timeout > 0:
        raise UsageError(f"timeout = {timeout!r}: must be a positive number of seconds")
    if jobs is not None and jobs < 1:
        raise UsageError(f"jobs = {jobs!r}: must be a positive integer")
    pairs = plan_pairs(scen_paths, nb_paths)  # validates everything before any write
    for p in scen_paths if overrides else ():  # the what-if too: a bad key or value before any write
        load_scenario(Path(p).absolute(), overrides)
    default = _need(project) / "reports" if reports_dir is None else None
    if default is not None and overrides:
        default = default / WHATIF_FOLDER
    reports = Path(reports_dir if reports_dir is not None else default).absolute()
    with _io_step(f"create the reports folder {reports}"):
        reports.mkdir(parents=True, exist_ok=True)
    reports = reports.resolve()
    layouts = {p: _Layout(reports, p) for p in pairs}
    kernel = kernel_name or default_kernel_name()

    outcomes: dict[Pair, PairOutcome] = {}
    interrupted = False
    index = reports / "index.html"
    index_problem = None
    with _locked(reports, say):
        work_root = reports / WORK_DIR
        try:
            with _io_step(f"make the work folder {work_root}"):
                if work_root.is_dir() and not work_root.is_symlink():
                    shutil.rmtree(work_root)  # leftovers of a killed run (we hold the lock)
                work_root.mkdir()
            with _io_step(f"copy plotly.js to {reports / PLOTLY_JS}"):
                ensure_assets(reports)
            with _io_step("read the notebooks and scenarios", writing=False):
                lib = library_hash()
                todo: list[tuple[Pair, dict]] = []
                for pair in pairs:
                    if pair.missing:
                        continue
                    inputs = _inputs(pair, lib, overrides)
                    if not force and _is_unchanged(layouts[pair], inputs):
                        outcomes[pair] = PairOutcome(pair, "skipped-unchanged")
                    else:
                        todo.append((pair, inputs))
            for pair in pairs:
                if pair.missing:
                    outcomes[pair] = _mark_not_coded(layouts[pair], pair)
            n_skip = sum(o.status == "skipped-unchanged" for o in outcomes.values())
            if n_skip:
                say(f"{n_skip} pair(s) unchanged since their last successful run, skipped (--force re-runs)")
            try:
                if todo:
                    _run_pairs(todo, layouts, work_root, outcomes, jobs=jobs, kernel=kernel, timeout=timeout,
                               progress=progress, say=say, project=project, scheduler=scheduler,
                               overrides=overrides)
            except KeyboardInterrupt:
                interrupted = True
            finally:
                shutil.rmtree(work_root, ignore_errors=True)
                try:
                    index = write_index(reports, this_run={p.label: o for p, o in outcomes.items()},
                                        run_seconds=time.perf_counter() - t_start)
                    _readable(index)
                except OSError as e:
                    index_problem = _io_problem(f"rebuild the index {index}", e)
        finally:
            shutil.rmtree(work_root, ignore_errors=True)
    summary = RunSummary(tuple(outcomes[p] for p in pairs if p in outcomes), index,
                         time.perf_counter() - t_start, interrupted, index_written=index_problem is None)
    if interrupted:
        raise KeyboardInterrupt(summary)
    if index_problem is not None:
        raise ReportsError(index_problem, summary)
    return summary
