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
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import datetime as _dt
import fcntl
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sco_games.batch.report_index import ALL_FOLDER
from sco_games.batch.runner_io import _io_problem
from sco_games.batch.runner_worker import _execute_pair, _last_line, _stop_workers, _worker_init
from sco_games.batch.whatif import WHATIF_FOLDER
from sco_games.fingerprint import library_hash
from sco_games.project import ProjectRootError, find_project_root
from sco_games.scenario import NAME_PATTERN, SECTIONS, ScenarioError, find_scenarios, load_scenario
from sco_games.sidecar import atomic_write_text

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

#: Default per-cell execution timeout, seconds.
DEFAULT_TIMEOUT = 600.0
#: Bump when the stamp format or the report layout changes (forces a re-run).
STAMP_FORMAT = 1
WORK_DIR = ".work"
#: The "scenario" of a notebook that takes every scenario: its reports folder (``reports/_all/``; a scenario
#: name cannot start with ``_``).
ALL_SCENARIOS = ALL_FOLDER


class UsageError(ValueError):
    """A bad request (unknown notebook, unsafe name, no pairs): the CLI exits 2."""


class ReportsError(Exception):
    """The reports folder cannot be written (a full disk, a read-only folder, permission denied, a file
    where a folder should be): the run stopped before its notebooks, or could not rebuild the index. The
    message is one line; no temporary file is left and the earlier reports are intact. The CLI exits 1.
    ``summary`` is the run's :class:`RunSummary` when the pairs did run."""

    def __init__(self, message: str, summary: RunSummary | None = None):
        super().__init__(message)
        self.summary = summary


@contextlib.contextmanager
def _io_step(what: str, writing: bool = True) -> Iterator[None]:
    """Turn an ``OSError`` of this step into a one-line :class:`ReportsError`."""
    try:
        yield
    except OSError as e:
        raise ReportsError(_io_problem(what, e, writing)) from e


class ScenarioErrors(ScenarioError):
    """Several scenario files are invalid; the message lists each one's problems."""

    def __init__(self, errors: Sequence[ScenarioError]):
        self.errors = list(errors)
        self.path = ", ".join(e.path for e in self.errors)
        self.problems = [f"{e.path}: {p}" for e in self.errors for p in e.problems]
        ValueError.__init__(self, "\n".join(str(e) for e in self.errors))


@dataclasses.dataclass(frozen=True)
class Pair:
    """One (scenario, notebook) job; all paths absolute. For a notebook that takes every scenario,
    ``scenario`` is :data:`ALL_SCENARIOS`, ``scenario_path`` is ``None`` and ``scenario_paths`` holds them."""

    scenario: str
    scenario_path: Path | None
    scenario_title: str
    scenario_date: str
    notebook: str
    notebook_path: Path
    scenario_paths: tuple[Path, ...] = ()
    #: the sections the notebook requires (:func:`notebook_requires`) that the scenario does not code: the
    #: pair is not run and shows as "not coded for this date"
    missing: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.scenario}/{self.notebook}"


@dataclasses.dataclass(frozen=True)
class PairOutcome:
    """What happened to one pair in this run.

    ``status`` is ``"ok"``, ``"failed"``, ``"skipped-unchanged"`` or ``"not-coded"`` (the scenario lacks a
    section the notebook requires: nothing is run); ``error`` is the exception's
    last line; ``failed_notebook`` the path of the partial notebook kept for a failure.
    """

    pair: Pair
    status: str
    seconds: float = 0.0
    error: str | None = None
    failed_notebook: Path | None = None


@dataclasses.dataclass(frozen=True)
class RunSummary:
    """All outcomes of a run, and the index page written (``index_written`` False: it could not be, and
    the previous one is still in place)."""

    outcomes: tuple[PairOutcome, ...]
    index_path: Path
    seconds: float
    interrupted: bool = False
    index_written: bool = True

    @property
    def failures(self) -> list[PairOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


# ----------------------------------------------------------------------------- discovery, hashing


def find_notebooks(folder: str | Path | None = None) -> list[Path]:
    """The report notebooks in ``folder`` (default: the project's ``notebooks/``), sorted by name: every
    ``*.ipynb`` but hidden ones and those that are not reports (:func:`is_report`, e.g. explore.ipynb)."""
    d = Path(folder) if folder is not None else find_project_root() / "notebooks"
    return sorted(p for p in d.glob("*.ipynb") if not p.name.startswith(".") and is_report(p))


def is_report(notebook_path: str | Path) -> bool:
    """Whether the runner makes a report of the notebook: all do but those whose notebook metadata says
    ``"sco_games": {"report": false}`` (an interactive notebook, such as ``notebooks/explore.ipynb``, which
    needs a live kernel and widgets). A notebook that cannot be read counts as a report (it fails when run,
    and says why)."""
    try:
        meta = json.loads(Path(notebook_path).read_text(encoding="utf-8")).get("metadata", {})
        return meta.get("sco_games", {}).get("report", True) is not False
    except (OSError, ValueError, AttributeError):
        return True


def takes_all_scenarios(notebook_path: str | Path) -> bool:
    """Whether the notebook's ``parameters`` cell assigns ``scenario_paths`` (it takes every scenario at
    once). A notebook that cannot be read or parsed is a per-scenario notebook (it fails when run)."""
    import ast

    try:
        nb = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
        cells = nb.get("cells", [])
    except (OSError, ValueError, AttributeError):
        return False
    for cell in cells:
        if not isinstance(cell, dict) or "parameters" not in cell.get("metadata", {}).get("tags", []):
            continue
        src = cell.get("source", "")
        try:
            tree = ast.parse("".join(src) if isinstance(src, list) else str(src))
        except SyntaxError:
            return False
        return any(isinstance(t, ast.Name) and t.id == "scenario_paths"
                   for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.AnnAssign))
                   for t in (node.targets if isinstance(node, ast.Assign) else [node.target]))
    return False


