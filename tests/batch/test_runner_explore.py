"""notebooks/explore.ipynb is interactive (widgets, a live kernel): the runner never makes a report of it
(runner.is_report reads the notebook's metadata), and asking for it by name or path is a usage error."""

from __future__ import annotations

import json

import pytest

from sco_games.batch import cli, runner
from tests.conftest import NOTEBOOKS, ROOT, SMALL_SCENARIO

EXPLORE = NOTEBOOKS / "explore.ipynb"


def test_explore_is_not_a_report_and_the_reports_are():
    assert EXPLORE.is_file() and not runner.is_report(EXPLORE)
    found = runner.find_notebooks(NOTEBOOKS)
    assert EXPLORE not in found
    assert [p.name for p in found] == sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def test_is_report_reads_the_metadata(tmp_path, tiny_notebook):
    nb = tiny_notebook("tiny_ok")
    assert runner.is_report(nb)
    data = json.loads(nb.read_text())
    data["metadata"]["sco_games"] = {"report": False}
    nb.write_text(json.dumps(data))
    assert not runner.is_report(nb) and runner.find_notebooks(nb.parent) == []
    data["metadata"]["sco_games"] = {"report": True}
    nb.write_text(json.dumps(data))
    assert runner.is_report(nb)
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{not json")
    assert runner.is_report(bad)  # unreadable: treated as a report, which then fails and says why


def test_asking_for_explore_is_a_usage_error():
    with pytest.raises(runner.UsageError, match=r"explore.ipynb: an interactive notebook .* \(make lab\)"):
        runner.plan_pairs([SMALL_SCENARIO], [EXPLORE])


def test_cli_list_and_run_leave_explore_out(capsys, tmp_path):
    assert cli.main(["list", "--root", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "\n  01_overview\n" in out and "\n  explore\n" not in out
    code = cli.main(["run", "--root", str(ROOT), "--notebook", "explore", "--reports", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE and "unknown notebook 'explore'" in err
    assert not (tmp_path / "r").exists()
