"""Every notebook in notebooks/ runs for a small scenario through the runner (new notebooks are picked
up by the glob) and writes a sidecar with a headline; every generated page is offline.

The full scenarios x notebooks matrix is ``slow`` (``make test-slow``)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from sco_games.batch.report_html import remote_scripts
from sco_games.batch.runner import ALL_SCENARIOS, find_notebooks, run, takes_all_scenarios
from sco_games.scenario import find_scenarios
from tests.conftest import ROOT

NOTEBOOKS = find_notebooks(ROOT / "notebooks")  # the reports (not notebooks/explore.ipynb)
SCENARIOS = find_scenarios(ROOT / "params")
SMALL = ROOT / "params" / "founding_2001.yaml"
PARAMETERS = 'scenario_path = "params/founding_2001.yaml"\noverrides = {}\nsidecar_path = None'
#: the parameters of a notebook that takes every scenario at once (the runner's takes_all_scenarios)
ALL_PARAMETERS = "scenario_paths = []  # empty: every scenario in params/\nsidecar_path = None"


def test_there_are_notebooks():
    assert any(p.name == "01_overview.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_follows_the_convention(nb_path):
    nb = nbformat.read(str(nb_path), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", []), "first code cell must be tagged parameters"
    expected = ALL_PARAMETERS if takes_all_scenarios(nb_path) else PARAMETERS
    assert code[0].source.strip() == expected
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), "strip outputs"
    assert "write_sidecar(sidecar_path" in code[-1].source


def _check_pair(reports: Path, scenario: str, nb: str) -> None:
    side = json.loads((reports / scenario / f"{nb}.json").read_text())
    assert isinstance(side.get("headline"), str) and len(side["headline"]) > 10
    assert isinstance(side.get("key_results"), dict) and side["key_results"]


def _check_offline(reports: Path) -> None:
    pages = list(reports.rglob("*.html"))
    assert pages
    for page in pages:
        assert remote_scripts(page.read_text(encoding="utf-8")) == [], page


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_for_the_small_scenario(nb_path, tmp_path):
    reports = tmp_path / "reports"
    summary = run([SMALL], [nb_path], reports_dir=reports, jobs=1, progress=False, log=lambda m: None,
                  timeout=300)
    out = summary.outcomes[0]
    assert out.status == "ok", f"{out.error} (see {out.failed_notebook})"
    assert out.pair.scenario == (ALL_SCENARIOS if takes_all_scenarios(nb_path) else "founding_2001")
    _check_pair(reports, out.pair.scenario, nb_path.stem)
    _check_offline(reports)


@pytest.mark.slow
def test_every_scenario_with_every_notebook(tmp_path):
    reports = tmp_path / "reports"
    summary = run(SCENARIOS, NOTEBOOKS, reports_dir=reports, jobs=2, progress=False, log=lambda m: None,
                  timeout=600)
    failed = [f"{o.pair.label}: {o.error}" for o in summary.failures]
    assert not failed, failed
    ran = [o for o in summary.outcomes if o.status != "not-coded"]  # scenarios without the notebook's section
    for o in ran:
        _check_pair(reports, o.pair.scenario, o.pair.notebook)
    _check_offline(reports)
    index = (reports / "index.html").read_text()
    across = sum(takes_all_scenarios(nb) for nb in NOTEBOOKS)
    assert len(summary.outcomes) == len(SCENARIOS) * (len(NOTEBOOKS) - across) + across
    assert index.count('class="st st-ok"') == len(ran)
    assert index.count('class="st st-not-coded"') == len(summary.outcomes) - len(ran)


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                    reason="needs a headless Chromium (optional; apt install chromium)")
def test_every_figure_is_drawn_offline_in_headless_chromium(tmp_path):
    """Open each report of the small scenario with the network cut off (a dead proxy) and count the
    plotly figures that rendered (plotly.js marks them ``js-plotly-plot``)."""
    reports = tmp_path / "reports"
    summary = run([SMALL], NOTEBOOKS, reports_dir=reports, jobs=2, progress=False, log=lambda m: None)
    assert not summary.failures
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    for page in sorted(reports.rglob("*.html")):
        dom = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             f"--user-data-dir={tmp_path / 'profile'}", "--proxy-server=127.0.0.1:9",
             "--virtual-time-budget=8000", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120).stdout
        expected = page.read_text(encoding="utf-8").count('class="plotly-graph-div"')
        # plotly.js adds js-plotly-plot to each graph div it draws (the report's print stylesheet names the
        # class too, so count the drawn divs, not the word)
        assert dom.count('class="plotly-graph-div js-plotly-plot"') == expected, page


@pytest.mark.slow
def test_results_do_not_depend_on_the_number_of_workers(tmp_path):
    """axelrod-style reproducibility: the same scenario run on 1 and on 2 worker processes gives
    byte-identical sidecars (every random draw in the models takes its seed from the scenario)."""
    sides = {}
    for jobs in (1, 2):
        reports = tmp_path / f"reports_{jobs}"
        summary = run([SMALL], NOTEBOOKS, reports_dir=reports, jobs=jobs, progress=False, log=lambda m: None)
        assert not summary.failures
        sides[jobs] = {o.pair.notebook: (reports / o.pair.scenario / f"{o.pair.notebook}.json")
                       .read_text("utf-8") for o in summary.outcomes}
    for nb, text in sides[1].items():
        assert text == sides[2][nb], f"{nb}: sidecar differs between 1 and 2 workers"