def notebook_requires(notebook_path: str | Path) -> tuple[str, ...]:
    """The scenario sections a per-scenario notebook needs, from its metadata
    ``"sco_games": {"requires": ["border", ...]}`` (none declared: it needs none, it degrades).

    Raises :class:`UsageError` naming the notebook when the declaration is not a list of section names
    (:data:`~sco_games.scenario.SECTIONS`). An unreadable notebook requires nothing (it fails when run)."""
    try:
        meta = json.loads(Path(notebook_path).read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return ()
    decl = meta.get("sco_games", {}) if isinstance(meta, dict) else {}
    req = decl.get("requires", []) if isinstance(decl, dict) else None
    if not isinstance(req, list) or not all(isinstance(r, str) and r in SECTIONS for r in req):
        raise UsageError(f"{notebook_path}: metadata sco_games.requires = {req!r}: must be a list of "
                         f"scenario sections ({', '.join(SECTIONS)})")
    return tuple(req)


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def default_kernel_name() -> str:
    """``"sco-games"`` if that kernelspec is installed (the Makefile installs it into .venv), else
    ``"python3"``."""
    from jupyter_client.kernelspec import KernelSpecManager

    try:
        specs = KernelSpecManager().find_kernel_specs()
    except Exception:  # pragma: no cover - a broken Jupyter config
        return "python3"
    return "sco-games" if "sco-games" in specs else "python3"


def _readable(*paths: Path) -> None:
    """Give published files the usual mode (0644 under the user's umask; temp files are 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    for p in paths:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(p, 0o666 & ~mask)


def _inside(base: Path, path: Path) -> Path:
    """``path`` resolved; ``UsageError`` unless it lies inside ``base``."""
    resolved = path.resolve()
    if resolved != base and base not in resolved.parents:
        raise UsageError(f"refusing to write {path}: outside the reports folder {base}")
    return resolved


def _check_name(kind: str, name: str, where: Path) -> None:
    if not NAME_PATTERN.match(name):
        raise UsageError(
            f"{where}: {kind} name {name!r} must match [a-z0-9][a-z0-9_-]{{0,63}} "
            "(lowercase letters, digits, _ and -; it becomes a file name under reports/)"
        )


def plan_pairs(scenario_paths: Sequence[str | Path], notebook_paths: Sequence[str | Path]) -> list[Pair]:
    """Validate every scenario and notebook name, then return all pairs (scenario-major), then one pair per
    notebook that takes every scenario (:func:`takes_all_scenarios`), with all of ``scenario_paths``.

    Raises :class:`ScenarioError` listing every bad scenario (nothing has been run or written),
    or :class:`UsageError` for a missing notebook or an unsafe/duplicate name.
    """
    errors: list[ScenarioError] = []
    scenarios = []
    for sp in scenario_paths:
        p = Path(sp).absolute()
        try:
            s = load_scenario(p)
        except ScenarioError as e:
            errors.append(e)
            continue
        scenarios.append((p, s))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ScenarioErrors(errors)
    seen: dict[str, Path] = {}
    for p, s in scenarios:
        _check_name("scenario", s.name, p)
        if s.name in seen:
            raise UsageError(f"{p}: scenario name {s.name!r} is also used by {seen[s.name]}")
        seen[s.name] = p
    notebooks = []
    nb_seen: dict[str, Path] = {}
    for np_ in notebook_paths:
        p = Path(np_).absolute()
        if not p.is_file():
            raise UsageError(f"{np_}: no such notebook")
        if p.suffix != ".ipynb":
            raise UsageError(f"{np_}: not a notebook (expected a .ipynb file)")
        if not is_report(p):
            raise UsageError(f"{np_}: an interactive notebook (its metadata says sco_games.report = false), "
                             "not a report: open it in JupyterLab (make lab)")
        _check_name("notebook", p.stem, p)
        if p.stem in nb_seen:
            raise UsageError(f"{p}: notebook name {p.stem!r} is also used by {nb_seen[p.stem]}")
        nb_seen[p.stem] = p
        notebooks.append(p)
    across = [nb for nb in notebooks if takes_all_scenarios(nb)]
    requires = {nb: notebook_requires(nb) for nb in notebooks if nb not in across}
    every = tuple(sorted(p for p, _ in scenarios))
    dates = sorted(s.meta.date.isoformat() for _, s in scenarios)
    span = f"{dates[0]} to {dates[-1]}" if dates else ""
    return [
        Pair(s.name, p, s.meta.title, s.meta.date.isoformat(), nb.stem, nb, missing=s.missing(requires[nb]))
        for p, s in scenarios
        for nb in notebooks if nb not in across
    ] + [Pair(ALL_SCENARIOS, None, f"all scenarios ({len(every)})", span, nb.stem, nb, every)
         for nb in across]


# ----------------------------------------------------------------------------- stamps, paths


class _Layout:
    """Where a pair's files live under the reports folder (every path checked to stay inside)."""

    def __init__(self, reports: Path, pair: Pair):
        self.reports = reports
        self.folder = _inside(reports, reports / pair.scenario)
        nb = pair.notebook
        self.html = _inside(reports, self.folder / f"{nb}.html")
        self.ipynb = _inside(reports, self.folder / f"{nb}.ipynb")
        self.sidecar = _inside(reports, self.folder / f"{nb}.json")
        self.failed_ipynb = _inside(reports, self.folder / f"{nb}.failed.ipynb")
        self.failed_html = _inside(reports, self.folder / f"{nb}.failed.html")
        self.failed_log = _inside(reports, self.folder / f"{nb}.failed.log")
        self.stamp = _inside(reports, self.folder / f".{nb}.stamp.json")


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _inputs(pair: Pair, lib: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    if pair.scenario_path is not None:
        scen: Any = _sha256_file(pair.scenario_path)
    else:  # every scenario: a change to any, or one more or fewer, re-runs it
        scen = [[str(p), _sha256_file(p)] for p in pair.scenario_paths]
    return {
        "format": STAMP_FORMAT,
        "notebook_sha256": _sha256_file(pair.notebook_path),
        "scenario_sha256": scen,
        "library_sha256": lib,
        **({"overrides": dict(overrides)} if overrides else {}),
    }


def _is_unchanged(layout: _Layout, inputs: dict[str, Any]) -> bool:
    stamp = _read_json(layout.stamp)
    return bool(
        stamp
        and stamp.get("status") == "ok"
        and stamp.get("inputs") == inputs
        and layout.html.is_file()
        and layout.ipynb.is_file()
    )


@contextlib.contextmanager
def _locked(reports: Path, log: Callable[[str], None]) -> Iterator[None]:
    """Hold an exclusive lock on the reports folder (a second run waits)."""
    with _io_step(f"lock the reports folder {reports}"):
        fd = os.open(reports / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"another sco-games run is writing {reports}; waiting for it to finish ...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


# ----------------------------------------------------------------------------- committing results


def _commit(layout: _Layout, pair: Pair, work: Path, res: dict, inputs: dict, kernel: str) -> PairOutcome:
    """Move a finished pair's files from ``work`` into place (stamp last) and return its outcome. If the
    reports folder cannot take them (a full disk ...), the pair fails in one line; as the stamp is
    written last, the next run runs it again."""
    try:
        return _commit_files(layout, pair, work, res, inputs, kernel)
    except OSError as e:
        if res["status"] == "ok":
            problem = _io_problem(f"save the report in {layout.folder}", e)
            return PairOutcome(pair, "failed", res["seconds"], problem)
        # the failure cannot be recorded: drop the partial files that no stamp refers to
        for leftover in (layout.failed_ipynb, layout.failed_html, layout.failed_log):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        reason = e.strerror or str(e)
        error = res["error"]
        if reason not in error:
            error += f"; nor could it be recorded: {reason}"
        return PairOutcome(pair, "failed", res["seconds"], error)


def _commit_files(layout: _Layout, pair: Pair, work: Path, res: dict, inputs: dict,
                  kernel: str) -> PairOutcome:
    nb = pair.notebook
    layout.folder.mkdir(parents=True, exist_ok=True)
    old = _read_json(layout.stamp) or {}
    now = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
    stamp: dict[str, Any] = {
        "scenario": pair.scenario, "scenario_title": pair.scenario_title, "scenario_date": pair.scenario_date,
        "scenario_path": None if pair.scenario_path is None else str(pair.scenario_path),
        "scenario_paths": [str(p) for p in pair.scenario_paths] or None,
        "notebook": nb, "notebook_path": str(pair.notebook_path),
        "kernel": kernel, "finished": now, "seconds": res["seconds"], "inputs": inputs,
    }
    if res["status"] == "ok":
        for src, dst in ((work / f"{nb}.json", layout.sidecar), (work / f"{nb}.ipynb", layout.ipynb),
                         (work / f"{nb}.html", layout.html)):
            _readable(src)
            os.replace(src, dst)
        for stale in (layout.failed_ipynb, layout.failed_html, layout.failed_log):
            stale.unlink(missing_ok=True)
        stamp.update(status="ok", last_ok=now)
        atomic_write_text(layout.stamp, json.dumps(stamp, indent=2))
        return PairOutcome(pair, "ok", res["seconds"])
    failed_nb = None
    for src, dst in ((work / f"{nb}.ipynb", layout.failed_ipynb), (work / f"{nb}.html", layout.failed_html),
                     (work / "kernel.log", layout.failed_log)):
        if src.is_file():
            _readable(src)
            os.replace(src, dst)
            if dst == layout.failed_ipynb:
                failed_nb = dst
        else:
            dst.unlink(missing_ok=True)
    stamp.update(status="failed", error=res["error"],
                 failed_notebook=str(failed_nb) if failed_nb else None,
                 last_ok=old.get("last_ok") if layout.html.is_file() else None)
    atomic_write_text(layout.stamp, json.dumps(stamp, indent=2))
    return PairOutcome(pair, "failed", res["seconds"], res["error"], failed_nb)


def _mark_not_coded(layout: _Layout, pair: Pair) -> PairOutcome:
    """Record (in the pair's stamp) that the scenario does not code a section the notebook needs; nothing
    is run, and an earlier report of the pair is left on disk but no longer linked from the index."""
    stamp = {
        "scenario": pair.scenario, "scenario_title": pair.scenario_title, "scenario_date": pair.scenario_date,
        "scenario_path": str(pair.scenario_path), "notebook": pair.notebook,
        "notebook_path": str(pair.notebook_path), "status": "not-coded", "missing": list(pair.missing),
        "finished": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    try:
        layout.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(layout.stamp, json.dumps(stamp, indent=2))
    except OSError as e:
        return PairOutcome(pair, "failed", 0.0, _io_problem(f"record {pair.label} as not coded", e))
    return PairOutcome(pair, "not-coded")


# ----------------------------------------------------------------------------- the run


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


def _run_pairs(todo: list[tuple[Pair, dict]], layouts: dict[Pair, _Layout], work_root: Path,
               outcomes: dict[Pair, PairOutcome], *, jobs: int | None, kernel: str, timeout: float,
               progress: bool, say: Callable[[str], None], project: Path | None = None,
               overrides: dict[str, Any] | None = None) -> None:
    """Run ``todo`` on worker processes, committing each pair as it finishes (into ``outcomes``)."""
    from tqdm import tqdm

    workers = max(1, min(jobs or _cores(), len(todo)))
    ctx = multiprocessing.get_context("forkserver")
    # the fork server imports these once; every worker forked from it starts warm
    ctx.set_forkserver_preload(["sco_games.batch.runner_worker", "sco_games.batch.report_html", "papermill"])
    bar = tqdm(total=len(todo), file=sys.stderr, disable=not progress, unit="nb",
               desc=f"running on {workers} process(es)", dynamic_ncols=True)

    def done(out: PairOutcome) -> None:
        outcomes[out.pair] = out
        line = f"{out.status:6s} {out.pair.label}  ({out.seconds:.1f} s)"
        if out.error:
            line += f"  {out.error}"
        if progress:
            tqdm.write(line, file=sys.stderr)
        else:
            say(line)
        bar.update(1)

    pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init,
                                  initargs=(os.getpid(),))
    try:
        futures = {}
        for pair, inputs in todo:
            try:
                work = Path(tempfile.mkdtemp(prefix=f"{pair.scenario}.{pair.notebook}.", dir=work_root))
            except OSError as e:  # e.g. a full disk: this pair fails, the others still try
                done(PairOutcome(pair, "failed", 0.0, _io_problem(f"make a work folder in {work_root}", e)))
                continue
            job = {
                "work": str(work), "notebook": pair.notebook,
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
            out = _commit(layouts[pair], pair, work, res, inputs, kernel)
            shutil.rmtree(work, ignore_errors=True)
            done(out)
        pool.shutdown(wait=True)
    except BaseException:
        _stop_workers(pool)
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
                               progress=progress, say=say, project=project, overrides=overrides)
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
