"""The batch runner on a temporary reports folder, with the tiny fixture notebooks of tests/data/."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sco_games.batch import runner
from sco_games.batch.report_html import PLOTLY_JS, remote_scripts
from sco_games.batch.runner import PairOutcome, UsageError, plan_pairs, run
from sco_games.scenario import ScenarioError


def _run(scen, nbs, reports, **kw):
    kw.setdefault("jobs", 1)
    kw.setdefault("progress", False)
    kw.setdefault("log", lambda msg: None)
    kw.setdefault("timeout", 120)
    return run([scen], nbs, reports_dir=reports, **kw)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_success_writes_report_notebook_sidecar_stamp_and_index(tmp_path, small_scenario, tiny_notebook):
    reports = tmp_path / "reports"
    summary = _run(small_scenario, [tiny_notebook("tiny_ok")], reports)
    assert [o.status for o in summary.outcomes] == ["ok"]
    folder = reports / "small"
    page = (folder / "tiny_ok.html").read_text(encoding="utf-8")
    assert "Plotly.newPlot" in page and f'src="../{PLOTLY_JS}"' in page
    assert remote_scripts(page) == []
    assert "https://www.example.org/paper" in page  # a plain link in the text survives
    assert "figures.show" not in page  # input cells are hidden
    assert (reports / PLOTLY_JS).stat().st_size > 1_000_000
    side = json.loads((folder / "tiny_ok.json").read_text())
    assert side["headline"] == "tiny ok for small" and side["key_results"]["answer"] == 42
    nb = json.loads((folder / "tiny_ok.ipynb").read_text())
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert str(small_scenario) in "".join(injected[0]["source"])
    stamp = json.loads((folder / ".tiny_ok.stamp.json").read_text())
    assert stamp["status"] == "ok" and stamp["kernel"] == runner.default_kernel_name()
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "tiny ok for small" in index and 'href="small/tiny_ok.html"' in index and "answer" in index
    assert remote_scripts(index) == []
    assert oct((folder / "tiny_ok.html").stat().st_mode & 0o044) == oct(0o044 & ~_umask())  # readable
    assert not (reports / runner.WORK_DIR).exists()


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


#: Failure guard for waits on a condition (never a pause to let something happen): generous, so that a
#: loaded machine only makes a test slower, never failing.
GUARD = 180.0


def _wait_for(condition, what: str, proc: subprocess.Popen | None = None, guard: float = GUARD):
    """Poll ``condition()`` until it returns something truthy and return that; fail after ``guard`` s (or
    as soon as ``proc`` has exited, which would make the wait pointless)."""
    deadline = time.monotonic() + guard
    while True:
        got = condition()
        if got:
            return got
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"the run exited (code {proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {guard:.0f} s waiting until {what}")
        time.sleep(0.05)


def _slow_cell_started(reports: Path) -> dict | None:
    """The processes running tiny_slow's slow cell (it writes them beside its sidecar), once it runs."""
    for marker in (reports / runner.WORK_DIR).glob("*/slow-cell-started.json"):
        try:
            return json.loads(marker.read_text())
        except (OSError, ValueError):  # pragma: no cover - renamed into place, so complete when seen
            return None
    return None


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie waiting for a parent that never reaps it has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_unchanged_pair_is_skipped_force_and_changes_rerun(tmp_path, small_scenario, tiny_notebook):
    reports = tmp_path / "reports"
    nb = tiny_notebook("tiny_ok")
    _run(small_scenario, [nb], reports)
    before = _files(reports / "small")
    second = _run(small_scenario, [nb], reports)
    assert [o.status for o in second.outcomes] == ["skipped-unchanged"]
    assert _files(reports / "small") == before  # nothing rewritten
    assert "skipped-unchanged" in (reports / "index.html").read_text()
    assert [o.status for o in _run(small_scenario, [nb], reports, force=True).outcomes] == ["ok"]
    small_scenario.write_text(small_scenario.read_text() + "\n# a comment changes the file\n")
    assert [o.status for o in _run(small_scenario, [nb], reports).outcomes] == ["ok"]


