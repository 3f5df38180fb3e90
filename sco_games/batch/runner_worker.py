"""The worker processes of a batch run: their set-up (:func:`_worker_init`), one notebook run per pair
(:func:`_execute_pair`, with papermill, into a private temporary folder of the worker), and how the parent
stops them (:func:`_stop_workers`). :mod:`sco_games.batch.runner` submits the pairs and commits the results;
the fork server preloads this module.

A worker reads its inputs (the notebook, the scenario files, the library) by path, and hands its outputs
back as bytes in the result (``files``: name -> bytes): it never writes into the reports folder, so it may
run on another machine (a Dask worker) that sees the project at the same path but not the client's
reports folder; the client writes the files and moves them into place atomically."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path
from typing import Any

from sco_games.batch.runner_io import _io_problem
from sco_games.project import ENV_VAR
from sco_games.sidecar import atomic_write_text, read_sidecar

#: In a worker: whether a notebook run (:func:`_execute_pair`) is under way.
_IN_PAIR = False


def _watch_parent(parent_pid: int) -> None:  # pragma: no cover - runs in a worker thread
    """If the run's main process dies (e.g. ``kill -9``), stop this worker like an interrupt."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            os.kill(os.getpid(), signal.SIGTERM)  # unwind: papermill shuts the kernel down
            deadline = time.monotonic() + 20.0
            while _IN_PAIR and time.monotonic() < deadline:
                time.sleep(0.05)
            os._exit(1)  # nobody is left to take a result
        except PermissionError:
            continue


def _worker_init(parent_pid: int | None = None) -> None:
    """Workers leave Ctrl-C to the parent; SIGTERM (sent by the parent on interrupt, or by the
    worker itself when the parent has died) unwinds the notebook run so that papermill shuts its
    kernel down. A worker's own stderr goes to /dev/null (its kernel's to a log file per pair;
    failures come back through the futures), so a stopped worker never prints a traceback over the
    parent's summary."""
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent_pid:
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()

    def _term(signum, frame):  # pragma: no cover - runs in a worker
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: let the clean-up finish
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _term)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in str(text).strip().splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def _note_failure(source: str, target: Path, error: str) -> None:
    """Put a note on top of the partial notebook ``target`` (or, if papermill wrote none, of the input
    notebook) for a run that stopped outside a cell (timeout, dead or missing kernel)."""
    import nbformat

    nb = None
    for path in (target, Path(source)):
        try:
            nb = nbformat.read(str(path), as_version=4)
            break
        except Exception:  # noqa: BLE001 - missing or unreadable
            continue
    nb = nb or nbformat.v4.new_notebook()
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(
        f"**This notebook did not run to the end.** papermill stopped with: `{error}`"))
    with contextlib.suppress(OSError):  # best effort: e.g. the disk that stopped papermill is full
        atomic_write_text(target, nbformat.writes(nb))


#: the files of a pair's work folder handed back to the client (``{nb}``: the notebook's name)
RESULT_FILES = ("{nb}.ipynb", "{nb}.json", "{nb}.html", "kernel.log")


def _execute_pair(job: dict[str, Any]) -> dict[str, Any]:
    """Run one pair; never raises for a notebook's failure. Returns a plain dict: ``status``, ``error``,
    ``seconds`` and ``files``.

    With ``job["work"]`` (a worker on the client's machine: a fresh folder in the reports folder) the output
    files are left there and ``files`` is ``None``; without it (a worker that may be elsewhere) the pair runs
    in a temporary folder of the worker, removed after, and ``files`` holds the outputs present (name ->
    bytes) for the client to write."""
    global _IN_PAIR
    _IN_PAIR = True
    t0 = time.perf_counter()
    own = None
    try:
        if job.get("work"):
            return {**_execute_pair_in(job, Path(job["work"])), "files": None}
        own = Path(tempfile.mkdtemp(prefix=f"sco-games-{job['notebook']}."))
        res = _execute_pair_in(job, own)
        names = [n.format(nb=job["notebook"]) for n in RESULT_FILES]
        return {**res, "files": {n: (own / n).read_bytes() for n in names if (own / n).is_file()}}
    except OSError as e:  # its work folder cannot be written (a full disk ...): this pair fails, in one line
        return {"status": "failed", "error": _io_problem("write the notebook's output", e),
                "seconds": round(time.perf_counter() - t0, 3), "files": None}
    finally:
        if own is not None:
            shutil.rmtree(own, ignore_errors=True)
        _IN_PAIR = False


