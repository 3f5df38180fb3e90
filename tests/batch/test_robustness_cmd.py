"""``sco-games robustness``: results saved beside the reports, reused when nothing changed, recomputed when
anything did; bad arguments are clear errors with exit 2. The border model is a toy stand-in here (the
models' own evaluators are tested with them)."""

from __future__ import annotations

import json

import pytest

from sco_games.batch.cli import main
from tests.uncertainty import toys


@pytest.fixture
def toy_border(monkeypatch):
    """The border model evaluated by a toy; the other models as if they had no evaluator yet."""
    def only_border(name):
        if name == "border":
            return toys.evaluate_border_toy
        raise LookupError(f"model {name!r} has no draws.evaluate_draws yet")
    monkeypatch.setattr("sco_games.uncertainty.robustness.evaluator", only_border)


def _run(small_scenario, tmp_path, *extra):
    return main(["robustness", "-s", str(small_scenario), "--reports", str(tmp_path / "reports"),
                 "--draws", "200", "--sobol", "16", "--no-progress", *extra])


def test_results_are_saved_and_reused_when_nothing_changed(toy_border, small_scenario, tmp_path, capsys):
    assert _run(small_scenario, tmp_path) == 0
    out = tmp_path / "reports" / "small" / "robustness.json"
    data = json.loads(out.read_text())
    (border,) = data["models"]
    assert border["model"] == "border" and border["n"] == 200
    assert border["verdicts"][0]["probability"]["reproduced"] == 0.5  # LHS: exactly half the strata
    assert set(data["missing"]) == {"partnership", "enlargement"}
    err = capsys.readouterr()
    assert "missing    small / partnership" in err.err
    assert "T1   'reproduced' holds in 50.0% (+- 3.5)" in err.out
    before = out.stat().st_mtime_ns
    assert _run(small_scenario, tmp_path) == 0
    assert "unchanged  small" in capsys.readouterr().err and out.stat().st_mtime_ns == before
    assert _run(small_scenario, tmp_path, "--seed", "1") == 0  # another seed: recomputed
    assert "wrote" in capsys.readouterr().err and json.loads(out.read_text())["seed"] == 1


def test_a_changed_scenario_file_is_recomputed(toy_border, small_scenario, tmp_path, capsys):
    assert _run(small_scenario, tmp_path) == 0
    small_scenario.write_text(small_scenario.read_text() + "\n# edited\n")
    capsys.readouterr()
    assert _run(small_scenario, tmp_path) == 0
    assert "wrote" in capsys.readouterr().err


def test_the_same_numbers_on_two_processes(toy_border, small_scenario, tmp_path):
    assert _run(small_scenario, tmp_path) == 0
    one = json.loads((tmp_path / "reports" / "small" / "robustness.json").read_text())
    assert _run(small_scenario, tmp_path, "--force", "--jobs", "2", "--chunk", "64") == 0
    two = json.loads((tmp_path / "reports" / "small" / "robustness.json").read_text())
    assert one == two


@pytest.mark.parametrize("args, expected", [
    (["--draws", "0"], "--draws/-N: '0' must be at least 1"),
    (["--draws", "many"], "'many' is not an integer"),
    (["--sobol", "100"], "must be 0 (no Sobol indices) or a power of 2"),
    (["--method", "grid"], "invalid choice: 'grid'"),
    (["--jobs", "-1"], "must be at least 1"),
    (["-s", "no_such_scenario"], "unknown scenario 'no_such_scenario'"),
])
def test_bad_arguments_exit_2_with_a_clear_error(args, expected, capsys, tmp_path):
    with pytest.raises(SystemExit) as e:
        code = main(["robustness", "--reports", str(tmp_path), *args])
        raise SystemExit(code)
    assert e.value.code == 2
    assert expected in capsys.readouterr().err


def test_a_bad_scenario_file_exits_2_naming_it(write_scenario, base_data, tmp_path, capsys):
    base_data["border"]["war_cost_china"]["distribution"] = "normal"
    path = write_scenario(base_data, "bad")
    assert main(["robustness", "-s", str(path), "--reports", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "border.war_cost_china.distribution" in err and "Traceback" not in err


def test_nothing_to_evaluate_is_exit_1_and_writes_nothing(small_scenario, tmp_path, monkeypatch, capsys):
    def none(name):
        raise LookupError(f"model {name!r} has no draws.evaluate_draws yet")
    monkeypatch.setattr("sco_games.uncertainty.robustness.evaluator", none)
    assert _run(small_scenario, tmp_path) == 1
    assert "no model could be evaluated" in capsys.readouterr().err
    assert not (tmp_path / "reports" / "small").exists()