def test_failures_do_not_stop_the_others_and_are_kept_and_linked(tmp_path, small_scenario, tiny_notebook):
    reports = tmp_path / "reports"
    nbs = [tiny_notebook("tiny_ok"), tiny_notebook("tiny_fail"), tiny_notebook("tiny_nosidecar")]
    before = set(tmp_path.rglob("*"))
    summary = _run(small_scenario, nbs, reports, jobs=2)
    new = set(tmp_path.rglob("*")) - before
    assert new and all(p == reports or reports in p.parents for p in new)  # nothing escapes reports/
    by_nb = {o.pair.notebook: o for o in summary.outcomes}
    assert by_nb["tiny_ok"].status == "ok"
    fail = by_nb["tiny_fail"]
    assert fail.status == "failed" and fail.error == "ValueError: boom from tiny_fail"
    assert fail.failed_notebook == reports / "small" / "tiny_fail.failed.ipynb"
    assert fail.failed_notebook.is_file()
    page = (reports / "small" / "tiny_fail.failed.html").read_text()
    assert "This run FAILED" in page and "boom from tiny_fail" in page and remote_scripts(page) == []
    assert not (reports / "small" / "tiny_fail.html").exists()  # there never was a good report
    assert by_nb["tiny_nosidecar"].status == "failed" and "no sidecar" in by_nb["tiny_nosidecar"].error
    index = (reports / "index.html").read_text()
    assert 'href="small/tiny_fail.failed.html"' in index and "boom from tiny_fail" in index
    # a failed pair is retried on the next run even though nothing changed
    again = _run(small_scenario, nbs[:2], reports)
    assert {o.pair.notebook: o.status for o in again.outcomes} == {"tiny_ok": "skipped-unchanged",
                                                                  "tiny_fail": "failed"}


def test_a_failed_rerun_keeps_the_good_report_and_a_fix_clears_the_failure(tmp_path, small_scenario,
                                                                          tiny_notebook):
    reports = tmp_path / "reports"
    nb = tiny_notebook("tiny_ok", "tiny")
    _run(small_scenario, [nb], reports)
    good = _files(reports / "small")
    tiny_notebook("tiny_fail", "tiny")  # the notebook now breaks
    out = _run(small_scenario, [nb], reports).outcomes[0]
    assert out.status == "failed"
    now = _files(reports / "small")
    for name in ("tiny.html", "tiny.ipynb", "tiny.json"):
        assert now[name] == good[name]  # the good report is untouched
    assert "tiny.failed.ipynb" in now and "tiny.failed.html" in now
    index = (reports / "index.html").read_text()
    assert "showing the previous good report" in index and 'href="small/tiny.html"' in index
    tiny_notebook("tiny_ok", "tiny")  # fixed
    assert _run(small_scenario, [nb], reports).outcomes[0].status == "ok"
    assert not (reports / "small" / "tiny.failed.ipynb").exists()
    assert not (reports / "small" / "tiny.failed.html").exists()


def test_an_interrupted_commit_leaves_old_files_and_forces_a_rerun(tmp_path, small_scenario, tiny_notebook,
                                                                   monkeypatch):
    reports = tmp_path / "reports"
    nb = tiny_notebook("tiny_ok")
    _run(small_scenario, [nb], reports)
    old_stamp = (reports / "small" / ".tiny_ok.stamp.json").read_bytes()
    real_replace = os.replace
    calls = []

    def flaky_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # after the sidecar, before the notebook and the page
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(runner.os, "replace", flaky_replace)
    with pytest.raises(KeyboardInterrupt):
        _run(small_scenario, [nb], reports, force=True)
    monkeypatch.setattr(runner.os, "replace", real_replace)
    assert (reports / "small" / ".tiny_ok.stamp.json").read_bytes() == old_stamp  # stamp written last
    assert (reports / "small" / "tiny_ok.html").read_text().startswith("<!DOCTYPE html>")
    assert (reports / "index.html").is_file() and not (reports / runner.WORK_DIR).exists()
    # the stamp still describes the earlier run, so a changed input is re-run, never half-skipped
    nb.write_text(nb.read_text().replace("tiny ok for", "tiny OK for"))
    assert _run(small_scenario, [nb], reports).outcomes[0].status == "ok"


