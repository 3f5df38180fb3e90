"""Tests of the border model out of sample (sco_games.models.border.out_of_sample).

The constructed case is solved by hand: linear values, Nash with weight 1/2, war as the disagreement point
with equal costs c: China's share is x = p - L / 2 (maximise (x + L - p + c)(1 - x - 1 + p + c)), so L
fitted on Tajikistan is 2 (p_T - x_T) and the prediction for a neighbour n is p_n - p_T + x_T. Russia's
dyad is a continuing dispute (nuclear powers) with costs k = 0.1 each and no land held by China: x = -L / 2,
so China's share is 0 at every L >= 0.
"""

from __future__ import annotations

import pytest

from sco_games.data.capabilities import win_probability
from sco_games.models.border import BorderParams, settlements
from sco_games.models.border.game import DyadGame
from sco_games.models.border.out_of_sample import BASELINES, closest_linkage, out_of_sample
from sco_games.scenario import load_scenario
from tests.conftest import PARAMS

EX = BorderParams.example(disagreement="war")


def _share(n: str) -> float:
    return settlements()[n].reading().observed_share


def test_fitted_on_tajikistan_by_hand():
    t = out_of_sample(EX, solutions=("nash",), disagreements=("war",))
    p_t, x_t = win_probability("China", "Tajikistan"), _share("Tajikistan")
    for n in ("Kazakhstan", "Kyrgyzstan"):
        r = t.row("Tajikistan", n, "nash", "war")
        assert r.exact and r.linkage == pytest.approx(2 * (p_t - x_t), abs=1e-7)
        expect = win_probability("China", n) - p_t + x_t
        assert r.predicted == pytest.approx(expect, abs=1e-7)
        assert r.error == pytest.approx(expect - _share(n), abs=1e-7)
        assert r.baselines == pytest.approx((0.5, x_t, win_probability("China", n)))
    ru = t.row("Tajikistan", "Russia", "nash", "war")
    assert ru.predicted == pytest.approx(0.0, abs=1e-9) and ru.baselines[2] == pytest.approx(0.0, abs=1e-9)


def test_fitted_on_the_others_by_hand():
    t = out_of_sample(EX, solutions=("nash",), disagreements=("war",))
    p_t = win_probability("China", "Tajikistan")
    for n in ("Kazakhstan", "Kyrgyzstan"):
        r = t.row(n, "Tajikistan", "nash", "war")
        p_n, x_n = win_probability("China", n), _share(n)
        assert r.exact and r.linkage == pytest.approx(2 * (p_n - x_n), abs=1e-7)
        assert r.predicted == pytest.approx(p_t - p_n + x_n, abs=1e-7)
    # Russia: even L = 0 gives China 0 < 46%, so the closest allowed L is 0 (not exact): Tajik share p_T
    ru = t.row("Russia", "Tajikistan", "nash", "war")
    assert (ru.linkage, ru.exact) == (0.0, False) and ru.predicted == pytest.approx(p_t, abs=1e-7)
    assert "closest allowed L = 0" in ru.calibration_note


def test_mean_errors_by_hand():
    t = out_of_sample(EX, solutions=("nash",), disagreements=("war",))
    rows = [t.row("Tajikistan", n, "nash", "war") for n in ("Kyrgyzstan", "Kazakhstan", "Russia")]
    m = t.mean_abs_errors("from Tajikistan", "nash", "war")
    assert m["model"] == pytest.approx(sum(abs(r.predicted - r.observed) for r in rows) / 3)
    assert m["50/50"] == pytest.approx(sum(abs(0.5 - r.observed) for r in rows) / 3)
    assert set(m) == {"model", *BASELINES}
    assert t.beats_every_baseline("from Tajikistan", "nash", "war") == (
        m["model"] < min(m[b] for b in BASELINES))


def test_closest_linkage_at_the_top_of_the_bracket():
    # Rubinstein: China proposing first keeps at least 1 - delta_N whatever L (its floor): no L reaches 3.5%
    g = DyadGame("T", win_probability=0.9978, discount_rate_neighbour=0.5)
    L, exact, note = closest_linkage(g, 0.035, "rubinstein", l_max=100.0)
    assert (L, exact) == (100.0, False) and "never falls below" in note


def test_every_combination_on_a_real_scenario_and_clear_errors():
    s = load_scenario(PARAMS / "founding_2001.yaml")
    t = out_of_sample(s.border)
    assert len(t.rows) == 2 * 3 * 6
    assert {r.direction for r in t.rows} == {"from Tajikistan", "to Tajikistan"}
    assert "percentage points" in t.text() and len(t.summary_rows()) == 12
    with pytest.raises(ValueError, match="point solution"):
        out_of_sample(s.border, solutions=("fearon",))
    with pytest.raises(ValueError, match="'dispute' or 'war'"):
        out_of_sample(s.border, disagreements=("peace",))


def test_table_rows_as_text():
    t = out_of_sample(EX, solutions=("nash",), disagreements=("war",))
    rows = t.table_rows("war")
    assert len(rows) == 6 and all(len(r) == len(t.COLUMNS) for r in rows)
    ru = next(r for r in rows if r[1] == "Russia")
    assert ru[2] == "0 (closest)" and ru[3] == "Tajikistan"
    kz = t.row("Tajikistan", "Kazakhstan", "nash", "war")
    row = next(r for r in rows if r[1] == "Tajikistan" and r[3] == "Kazakhstan")
    assert row[4] == f"{100 * kz.predicted:.1f}%" and row[6] == f"{100 * kz.error:+.1f}"
    assert t.table_rows("dispute") == []


def test_text_says_when_no_linkage_value_fits():
    t = out_of_sample(load_scenario(PARAMS / "founding_2001.yaml").border, solutions=("nash",))
    grp = [r for r in t.rows if r.direction == "to Tajikistan" and r.disagreement == "dispute"]
    assert all(not r.exact and r.linkage == 0.0 for r in grp)  # even L = 0 gives China less (0 < x_obs)
    assert "the model is its own L = 0 baseline" in t.text("nash", "dispute")
    assert "no better than the best baseline" in t.text("nash", "dispute")
