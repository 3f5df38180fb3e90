"""The command line, run as a user runs it (a subprocess): exit codes and errors without tracebacks."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from sco_games.batch import cli
from tests.conftest import ROOT

PARAMS = Path(__file__).resolve().parents[2] / "params"


def _sh(args: list[str], timeout: float = 120, cwd=None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SCO_GAMES_ROOT"}
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)


def test_list_shows_scenarios_and_notebooks(cli):
    r = _sh(cli + ["list"])
    assert r.returncode == 0, r.stderr
    assert "founding_2001" in r.stdout and "iraq_2003" in r.stdout and "01_overview" in r.stdout


def test_validate_all_shipped_scenarios(cli):
    r = _sh(cli + ["validate"])
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("ok  ") >= 3


@pytest.mark.parametrize("text, expected", [
    ("", "empty"),
    ("- a\n- b\n", "top level is a list"),
    ("meta: {name: [unclosed\n", "not valid YAML"),
    ("meta: {}\nmeta: {}\n", "duplicate key 'meta'"),
])
def test_validate_bad_file_exits_2_with_a_paragraph_and_no_traceback(cli, write_scenario, text, expected):
    path = write_scenario(text, "bad")
    r = _sh(cli + ["validate", str(path)])
    assert r.returncode == 2
    assert str(path) in r.stderr and expected in r.stderr
    assert "Traceback" not in r.stderr + r.stdout


def test_validate_names_the_key(cli, write_scenario, base_data):
    base_data["meta"]["colour"] = "red"
    path = write_scenario(base_data, "bad")
    r = _sh(cli + ["validate", str(path)])
    assert r.returncode == 2 and "meta.colour: unknown key" in r.stderr and "Traceback" not in r.stderr


def test_run_with_a_bad_scenario_exits_2_and_writes_nothing(cli, tmp_path, write_scenario, base_data,
                                                            tiny_notebook):
    del base_data["meta"]["title"]
    path = write_scenario(base_data, "bad")
    reports = tmp_path / "reports"
    r = _sh(cli + ["run", "--scenario", str(path), "--notebook", str(tiny_notebook("tiny_ok")),
                   "--reports", str(reports)])
    assert r.returncode == 2
    assert "meta.title: missing" in r.stderr and str(path) in r.stderr and "Traceback" not in r.stderr
    assert not reports.exists()


@pytest.mark.parametrize("args, expected", [
    (["run", "--scenario", "no_such_scenario"], "unknown scenario 'no_such_scenario'"),
    (["run", "--notebook", "no_such_notebook"], "unknown notebook 'no_such_notebook'"),
    (["run", "--jobs", "0"], "must be at least 1"),
    (["run", "--timeout", "-1"], "positive number"),
    (["run", "--timeout", "nan"], "positive number"),
    (["frobnicate"], "invalid choice"),
    ([], "required"),
])
def test_bad_usage_exits_2(cli, tmp_path, args, expected):
    r = _sh(cli + args + (["--reports", str(tmp_path / "r")] if args[:1] == ["run"] else []))
    assert r.returncode == 2, r.stderr
    assert expected in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "r").exists()


def test_run_ok_exits_0_then_skips(cli, tmp_path, small_scenario, tiny_notebook):
    nb = tiny_notebook("tiny_ok")
    args = cli + ["run", "-s", str(small_scenario), "-n", str(nb), "--reports", str(tmp_path / "r"),
                  "-j", "1"]
    r = _sh(args)
    assert r.returncode == 0, r.stderr
    assert "1 ran ok, 0 unchanged (skipped), 0 failed" in r.stderr
    assert "ok     small/tiny_ok" in r.stderr  # one line per finished pair
    r2 = _sh(args)
    assert r2.returncode == 0 and "0 ran ok, 1 unchanged (skipped), 0 failed" in r2.stderr


def test_run_with_a_failing_notebook_exits_1_with_one_line_per_failure(cli, tmp_path, small_scenario,
                                                                      tiny_notebook):
    reports = tmp_path / "r"
    r = _sh(cli + ["run", "-s", str(small_scenario), "-n", str(tiny_notebook("tiny_fail")),
                   "-n", str(tiny_notebook("tiny_ok")), "--reports", str(reports), "-j", "2",
                   "--no-progress"])
    assert r.returncode == 1, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("FAILED ")]
    assert lines == [f"FAILED small / tiny_fail: ValueError: boom from tiny_fail "
                     f"(partial notebook: {reports.resolve() / 'small' / 'tiny_fail.failed.ipynb'})"]
    assert "Traceback" not in r.stderr
    assert (reports / "small" / "tiny_ok.html").is_file()


def test_outside_the_checkout_the_project_comes_from_root_or_is_a_clear_error(cli, tmp_path):
    r = _sh(cli + ["list"], cwd=tmp_path)
    assert r.returncode == 2 and "no sco-games project folder in" in r.stderr and "--root DIR" in r.stderr
    assert "Traceback" not in r.stderr
    r = _sh(cli + ["list", "--root", str(ROOT)], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "founding_2001" in r.stdout and "01_overview" in r.stdout
    r = _sh(cli + ["validate", "--root", str(tmp_path)], cwd=tmp_path)
    assert r.returncode == 2 and "not a sco-games project folder" in r.stderr


def test_run_with_explicit_paths_needs_no_project(cli, tmp_path, small_scenario, tiny_notebook):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    r = _sh(cli + ["run", "-s", str(small_scenario), "-n", str(tiny_notebook("tiny_ok")),
                   "--reports", str(tmp_path / "r"), "-j", "1", "--no-progress"], cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "r" / "small" / "tiny_ok.html").is_file()


def test_names_resolve_to_project_files():
    assert [p.stem for p in cli.resolve_scenarios(["iraq_2003"])] == ["iraq_2003"]
    assert [p.name for p in cli.resolve_notebooks(["01_overview"])] == ["01_overview.ipynb"]


def test_main_in_process_returns_codes(capsys, write_scenario):
    assert cli.main(["validate", str(write_scenario("", "empty"))]) == 2
    assert "empty" in capsys.readouterr().err


def _limit_memory() -> None:  # in the child: a regression fails with MemoryError, not by eating the machine
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def test_validate_refuses_the_alias_bomb_at_once(cli, write_scenario):
    """The 10-line "billion laughs" (9 levels of 9 aliases) took ~90 s and 3 GB before it was refused."""
    levels = "abcdefghi"
    lines = [f'{levels[0]}: &{levels[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]"
              for p, c in zip(levels, levels[1:], strict=False)]
    lines.append("meta: {name: bomb, title: *i, date: 2001-06-15, description: boom, source: nowhere}")
    path = write_scenario("\n".join(lines) + "\n", "bomb")
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(cli + ["validate", str(path)], capture_output=True, text=True, env=env,
                       preexec_fn=_limit_memory if sys.platform.startswith("linux") else None)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert r.returncode == 2, r.stderr[-500:]
    assert str(path) in r.stderr and "anchors and aliases" in r.stderr and "line 1" in r.stderr
    assert "Traceback" not in r.stderr
    # CPU seconds, not wall time (a loaded machine does not change them): start-up and imports cost ~1-3 s;
    # expanding the bomb cost ~90 s
    assert (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime) < 15


@pytest.mark.parametrize("edit, expected", [
    (("date: 2001-06-15", "date: 2005-13-05"), "meta.date = '2005-13-05'"),
    (("range: [0.25, 0.75]", "range: [0.75, 0.25]"), "partnership.partnership_depth.range"),
    (("partnership_depth: {value: 0.5,", "partnership_depth: {value: 0.9,"), "outside its own range"),
    (("title: ", "title: " + "[" * 3000), "nested more than"),
])
def test_validate_files_that_parse_but_are_wrong_exit_2_naming_the_key(cli, write_scenario, edit, expected):
    text = (PARAMS / "founding_2001.yaml").read_text(encoding="utf-8").replace("founding_2001", "bad")
    assert edit[0] in text
    path = write_scenario(text.replace(edit[0], edit[1], 1), "bad")
    r = _sh(cli + ["validate", str(path)])
    assert r.returncode == 2, r.stderr[-500:]
    assert str(path) in r.stderr and expected in r.stderr and "Traceback" not in r.stderr