@pytest.mark.skipif(sys.platform != "linux", reason="reads process states from /proc")
def test_ctrl_c_stops_workers_keeps_reports_and_exits_130(tmp_path, small_scenario, tiny_notebook, cli):
    reports = tmp_path / "reports"
    nb = tiny_notebook("tiny_ok", "tiny")
    _run(small_scenario, [nb], reports)
    good = _files(reports / "small")
    tiny_notebook("tiny_slow", "tiny")  # its slow cell says when it runs, then sleeps 120 s
    proc = subprocess.Popen(cli + ["run", "--scenario", str(small_scenario), "--notebook", str(nb),
                                   "--reports", str(reports), "--jobs", "1", "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        pids = _wait_for(lambda: _slow_cell_started(reports), "the notebook's slow cell runs", proc)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=GUARD)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err, err
    now = _files(reports / "small")
    for name in ("tiny.html", "tiny.ipynb", "tiny.json", ".tiny.stamp.json"):
        assert now[name] == good[name]
    assert not (reports / runner.WORK_DIR).exists()
    assert (reports / "index.html").read_text().rstrip().endswith("</html>")
    # the worker was stopped and shut its kernel down
    _wait_for(lambda: not _alive(pids["worker_pid"]) and not _alive(pids["kernel_pid"]),
              "the worker and its kernel have exited")


def test_bad_scenario_stops_everything_before_any_write(tmp_path, write_scenario, base_data, tiny_notebook):
    good = write_scenario(dict(base_data), "good")
    base_data["meta"]["colour"] = "red"
    bad = write_scenario(base_data, "bad")
    reports = tmp_path / "reports"
    with pytest.raises(ScenarioError) as exc:
        run([good, bad], [tiny_notebook("tiny_ok")], reports_dir=reports, progress=False)
    assert "meta.colour" in str(exc.value) and str(bad) in str(exc.value)
    assert not reports.exists()


def test_several_bad_scenarios_are_all_reported(write_scenario, base_data, tiny_notebook):
    a = write_scenario({"meta": {}}, "a")
    b = write_scenario("", "b")
    with pytest.raises(ScenarioError) as exc:
        plan_pairs([a, b], [tiny_notebook("tiny_ok")])
    assert str(a) in str(exc.value) and str(b) in str(exc.value)


@pytest.mark.parametrize("stem", ["Bad Name", "UPPER", "dots.in.name"])
def test_unsafe_notebook_names_are_refused(tmp_path, small_scenario, stem):
    nb = tmp_path / f"{stem}.ipynb"
    nb.write_text("{}")
    with pytest.raises(UsageError, match="notebook name"):
        plan_pairs([small_scenario], [nb])


def test_missing_notebook_and_duplicate_names_are_refused(tmp_path, small_scenario, tiny_notebook):
    with pytest.raises(UsageError, match="no such notebook"):
        plan_pairs([small_scenario], [tmp_path / "nope.ipynb"])
    other = tmp_path / "other"
    other.mkdir()
    twin = other / "small.yaml"
    twin.write_text(small_scenario.read_text())
    with pytest.raises(UsageError, match="also used by"):
        plan_pairs([small_scenario, twin], [tiny_notebook("tiny_ok")])


def test_paths_outside_the_reports_folder_are_refused(tmp_path):
    base = (tmp_path / "reports").resolve()
    base.mkdir()
    assert runner._inside(base, base / "x" / "y.html") == base / "x" / "y.html"
    for bad in (base / ".." / "evil.html", base / "x" / ".." / ".." / "evil.html", Path("/etc/passwd")):
        with pytest.raises(UsageError, match="outside the reports folder"):
            runner._inside(base, bad)
    link = base / "link"
    link.symlink_to(tmp_path)  # a symlink that points out of the folder is caught too
    with pytest.raises(UsageError):
        runner._inside(base, link / "evil.html")


def test_library_hash_covers_the_whole_package_wherever_the_runner_sits(tmp_path, monkeypatch):
    import sco_games

    h = runner.library_hash()
    assert h == runner.library_hash() == runner.library_hash(Path(sco_games.__file__).parent) and len(h) == 64
    fake = tmp_path / "sco_games"
    (fake / "batch").mkdir(parents=True)
    (fake / "models").mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "batch" / "runner.py").write_text("x = 1\n")
    monkeypatch.setattr(sco_games, "__file__", str(fake / "__init__.py"))
    h1 = runner.library_hash()
    (fake / "models" / "m.py").write_text("y = 2\n")  # a file outside the runner's own folder
    h2 = runner.library_hash()
    assert h2 != h1
    (fake / "models" / "__pycache__").mkdir()
    (fake / "models" / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"cache")
    assert runner.library_hash() == h2  # caches do not count


def test_bad_arguments(small_scenario, tiny_notebook, tmp_path):
    nb = tiny_notebook("tiny_ok")
    for kw in ({"jobs": 0}, {"timeout": 0}, {"timeout": -5}):
        with pytest.raises(UsageError):
            run([small_scenario], [nb], reports_dir=tmp_path / "r", progress=False, **kw)
    assert not (tmp_path / "r").exists()


def test_summary_counts():
    from sco_games.batch.runner import Pair, RunSummary

    p = Pair("s", Path("/s.yaml"), "t", "2001-01-01", "n", Path("/n.ipynb"))
    s = RunSummary((PairOutcome(p, "ok"), PairOutcome(p, "failed", error="e")), Path("/i.html"), 1.0)
    assert s.count("ok") == 1 and [o.error for o in s.failures] == ["e"]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="fcntl locks")
