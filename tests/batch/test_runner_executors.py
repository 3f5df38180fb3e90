"""The batch runner on other executors: a worker that hands its files back as bytes (as a Dask worker on
another machine does) gives the same reports as the local worker processes; ``--scheduler`` with a bad
address is a one-line usage error; on a ``LocalCluster`` (slow tier) the reports equal the process pool's."""

from __future__ import annotations

import contextlib
import json
import re
import sys
from pathlib import Path

import pytest

from sco_games.batch import cli, runner
from sco_games.project import ENV_VAR
from sco_games.uncertainty.executors import InProcessExecutor

#: what differs between two runs of the same pair by design: the finish time and durations in the stamp
_STAMP_VOLATILE = ("finished", "last_ok", "seconds")


def _reports(folder: Path) -> dict[str, bytes]:
    """The published sidecars and HTML pages (reports and failure pages) of every pair, and the stamps
    without their times, the reports folder's own path written ``<reports>``. (The executed notebooks carry
    papermill's timings, the kernel logs the kernel's chatter: not compared. Random by design, in every run:
    the ids papermill gives the cells it adds (injected parameters, a failure's banner) and plotly's figure
    ids: written ``<id>``.)"""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        published = p.name.endswith((".json", ".html")) and not rel.startswith(("assets", "index.html"))
        if not p.is_file() or not published:
            continue
        data = p.read_bytes().replace(str(folder).encode(), b"<reports>")
        if p.name.endswith(".html"):
            data = re.sub(rb'id="cell-id=[0-9a-f]{8}"', b'id="cell-id=<id>"', data)
            data = re.sub(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", b"<id>", data)
        if p.name.endswith(".stamp.json"):
            stamp = {k: v for k, v in json.loads(data).items() if k not in _STAMP_VOLATILE}
            data = json.dumps(stamp, sort_keys=True).encode()
        out[rel] = data
    return out


def _two_scenarios(write_scenario, base_data) -> list[Path]:
    return [write_scenario(base_data, "small"), write_scenario(base_data, "other")]


def _run(scenarios, nbs, reports, **kw):
    kw.setdefault("progress", False)
    kw.setdefault("log", lambda msg: None)
    kw.setdefault("timeout", 120)
    return runner.run(scenarios, nbs, reports_dir=reports, force=True, **kw)


def test_files_handed_back_as_bytes_give_the_same_reports(tmp_path, write_scenario, base_data,
                                                          tiny_notebook, monkeypatch):
    """The remote path (the worker runs in its own temporary folder and returns the files) in this
    process, against the local worker processes (which write into the reports folder's work folder)."""
    scenarios = _two_scenarios(write_scenario, base_data)
    nbs = [tiny_notebook("tiny_ok"), tiny_notebook("tiny_fail")]
    local = _run(scenarios, nbs, tmp_path / "local", jobs=1)
    assert sorted(o.status for o in local.outcomes) == ["failed", "failed", "ok", "ok"]

    handed_back = []

    @contextlib.contextmanager
    def remote_like(scheduler, workers):
        class Recording(InProcessExecutor):
            def submit(self, fn, /, *args, **kwargs):
                fut = super().submit(fn, *args, **kwargs)
                handed_back.append(fut.result()["files"])
                return fut

        yield Recording(), False, "in-process, files handed back"

    monkeypatch.setenv(ENV_VAR, "unset-by-the-run")  # the worker sets it in this process: restored after
    monkeypatch.setattr(runner, "_pair_executor", remote_like)
    remote = _run(scenarios, nbs, tmp_path / "remote", jobs=1)
    assert [(o.pair.label, o.status, o.error) for o in remote.outcomes] == \
        [(o.pair.label, o.status, o.error) for o in local.outcomes]
    assert len(handed_back) == 4 and all(isinstance(f, dict) and f for f in handed_back)
    assert all(name.endswith((".ipynb", ".json", ".html", ".log")) for f in handed_back for name in f)
    a, b = _reports(tmp_path / "local"), _reports(tmp_path / "remote")
    assert sorted(a) == sorted(b) and "small/tiny_ok.html" in a and "other/tiny_fail.failed.html" in a
    assert a == b


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:1", "not an address"])
def test_a_bad_scheduler_address_is_one_line_and_exit_2(tmp_path, small_scenario, tiny_notebook, capsys,
                                                         address):
    pytest.importorskip("distributed")
    code = cli.main(["run", "-s", str(small_scenario), "-n", str(tiny_notebook("tiny_ok")),
                     "--reports", str(tmp_path / "reports"), "--no-progress", "--scheduler", address])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2, err
    assert len(err) == 1 and err[0].startswith(f"sco-games: error: --scheduler {address}: "), err
    assert not (tmp_path / "reports" / "small").exists()  # nothing was run or written for the pair


@pytest.mark.slow
def test_a_local_cluster_gives_the_same_reports_as_the_process_pool(tmp_path, write_scenario, base_data,
                                                                    tiny_notebook):
    pytest.importorskip("distributed")
    scenarios = _two_scenarios(write_scenario, base_data)
    nbs = [tiny_notebook("tiny_ok"), tiny_notebook("tiny_fail")]
    pool1 = _run(scenarios, nbs, tmp_path / "pool1", jobs=1)
    pool2 = _run(scenarios, nbs, tmp_path / "pool2", jobs=2)
    dask = _run(scenarios, nbs, tmp_path / "dask", jobs=2, scheduler="local")
    labels = [(o.pair.label, o.status, o.error) for o in pool1.outcomes]
    assert [(o.pair.label, o.status, o.error) for o in pool2.outcomes] == labels
    assert [(o.pair.label, o.status, o.error) for o in dask.outcomes] == labels
    ref = _reports(tmp_path / "pool1")
    assert "small/tiny_ok.html" in ref and "other/tiny_fail.failed.html" in ref
    assert _reports(tmp_path / "pool2") == ref and _reports(tmp_path / "dask") == ref
    assert not (tmp_path / "dask" / runner.WORK_DIR).exists()
    assert sys.modules.get("distributed") is not None  # imported only because a scheduler was asked for