def _execute_pair_in(job: dict[str, Any], work: Path) -> dict[str, Any]:
    import nbformat
    import papermill as pm

    from sco_games.batch.report_html import notebook_to_html

    nb = job["notebook"]
    out_ipynb = work / f"{nb}.ipynb"
    sidecar = work / f"{nb}.json"
    log_path = work / "kernel.log"
    t0 = time.perf_counter()
    if job.get("root"):  # the kernel inherits it: find_scenarios() in a notebook finds this project
        os.environ[ENV_VAR] = job["root"]
    else:
        os.environ.pop(ENV_VAR, None)
    error = None
    stopped_outside_cell = False
    # Kernels inherit this process's stderr: keep their chatter out of the terminal.
    saved_err = os.dup(2)
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(log_fd, 2)
    try:
        pm.execute_notebook(
            job["notebook_path"],
            str(out_ipynb),
            parameters=(
                {"scenario_paths": job["scenario_paths"], "sidecar_path": str(sidecar)}
                if job.get("scenario_paths") is not None else
                {"scenario_path": job["scenario_path"], "overrides": job.get("overrides") or {},
                 "sidecar_path": str(sidecar)}),
            kernel_name=job["kernel"],
            execution_timeout=job["timeout"],
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=True,  # a timeout or dead kernel still leaves the cells done so far
        )
    except pm.PapermillExecutionError as e:  # a cell raised: papermill's banner says where
        error = f"{e.ename}: {_last_line(e.evalue)}" if _last_line(e.evalue) else e.ename
        stopped_outside_cell = False
    except KeyboardInterrupt:
        raise
    except Exception as e:  # noqa: BLE001 - a timeout, a dead kernel, a missing kernelspec ...
        if isinstance(e, OSError) and e.errno is not None:  # (a cell timeout is an OSError without errno)
            error = _io_problem("run the notebook", e)  # e.g. the output notebook cannot be written
        else:
            first = next((ln.strip() for ln in str(e).splitlines() if ln.strip()), "")
            error = f"{type(e).__name__}: {first}" if first else type(e).__name__
        stopped_outside_cell = True
    finally:
        os.dup2(saved_err, 2)
        os.close(saved_err)
        os.close(log_fd)
    if error is None and read_sidecar(sidecar) is None:
        error = f"no sidecar: the notebook did not write_sidecar(sidecar_path, ...) to {sidecar.name}"
    if error is not None and stopped_outside_cell:
        _note_failure(job["notebook_path"], out_ipynb, error)
    html_ok = False
    if out_ipynb.is_file():
        try:
            page = notebook_to_html(
                nbformat.read(str(out_ipynb), as_version=4),
                title=f"{job['notebook']} — {job['scenario_title']}",
                banner=(f"This run FAILED: {error}. The partial notebook is shown below."
                        if error else None),
            )
            atomic_write_text(work / f"{nb}.html", page)
            html_ok = True
        except Exception as e:  # noqa: BLE001
            error = error or f"HTML export failed: {type(e).__name__}: {_last_line(str(e))}"
    if error is None and not html_ok:  # pragma: no cover - defensive
        error = "no output notebook was written"
    return {"status": "failed" if error else "ok", "error": error,
            "seconds": round(time.perf_counter() - t0, 3)}


def _stop_workers(pool: cf.ProcessPoolExecutor) -> None:
    procs = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()  # SIGTERM -> KeyboardInterrupt in the worker -> kernel shut down
    deadline = time.monotonic() + 10
    for p in procs:
        p.join(max(0.1, deadline - time.monotonic()))
        if p.is_alive():  # pragma: no cover
            p.kill()