def test_two_runs_at_once_do_not_corrupt_each_other(tmp_path, small_scenario, tiny_notebook, cli):
    reports = tmp_path / "reports"
    nb = tiny_notebook("tiny_ok")
    cmd = cli + ["run", "--scenario", str(small_scenario), "--notebook", str(nb), "--reports", str(reports),
                 "--jobs", "1", "--force", "--no-progress"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert json.loads((reports / "small" / "tiny_ok.json").read_text())["headline"] == "tiny ok for small"
    assert remote_scripts((reports / "small" / "tiny_ok.html").read_text()) == []
    assert json.loads((reports / "small" / ".tiny_ok.stamp.json").read_text())["status"] == "ok"
    assert not (reports / runner.WORK_DIR).exists()


def test_the_offline_check_catches_nbconvert_default_template(tmp_path, small_scenario, tiny_notebook):
    """The check is not vacuous: nbconvert's stock ``lab`` page loads require.js/MathJax from a CDN,
    ours does not (same executed notebook)."""
    from nbconvert import HTMLExporter

    from sco_games.batch.report_html import notebook_to_html

    reports = tmp_path / "reports"
    _run(small_scenario, [tiny_notebook("tiny_ok")], reports)
    executed = reports / "small" / "tiny_ok.ipynb"
    stock, _ = HTMLExporter(template_name="lab").from_filename(str(executed))
    assert any("require" in r or "mathjax" in r.lower() for r in remote_scripts(stock))
    assert remote_scripts(notebook_to_html(executed, title="t")) == []


@pytest.mark.skipif(sys.platform != "linux", reason="reads process states from /proc")
def test_kill_9_midway_keeps_earlier_reports_and_next_run_recovers(tmp_path, small_scenario, tiny_notebook,
                                                                   cli):
    reports = tmp_path / "reports"
    nb = tiny_notebook("tiny_ok", "tiny")
    _run(small_scenario, [nb], reports)
    good = _files(reports / "small")
    tiny_notebook("tiny_slow", "tiny")
    proc = subprocess.Popen(cli + ["run", "--scenario", str(small_scenario), "--notebook", str(nb),
                                   "--reports", str(reports), "--jobs", "1", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        pids = _wait_for(lambda: _slow_cell_started(reports), "the notebook's slow cell runs", proc)
    finally:
        proc.kill()
    proc.wait(timeout=GUARD)
    # the orphaned worker notices, stops, and shuts its kernel down
    _wait_for(lambda: not _alive(pids["worker_pid"]) and not _alive(pids["kernel_pid"]),
              "the orphaned worker and its kernel have exited")
    now = _files(reports / "small")
    for name in ("tiny.html", "tiny.ipynb", "tiny.json", ".tiny.stamp.json"):
        assert now[name] == good[name]
    tiny_notebook("tiny_ok", "tiny")  # the next run is not blocked by a stale lock and cleans up
    out = _run(small_scenario, [nb], reports).outcomes[0]
    assert out.status == "skipped-unchanged"
    assert not (reports / runner.WORK_DIR).exists()


def test_a_cell_timeout_fails_the_pair_and_keeps_the_cells_done(tmp_path, small_scenario, tiny_notebook):
    # tiny_slow's first cell after the parameters is the slow one, so the timeout fires there whatever
    # the machine's load (an earlier cell that imports a library could itself take 2 s on a busy machine)
    reports = tmp_path / "reports"
    out = _run(small_scenario, [tiny_notebook("tiny_slow")], reports, timeout=2).outcomes[0]
    assert out.status == "failed" and out.error.startswith("CellTimeoutError: A cell timed out")
    assert "after 2 seconds" in out.error
    assert out.failed_notebook is not None and out.failed_notebook.is_file()
    cells = [c for c in json.loads(out.failed_notebook.read_text())["cells"] if c["cell_type"] == "code"]
    ran = [c for c in cells if c["execution_count"] is not None]
    assert len(ran) == 3 and ran[-1]["id"] == "tiny_slow-1"  # parameters, injected parameters, the slow cell
    assert [o["output_type"] for o in ran[-1]["outputs"]] == ["error"]
    assert all(c["outputs"] == [] for c in cells[len(ran):])
    page = (reports / "small" / "tiny_slow.failed.html").read_text()
    assert "did not run to the end" in page and "CellTimeoutError" in page


def test_an_unknown_kernel_fails_cleanly_with_a_note(tmp_path, small_scenario, tiny_notebook):
    reports = tmp_path / "reports"
    out = _run(small_scenario, [tiny_notebook("tiny_ok")], reports, kernel_name="no-such-kernel").outcomes[0]
    assert out.status == "failed" and out.error == "NoSuchKernel: No such kernel named no-such-kernel"
    page = (reports / "small" / "tiny_ok.failed.html").read_text()
    assert "This notebook did not run to the end" in page and remote_scripts(page) == []


# ----------------------------------------------------------------------------- notebooks over every scenario


def test_takes_all_scenarios_reads_the_parameters_cell(tiny_notebook, tmp_path):
    assert runner.takes_all_scenarios(tiny_notebook("tiny_all"))
    assert not runner.takes_all_scenarios(tiny_notebook("tiny_ok"))
    assert not runner.takes_all_scenarios(tmp_path / "missing.ipynb")
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{not json")
    assert not runner.takes_all_scenarios(bad)


def test_an_all_scenario_notebook_runs_once_skips_reruns_and_keeps_a_good_report(
        tmp_path, write_scenario, base_data, tiny_notebook):
    a = write_scenario(dict(base_data), "alpha")
    b = write_scenario(yaml_copy(base_data), "beta")
    reports = tmp_path / "reports"
    nbs = [tiny_notebook("tiny_all", "across"), tiny_notebook("tiny_ok")]

    def go(**kw):
        return {o.pair.label: o.status for o in run([a, b], nbs, reports_dir=reports, jobs=1, progress=False,
                                                     log=lambda m: None, timeout=120, **kw).outcomes}

    assert go() == {"alpha/tiny_ok": "ok", "beta/tiny_ok": "ok", "_all/across": "ok"}  # once
    folder = reports / runner.ALL_SCENARIOS
    side = json.loads((folder / "across.json").read_text())
    assert side["headline"] == "tiny all over alpha, beta" and side["key_results"]["scenarios"] == 2
    assert (folder / "across.html").is_file() and (folder / "across.ipynb").is_file()
    assert not (reports / "alpha" / "across.html").exists()
    index = (reports / "index.html").read_text()
    assert "Across all scenarios" in index and 'href="_all/across.html"' in index and "tiny all over" in index
    good = _files(folder)
    assert go()["_all/across"] == "skipped-unchanged" and _files(folder) == good
    b.write_text(b.read_text() + "\n# any scenario changes\n")
    assert go() == {"alpha/tiny_ok": "skipped-unchanged", "beta/tiny_ok": "ok", "_all/across": "ok"}
    good = _files(folder)
    nb = json.loads(nbs[0].read_text())  # now it breaks: the good report stays, the failure beside it
    nb["cells"][2]["source"] = "raise ValueError('boom from across')\n"
    nbs[0].write_text(json.dumps(nb))
    assert go()["_all/across"] == "failed"
    now = _files(folder)
    for name in ("across.html", "across.ipynb", "across.json"):
        assert now[name] == good[name]
    assert "across.failed.html" in now
    assert "showing the previous good report" in (reports / "index.html").read_text()


def yaml_copy(data: dict) -> dict:
    return json.loads(json.dumps(data, default=str))
