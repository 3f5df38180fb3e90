"""Notebook 05 reads the result ``sco-games robustness`` saved (under its key) and its sidecar carries each
claim's probability; a toy border evaluator stands in for the models (theirs are tested with them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sco_games.scenario import load_scenario
from sco_games.uncertainty import robustness as rb
from sco_games.uncertainty.report import sidecar
from tests.conftest import ROOT, SMALL_SCENARIO
from tests.uncertainty import toys


@pytest.fixture
def saved(tmp_path, monkeypatch):
    monkeypatch.setattr(rb, "evaluator", lambda m: toys.evaluate_border_toy if m == "border" else
                        (_ for _ in ()).throw(LookupError(f"{m}: no evaluator in this test")))
    res = rb.robustness(load_scenario(SMALL_SCENARIO), n=200, sobol_n=16).to_dict()
    key = rb.cache_key(SMALL_SCENARIO, **rb.settings_of(rb.DEFAULT_DRAWS, 0, "lhs", rb.DEFAULT_SOBOL))
    rb.save(tmp_path / "reports" / "founding_2001" / "robustness.json", res, key)
    return tmp_path / "reports", res


def test_the_saved_result_is_read_back_under_its_key_only(saved):
    reports, res = saved
    got = rb.load_or_compute(SMALL_SCENARIO, reports_dir=reports)
    assert got["origin"].startswith("saved by sco-games robustness")
    assert got["models"] == res["models"]
    assert rb.load_saved(reports / "founding_2001" / "robustness.json", "another key") is None


def test_the_sidecar_gives_each_claim_its_probability(saved):
    _, res = saved
    side = sidecar(res)
    (t1,) = side["claims"]
    assert t1["id"] == "T1" and t1["verdict"] == "reproduced" and t1["probability"] == 0.5  # LHS: exact
    assert side["key_results"]["T1 'reproduced' holds in"] == "50.0%"
    assert side["key_results"]["second seed agrees (claims)"] == "1 of 1"


@pytest.mark.slow
def test_notebook_runs_on_the_saved_result_and_writes_its_sidecar(saved, tmp_path):
    """The project root (hence reports/) is the temporary folder, as the runner sets it ($SCO_GAMES_ROOT)."""
    reports, res = saved
    (tmp_path / "params").mkdir()
    (tmp_path / "notebooks").mkdir()
    side = tmp_path / "side.json"
    cmd = [str(Path(sys.executable).parent / "papermill"), str(ROOT / "notebooks" / "05_robustness.ipynb"),
           str(tmp_path / "out.ipynb"), "-p", "scenario_path", str(SMALL_SCENARIO),
           "-p", "sidecar_path", str(side), "-k", "sco-games", "--cwd", str(ROOT)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300,
                   env={**os.environ, "SCO_GAMES_ROOT": str(tmp_path)})
    assert json.loads(side.read_text()) == json.loads(json.dumps(sidecar(res)))
