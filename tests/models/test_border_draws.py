"""The border model over draws: the reference loop against the report computed directly (scenario
overrides), bad input, and (below) the vectorized path against the loop."""

from __future__ import annotations

import numpy as np
import pytest

from sco_games.models import border as bm
from sco_games.models.border.draws import CLAIM_IDS, NUMBERS, evaluate_draws
from sco_games.scenario import load_scenario

KEYS = ("war_cost_china", "war_cost_neighbour", "dispute_cost_china", "nash_weight_china",
        "valuation_curvature_china", "neighbour_outside_option", "discount_rate_neighbour")


def _draws(section, n, seed):
    rng = np.random.default_rng(seed)
    out = {k: rng.uniform(*getattr(section, k).range, size=n) for k in KEYS}
    out["disagreement"] = rng.choice(np.array(["war", "dispute"], dtype=object), size=n)
    return out


@pytest.mark.parametrize("name", ["post_911_2002"])
def test_loop_matches_the_report(name):
    sc = load_scenario(f"params/{name}.yaml")
    draws = _draws(sc.border, 2, 3)
    out = evaluate_draws(sc.border, draws, date=sc.meta.date, method="loop")
    for i in range(2):
        over = load_scenario(f"params/{name}.yaml", {f"border.{k}": v[i].item() if hasattr(v[i], "item")
                                                      else v[i] for k, v in draws.items()})
        rep = bm.border_report(over.border, over.meta.date)
        assert {c: out.verdicts[c][i] for c in CLAIM_IDS} == {c.id: c.verdict for c in rep.claims()}
        tj, main = rep.tajikistan, rep.tajikistan.facts.reading()
        for dis in bm.DISAGREEMENTS:
            for s in ("nash", "rubinstein"):
                want = tj.power_only_by[dis].share(s)
                got = out.numbers[f"{s}_share_{dis}"][i]
                assert (np.isnan(got) and want is None) or got == want
            cal = tj.linkage_by[dis][main.id]["nash"]
            got = out.numbers[f"linkage_nash_{dis}"][i]
            assert (np.isnan(got) and not cal.found) or got == cal.value
    assert set(out.numbers) == set(NUMBERS) == set(out.descriptions)


def test_bad_keys_and_values_are_clear_errors():
    sc = load_scenario("params/founding_2001.yaml")
    with pytest.raises(ValueError, match=r"unknown key\(s\) \['war_cost'\]"):
        evaluate_draws(sc.border, {"war_cost": np.ones(2)}, date=sc.meta.date)
    with pytest.raises(ValueError, match="draw 0 .*disagreement"):
        evaluate_draws(sc.border, {"disagreement": np.array(["peace"], dtype=object)}, date=sc.meta.date,
                       method="loop")
    with pytest.raises(ValueError, match="not a date"):
        evaluate_draws(sc.border, {"war_cost_china": np.ones(1)}, date="June 2001")


def _all_ranges(section, n, seed, curved):
    rng = np.random.default_rng(seed)
    keys = [k for k in type(section).model_fields if getattr(getattr(section, k), "range", None)]
    if not curved:
        keys = [k for k in keys if not k.startswith("valuation_curvature")]
    out = {k: rng.uniform(*getattr(section, k).range, size=n) for k in keys}
    out["disagreement"] = rng.choice(np.array(["war", "dispute"], dtype=object), size=n)
    return out


@pytest.mark.parametrize(("curved", "n", "share_tol", "l_rtol"),
                         [(False, 60, 1e-12, 1e-12), (True, 16, 1e-7, 1e-5)])
def test_vectorized_equals_the_loop_on_seeded_draws_over_every_range(curved, n, share_tol, l_rtol):
    """Linear values: exact. Curved values: the loop's Nash is a 2049-point grid + Brent (~1e-8 in utility),
    so shares agree to 1e-7 and the calibrated L (divided by the share's slope in L) to a relative 1e-5."""
    sc = load_scenario("params/iraq_2003.yaml")
    draws = _all_ranges(sc.border, n, 11 + curved, curved)
    loop = evaluate_draws(sc.border, draws, date=sc.meta.date, method="loop")
    fast = evaluate_draws(sc.border, draws, date=sc.meta.date, method="vectorized")
    assert fast.method.startswith("vectorized")
    for c in CLAIM_IDS:
        assert fast.verdicts[c].tolist() == loop.verdicts[c].tolist(), c
    for k in NUMBERS:
        if k.startswith("linkage"):
            tol = {"rtol": l_rtol, "atol": 1e-12}
        else:
            tol = {"rtol": 0, "atol": share_tol}
        np.testing.assert_allclose(fast.numbers[k], loop.numbers[k], equal_nan=True, **tol)


def test_vectorized_nash_against_a_fine_scalar_maximisation():
    """The vectorized Nash share on a curved frontier against an independent computation: the log Nash
    product maximised in x with scipy's bounded Brent (a search on function values, so it finds x only to
    ~sqrt(machine epsilon) = 1e-8: the vectorized share must be as close and no worse in the objective)."""
    from scipy.optimize import minimize_scalar

    from sco_games.models.border.draws_fast import _FIELDS, Dyad, shares

    rng = np.random.default_rng(3)
    n = 25
    fixed = {"war_cost_china": 0.25, "war_cost_neighbour": 0.25, "dispute_cost_china": 0.1,
             "dispute_cost_neighbour": 0.1, "discount_rate_china": 0.05, "discount_rate_neighbour": 0.1,
             "offer_interval_years": 1.0, "neighbour_outside_option": 0.0}
    vals = {k: np.full(n, v) for k, v in fixed.items()}
    vals.update(valuation_curvature_china=rng.uniform(0.5, 1, n),
                valuation_curvature_neighbour=rng.uniform(0.5, 1, n),
                nash_weight_china=rng.uniform(0.2, 0.8, n))
    assert set(vals) == set(_FIELDS)
    g = Dyad(vals, 0.5, 0.0, "war")
    got, _ = shares(g, 0.3, "nash")
    for i in range(n):
        aC, aN, w = g.aC[i], g.aN[i], g.w[i]

        def neg(x, aC=aC, aN=aN, w=w, i=i):
            a, b = x ** aC + 0.3 - g.dC[i], (1 - x) ** aN - g.dN[i]
            return np.inf if a <= 0 or b <= 0 else -(w * np.log(a) + (1 - w) * np.log(b))
        want = minimize_scalar(neg, bounds=(0, 1), method="bounded", options={"xatol": 1e-13}).x
        assert got[i] == pytest.approx(want, abs=1e-7)
        assert neg(got[i]) <= neg(want) + 1e-15


def test_vectorized_linear_nash_is_the_closed_form():
    """Linear values, war: x = d_C + w (1 - d_C - d_N) (the linear pie), clipped by no outside option."""
    sc = load_scenario("params/founding_2001.yaml")
    w = np.linspace(0.2, 0.8, 7)
    draws = {"nash_weight_china": w, "disagreement": np.array(["war"] * 7, dtype=object),
             "war_cost_china": np.full(7, 0.3), "war_cost_neighbour": np.full(7, 0.3),
             "neighbour_outside_option": np.zeros(7)}
    out = evaluate_draws(sc.border, draws, date=sc.meta.date)
    from sco_games.data.capabilities import win_probability
    p = win_probability("China", "Tajikistan")
    want = np.minimum((p - 0.3) + w * (1 - (p - 0.3) - (1 - p - 0.3)), 1.0)
    np.testing.assert_allclose(out.numbers["nash_share_war"], want, atol=1e-12)
