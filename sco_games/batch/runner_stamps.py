"""The reports folder of a batch run: where a pair's files live (:class:`_Layout`, every path checked to
stay inside, :func:`_inside`), the stamp that says a pair is unchanged (:func:`_inputs`,
:func:`_is_unchanged`), the folder's lock (:func:`_locked`), and the move of a finished pair's files into
place, stamp last (:func:`_commit`, :func:`_mark_not_coded`)."""

from __future__ import annotations

import contextlib
import datetime as _dt
import fcntl
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sco_games.batch.runner_io import _io_problem
from sco_games.batch.runner_types import Pair, PairOutcome, UsageError, _io_step
from sco_games.sidecar import atomic_write_text

#: Bump when the stamp format or the report layout changes (forces a re-run).
STAMP_FORMAT = 1


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
