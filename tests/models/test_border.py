"""Tests of the border bargaining model (sco_games.models.border).

Expected values are closed forms from the literature, written out here independently of the code under test:
- asymmetric Nash on a linear pie: x1 = d1 + a (1 - d1 - d2) (Nash 1950; Kalai 1977);
- Rubinstein (1982): first proposer gets (1 - delta2) / (1 - delta1 delta2); a responder's outside option
  w binds iff w > delta2 (1 - delta1) / (1 - delta1 delta2), and then the proposer gets 1 - w (Osborne &
  Rubinstein 1990 §3.12);
- Binmore, Rubinstein & Wolinsky (1986): as dt -> 0 Rubinstein's split tends to the asymmetric Nash solution
  with weights (r2, r1) / (r1 + r2) and the impasse point (0, 0) as disagreement;
- Fearon (1995): shares in (p - c_A, p + c_B) beat war.
"""

from __future__ import annotations

import datetime
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sco_games.data.capabilities import win_probability
from sco_games.models.border import (
    NEIGHBOURS,
    BorderParams,
    DyadGame,
    calibrate_all,
    calibrate_linkage,
    calibrate_nash_weight,
    dyad_game,
    linkage_curve,
    linkage_sensitivity,
    predict,
    predicted_share,
    settlements,
)
from sco_games.models.border.report import border_report, differing_values
from sco_games.scenario import ScenarioError, find_scenarios, load_scenario
from sco_games.sidecar import to_jsonable
from sco_games.theory.bargaining import nash_solution
from tests.conftest import ROOT

#: the scenarios that code the border model (the dated ones after 2003 code only enlargement, issue 13)
SCENARIOS = [p.stem for p in find_scenarios(ROOT / "params") if load_scenario(p).border is not None]


def nash_linear(p, cc, cn, w, L=0.0):
    """Closed form x1 = d1 + a (1 - d1 - d2) with d1 = p - c_C - L, d2 = 1 - p - c_N, clipped to [0, 1]."""
    d1, d2 = p - cc - L, 1 - p - cn
    return min(max(d1 + w * (1 - d1 - d2), 0.0), 1.0)


# ---------------------------------------------------------------------------------------------------------
# limits: L = 0 (power only)


@settings(max_examples=60, deadline=None)
@given(
    p=st.floats(0.05, 0.95),
    cc=st.floats(0.0, 0.5),
    cn=st.floats(0.0, 0.5),
    w=st.floats(0.05, 0.95),
)
def test_power_only_nash_is_the_linear_pie_closed_form(p, cc, cn, w):
    g = DyadGame("x", win_probability=p, war_cost_china=cc, war_cost_neighbour=cn, nash_weight_china=w)
    assume(cc + cn > 1e-6)  # with zero costs there is no surplus to split
    assert predicted_share(g, "nash") == pytest.approx(nash_linear(p, cc, cn, w), abs=1e-9)


def test_power_only_predicts_china_share_near_its_win_probability():
    # Tajikistan: p = CINC ratio ~0.998 (COW NMC v6 CINC 2001); small war costs, fine offer interval
    p = win_probability("China", "Tajikistan")
    assert p == pytest.approx(0.16547 / (0.16547 + 0.00037))
    g = DyadGame(
        "Tajikistan",
        win_probability=p,
        war_cost_china=0.01,
        war_cost_neighbour=0.01,
        offer_interval_years=0.01,
    )
    pred = predict(g, 28500)
    for s in ("nash", "kalai-smorodinsky", "rubinstein"):
        assert pred.share(s) == pytest.approx(p, abs=0.02), s
    assert pred.fearon.contains(p)
    # and with the scenario's own (larger) costs every power-only solution still gives China most of the area
    for name in SCENARIOS:
        sc = load_scenario(ROOT / "params" / f"{name}.yaml")
        pred = predict(dyad_game(sc.border, "Tajikistan", disagreement="war"), 28500)  # the benchmark
        assert min(pred.share(s) for s in ("nash", "kalai-smorodinsky", "rubinstein")) > 0.5


def test_fearon_range_is_the_closed_form_with_linkage_as_a_cost():
    g = DyadGame("x", win_probability=0.7, war_cost_china=0.1, war_cost_neighbour=0.2, linkage=0.3)
    f = predict(g).fearon
    assert (f.low, f.high) == pytest.approx((0.7 - 0.1 - 0.3, min(0.7 + 0.2, 1.0)))


# ---------------------------------------------------------------------------------------------------------
# limits: equal power


@pytest.mark.parametrize("curv", [1.0, 0.6])
def test_equal_power_gives_a_symmetric_split(curv):
    g = DyadGame(
        "equal",
        win_probability=0.5,
        curvature_china=curv,
        curvature_neighbour=curv,
        war_cost_china=0.2,
        war_cost_neighbour=0.2,
        discount_rate_china=0.1,
        discount_rate_neighbour=0.1,
        offer_interval_years=1e-3,
    )
    pred = predict(g, 100.0)
    assert pred.nash.china_share == pytest.approx(0.5, abs=1e-7)
    assert pred.kalai_smorodinsky.china_share == pytest.approx(0.5, abs=1e-9)
    # Rubinstein: the first-proposer advantage 1/(1+delta) - 1/2 vanishes as dt -> 0
    assert pred.rubinstein.china_share == pytest.approx(0.5, abs=1e-4)
    assert pred.fearon.low + pred.fearon.high == pytest.approx(1.0)
    assert pred.nash.china_km2 == pytest.approx(50.0, abs=1e-5)


# ---------------------------------------------------------------------------------------------------------
# outside options (Rubinstein closed forms; China's war option made worthless so only o_N matters)


def _no_war_option_game(o_n, **kw):
    # p = 0.5 with war costs 0.6: both war payoffs negative, so the only outside option in play is o_N
    return DyadGame(
        "x",
        win_probability=0.5,
        war_cost_china=0.6,
        war_cost_neighbour=0.6,
        neighbour_outside_option=o_n,
        **kw,
    )


def test_outside_option_that_does_not_bind_leaves_rubinstein_unchanged():
    g = _no_war_option_game(
        0.1, discount_rate_china=0.1, discount_rate_neighbour=0.2, offer_interval_years=1.0
    )
    d1, d2 = math.exp(-0.1), math.exp(-0.2)
    responder_share = d2 * (1 - d1) / (1 - d1 * d2)
    assert 0.1 < responder_share  # so w = 0.1 does not bind
    expected = (1 - d2) / (1 - d1 * d2)
    assert predicted_share(g, "rubinstein") == pytest.approx(expected, abs=1e-12)
    # and the Nash split is the unconstrained one
    assert predicted_share(g, "nash") == pytest.approx(nash_linear(0.5, 0.6, 0.6, 0.5), abs=1e-9)


def test_outside_option_that_binds_gives_the_proposer_one_minus_w():
    g = _no_war_option_game(
        0.7, discount_rate_china=0.1, discount_rate_neighbour=0.2, offer_interval_years=1.0
    )
    assert predicted_share(g, "rubinstein") == pytest.approx(1 - 0.7, abs=1e-12)
    assert "binds" in predict(g).rubinstein.method
    # Nash (outside option principle): the constraint u_N >= o_N caps China's share at 1 - o_N
    assert predicted_share(g, "nash") == pytest.approx(0.3, abs=1e-9)
    assert "binds" in predict(g).nash.method


def test_rubinstein_with_linkage_matches_its_hand_derived_closed_form():
    # China proposes x, the neighbour y; 1 - x = dN (1 - y) and y + L = dC (x + L) give
    # x = [1 - dN - dN (1 - dC) L] / (1 - dC dN) while x >= 0 (by hand, not by the code's normalisation)
    rc, rn, dt, L = 0.05, 0.1, 1.0, 0.2
    dc, dn = math.exp(-rc * dt), math.exp(-rn * dt)
    g = _no_war_option_game(0.0, discount_rate_china=rc, discount_rate_neighbour=rn, linkage=L)
    expected = (1 - dn - dn * (1 - dc) * L) / (1 - dc * dn)
    assert expected > 0
    assert predicted_share(g, "rubinstein") == pytest.approx(expected, abs=1e-12)


def test_concave_rubinstein_tends_to_nash_with_patience_weights():
    # Binmore, Rubinstein & Wolinsky (1986): dt -> 0 gives Nash, weights (r_N, r_C)/(r_C + r_N), d = (0, 0)
    a_c, a_n, rc, rn = 0.5, 0.8, 0.05, 0.15
    g = _no_war_option_game(
        0.0,
        curvature_china=a_c,
        curvature_neighbour=a_n,
        discount_rate_china=rc,
        discount_rate_neighbour=rn,
        offer_interval_years=1e-4,
    )
    w = rn / (rc + rn)
    ref = nash_solution(lambda u: (1 - u ** (1 / a_c)) ** a_n, (0.0, 0.0), (w, 1 - w))
    assert predicted_share(g, "rubinstein") == pytest.approx(ref.u1 ** (1 / a_c), abs=1e-4)


def test_concave_rubinstein_agrees_with_the_linear_closed_form_in_the_limit_of_curvature_one():
    kw = dict(discount_rate_china=0.05, discount_rate_neighbour=0.1, linkage=0.3)
    lin = predicted_share(_no_war_option_game(0.0, **kw), "rubinstein")
    near = predicted_share(
        _no_war_option_game(0.0, curvature_china=1 - 1e-9, curvature_neighbour=1 - 1e-9, **kw), "rubinstein"
    )
    assert near == pytest.approx(lin, abs=1e-6)


# ---------------------------------------------------------------------------------------------------------
# calibration


def test_calibrated_linkage_for_linear_nash_is_the_closed_form():
    # x = p + (c_N - c_C)/2 - L/2 for w = 1/2, so L = 2 (p - x) + c_N - c_C
    p, cc, cn, x = 0.9978, 0.2, 0.3, 0.035
    g = DyadGame("t", win_probability=p, war_cost_china=cc, war_cost_neighbour=cn)
    cal = calibrate_linkage(g, x, "nash")
    assert cal.found and cal.value == pytest.approx(2 * (p - x) + cn - cc, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    p=st.floats(0.3, 0.999),
    cc=st.floats(0.05, 0.5),
    cn=st.floats(0.05, 0.5),
    curv_c=st.sampled_from([1.0, 0.7]),
    curv_n=st.sampled_from([1.0, 0.8]),
    solution=st.sampled_from(["nash", "kalai-smorodinsky", "rubinstein"]),
    L_true=st.floats(0.0, 5.0),
)
def test_calibration_recovers_a_linkage_the_model_produced(p, cc, cn, curv_c, curv_n, solution, L_true):
    g = DyadGame(
        "t",
        win_probability=p,
        war_cost_china=cc,
        war_cost_neighbour=cn,
        curvature_china=curv_c,
        curvature_neighbour=curv_n,
        discount_rate_neighbour=0.1,
    )
    x = predicted_share(g.replace(linkage=L_true), solution)
    assert x is not None
    # only where the share still moves with L (not at the corner x = 0 or a flat part) is L identified
    slope = (predicted_share(g.replace(linkage=L_true + 1e-3), solution) - x) / 1e-3
    assume(x > 1e-4 and slope < -1e-3)
    cal = calibrate_linkage(g, x, solution)
    assert cal.found
    tol = 1e-6 if curv_c == curv_n == 1.0 else 5e-4  # the numeric Nash on a curved frontier is ~1e-8 in u
    assert cal.value == pytest.approx(L_true, abs=tol / max(-slope, 1e-3) + tol)


@settings(max_examples=30, deadline=None)
@given(w_true=st.floats(0.05, 0.95), k=st.floats(0.05, 0.5))
def test_calibration_recovers_a_nash_weight_the_model_produced(w_true, k):
    g = DyadGame(
        "t",
        win_probability=0.9978,
        disagreement="dispute",
        dispute_cost_china=k,
        dispute_cost_neighbour=k,
        nash_weight_china=w_true,
    )
    x = predicted_share(g, "nash")
    assume(1e-6 < x < 1 - 1e-6)  # at a corner (x = 0 or 1) the weight is not identified
    cal = calibrate_nash_weight(g, x)
    assert cal.found and cal.value == pytest.approx(w_true, abs=1e-7)


def test_no_value_does_cases():
    g = DyadGame("Tajikistan", win_probability=0.9978)
    # war as disagreement, L = 0: China's war payoff p - c_C alone beats 3.5% for any weight
    w = calibrate_nash_weight(g, 0.035)
    assert not w.found and w.value is None and "no Nash weight in (0, 1) reproduces" in w.reason
    # Rubinstein with yearly offers: China proposing first keeps at least 1 - delta_N > 3.5%
    r = calibrate_linkage(g.replace(discount_rate_neighbour=0.1), 0.035, "rubinstein")
    assert not r.found and "no linkage value in [0, " in r.reason
    assert 1 - math.exp(-0.1) > 0.035
    # status quo disagreement: China already gets less than 90% at L = 0, so no L >= 0 gives 90%
    d = calibrate_linkage(g.replace(disagreement="dispute"), 0.9, "nash")
    assert not d.found and "negative L" in d.reason
    # Fearon: a share above p + c_N is refused by the neighbour whatever China's linkage
    f = calibrate_linkage(DyadGame("x", win_probability=0.5, war_cost_neighbour=0.1), 0.7, "fearon")
    assert not f.found


def test_calibration_passes_through_a_no_agreement_region():
    # o_N = 0.5 caps China at 50%, its war payoff is p - c_C = 0.75: no deal at L = 0 (China would fight);
    # linear Nash with w = 1/2 then needs L = 2 (p - x) + c_N - c_C for an interior share x (Nash 1950)
    g = DyadGame("t", win_probability=0.9978, neighbour_outside_option=0.5)
    assert predicted_share(g, "nash") is None
    cal = calibrate_linkage(g, 0.035, "nash")
    assert cal.found and cal.value == pytest.approx(2 * (0.9978 - 0.035), abs=1e-9)


def test_calibration_at_l_zero_is_not_fooled_by_numeric_noise():
    # found by hypothesis: on a curved frontier the numeric Nash split at L = 1e-15 lies ~8e-9 above the one
    # at L = 0; the share the model produced at L ~ 0 must calibrate to L ~ 0, not to "no value"
    g = DyadGame(
        "t",
        win_probability=0.5,
        war_cost_china=0.5,
        war_cost_neighbour=0.375,
        curvature_china=0.7,
        curvature_neighbour=1.0,
        discount_rate_neighbour=0.1,
    )
    x = predicted_share(g.replace(linkage=1e-15), "nash")
    cal = calibrate_linkage(g, x, "nash")
    assert cal.found and cal.value == pytest.approx(0.0, abs=1e-6)
    # a real shortfall is still rejected
    assert not calibrate_linkage(g, x + 1e-3, "nash").found


def test_calibrate_all_covers_every_dyad_and_reading():
    sc = load_scenario(ROOT / "params" / "post_911_2002.yaml")
    rows = calibrate_all(sc.border.model_copy(update={"disagreement": sc.border.disagreement.model_copy(
        update={"value": "war"})}), solutions=("nash",))
    facts = settlements()
    assert len(rows) == sum(len(facts[n].readings) for n in sc.border.dyads)
    by = {r.id: c for _, r, c in rows}
    # a larger observed share needs a smaller linkage value: 4,000 km2 < 1,000 km2 reading
    assert by["specialists_4000"].value < by["tass_1000"].value


# ---------------------------------------------------------------------------------------------------------
# data


def test_settlement_data_matches_the_paper():
    tj = settlements()["Tajikistan"]
    assert tj.reading().observed_share == pytest.approx(0.035, abs=0.001)  # paper §1-1, fn 12: "about 3.5%"
    ceded = {r.ceded_km2 for r in tj.readings}
    assert ceded == {1000.0, 4000.0}  # paper §1-1, fn 12-13
    # paper §1-1 "more than 20,000"; Reuters 2011: 28,500
    assert {r.disputed_km2 for r in tj.readings} == {20000.0, 28500.0}
    for n in NEIGHBOURS:
        for r in settlements()[n].readings:
            assert 0 < r.observed_share < 1
            lo, hi = r.share_range
            assert lo <= r.observed_share <= hi


# ---------------------------------------------------------------------------------------------------------
# bad input


@pytest.mark.parametrize(
    "key, value",
    [
        ("border.war_cost_china", -1),
        ("border.valuation_curvature_neighbour", 0),
        ("border.nash_weight_china", 1.0),
        ("border.neighbour_outside_option", 1.5),
        ("border.discount_rate_neighbour", 0),
        ("border.disagreement", "peace"),
        ("border.linkage_prior", float("nan")),
        ("border.focus_dyad", "Mongolia"),
    ],
)
def test_bad_parameters_are_rejected_naming_the_key(key, value):
    with pytest.raises(ScenarioError) as e:
        load_scenario(ROOT / "params" / "founding_2001.yaml", {key: value})
    assert key in str(e.value)


def test_focus_dyad_must_be_one_of_the_dyads_shown():
    with pytest.raises(ScenarioError, match="focus_dyad"):
        load_scenario(ROOT / "params" / "founding_2001.yaml", {"border.dyads": ["Kyrgyzstan"]})


@pytest.mark.parametrize(
    "field, value",
    [
        ("win_probability", 1.5),
        ("curvature_china", 0.0),
        ("war_cost_neighbour", -0.1),
        ("linkage", -1.0),
        ("nash_weight_china", 0.0),
        ("offer_interval_years", 0.0),
        ("disagreement", "peace"),
        ("neighbour_outside_option", float("nan")),
    ],
)
def test_bad_game_fields_raise_value_errors_naming_the_field(field, value):
    with pytest.raises(ValueError, match=field):
        DyadGame("x", win_probability=0.5).replace(**{field: value})


def test_bad_calibration_and_prediction_arguments():
    g = DyadGame("x", win_probability=0.5)
    with pytest.raises(ValueError, match="observed_share"):
        calibrate_linkage(g, 1.2)
    with pytest.raises(ValueError, match="solution"):
        calibrate_linkage(g, 0.5, "shapley")
    with pytest.raises(ValueError, match="disputed_km2"):
        predict(g, -5)
    with pytest.raises(ValueError, match="neighbour"):
        dyad_game(BorderParams.example(), "Mongolia")
    with pytest.raises(ValueError, match="reading_id"):
        settlements()["Tajikistan"].reading("nope")


# ---------------------------------------------------------------------------------------------------------
# sensitivity helpers


def test_linkage_curve_is_non_increasing_and_sensitivity_has_rows():
    sc = load_scenario(ROOT / "params" / "iraq_2003.yaml")
    g = dyad_game(sc.border, "Tajikistan")
    curve = linkage_curve(g, np.linspace(0, 4, 41))
    for s, ys in curve.shares.items():
        ys = ys[~np.isnan(ys)]
        assert np.all(np.diff(ys) <= 1e-9), s
    g = dyad_game(sc.border, "Tajikistan", disagreement="war")
    curve = linkage_curve(g, np.linspace(0, 4, 41))
    for s, ys in curve.shares.items():
        ys = ys[~np.isnan(ys)]
        assert np.all(np.diff(ys) <= 1e-9), s
    rows = linkage_sensitivity(sc.border, "Tajikistan", 0.035, disagreement="war")
    assert {r.parameter for r in rows} >= {"war_cost_china", "war_cost_neighbour", "nash_weight_china"}
    wc = next(r for r in rows if r.parameter == "war_cost_china")
    assert wc.linkage_at_high < wc.linkage_at_low  # a costlier war for China needs less linkage
    rows = linkage_sensitivity(sc.border, "Tajikistan", 0.035, win_probability_range=(0.9, 0.9978),
                               disagreement="war")
    wp = next(r for r in rows if r.parameter == "win_probability")
    # linear Nash, w = 1/2: L = 2 (p - x) + c_N - c_C, so lowering p by 0.0978 lowers L by 0.1956
    assert wp.linkage_at_high - wp.linkage_at_low == pytest.approx(2 * (0.9978 - 0.9), abs=1e-9)


# ---------------------------------------------------------------------------------------------------------
# the report (what the notebook shows and writes to its sidecar)


def _report(name):
    sc = load_scenario(ROOT / "params" / f"{name}.yaml")
    return sc, border_report(sc.border, sc.meta.date)


@pytest.mark.parametrize("name", SCENARIOS)
def test_report_calibrated_linkage_reproduces_the_observed_share(name):
    sc, rep = _report(name)
    n_found = 0
    for d in (*rep.dyads.values(), rep.tajikistan):
        assert d.linkage == d.linkage_by[d.game.disagreement]
        for dis, game in d.games.items():
            for r in d.facts.readings:
                for s, c in d.linkage_by[dis][r.id].items():
                    if not c.found:
                        assert c.value is None and c.reason
                        continue
                    n_found += 1
                    fed_back = game.replace(linkage=c.value)
                    if s == "fearon":  # the least L that puts the observed share in the range
                        assert predict(fed_back).fearon.contains(r.observed_share)
                        if c.value > 1e-6:
                            less = predict(game.replace(linkage=c.value - 1e-6)).fearon
                            assert not less.contains(r.observed_share)
                    else:
                        assert predicted_share(fed_back, s) == pytest.approx(r.observed_share, abs=1e-8)
    assert n_found > 0


@pytest.mark.parametrize("name", SCENARIOS)
def test_report_numbers_equal_direct_calls(name):
    sc, rep = _report(name)
    p = sc.border
    assert list(rep.dyads) == list(p.dyads) and rep.focus == p.focus_dyad
    assert [(f.neighbour, r.id, c) for f, r, c in rep.calibration_rows()] == [
        (f.neighbour, r.id, c) for f, r, c in calibrate_all(p)
    ]
    facts = settlements()
    for n, d in rep.dyads.items():
        g = dyad_game(p, n)
        assert d.game == g
        main = facts[n].reading()
        assert d.power_only == predict(g, main.disputed_km2)
        for dis in (("war", "dispute") if n != "Russia" else ("dispute",)):
            assert d.nash_weight[dis] == calibrate_nash_weight(
                dyad_game(p, n, disagreement=dis), main.observed_share
            )
    tj = dyad_game(p, "Tajikistan")
    assert rep.focus_prior == predict(
        dyad_game(p, p.focus_dyad, linkage=p.linkage_prior.value), facts[p.focus_dyad].reading().disputed_km2
    )
    tass = facts["Tajikistan"].reading("tass_1000")
    tj_war = dyad_game(p, "Tajikistan", disagreement="war")
    cal = calibrate_linkage(tj_war, tass.observed_share, "nash")
    assert rep.tajik_sensitivity_by["war"]["tass_1000"] == linkage_sensitivity(
        p, "Tajikistan", tass.observed_share, "nash", win_probability_range=(0.9, tj.win_probability),
        disagreement="war"
    )
    assert rep.tajik_sensitivity_by["dispute"]["tass_1000"] == linkage_sensitivity(
        p, "Tajikistan", tass.observed_share, "nash", disagreement="dispute"
    )
    assert rep.tajik_sensitivity == rep.tajik_sensitivity_by[p.disagreement.value]
    # the L grid reaches 1.6 x the largest Nash L over both disagreement points (war's, here)
    top = 1.6 * max(cal.value, calibrate_linkage(tj_war, 4000 / 28500, "nash").value, 1.0)
    assert rep.tajik_curve.linkage[-1] == pytest.approx(top) and rep.tajik_curve.linkage.size == 161

    side = rep.sidecar(sc.name)
    kr = side["key_results"]
    # fn 12: 1,000 km2 of ~28,500; fn 13: 4,000 km2
    assert kr["observed Tajik share (1,000 km2)"] == round(100 * 1000 / 28500, 2)
    assert kr["observed Tajik share (4,000 km2)"] == round(100 * 4000 / 28500, 2)
    # "power-only" is war as the disagreement point (the benchmark); the L keys follow the scenario's point
    assert kr["power-only Nash share (%)"] == round(100 * predicted_share(tj_war, "nash"), 2)
    own = calibrate_linkage(tj, tass.observed_share, "nash")
    assert kr[f"L, Nash, {tass.label}"] == (round(own.value, 3) if own.found else "no value")
    assert side["calibrated_linkage"]["tass_1000"]["nash"] == own.value
    assert side["calibrated_linkage_by_disagreement"]["war"]["tass_1000"]["nash"] == cal.value
    assert kr["L, Nash, 1,000 km2, war (power-only benchmark)"] == round(cal.value, 3)
    assert side["win_probability_tajikistan"] == tj.win_probability
    assert set(side["dyads"]) == set(p.dyads)
    assert set(side["nash_weight_main_reading"]) == {
        f"{n}/{dis}" for n in p.dyads for dis in ("war", "dispute") if n != "Russia" or dis == "dispute"
    }
    assert json.loads(json.dumps(to_jsonable(side))) == to_jsonable(side)
    assert f"{100 * tass.observed_share:.1f}%" in side["headline"]


def test_report_on_linear_nash_matches_the_closed_form():
    # x = p - c_C + w (c_C + c_N) - (1 - w) L  (Nash 1950 on a linear pie), solved for L
    p = BorderParams.example(war_cost_china=0.1, war_cost_neighbour=0.3, nash_weight_china=0.4)
    rep = border_report(p, datetime.date(2002, 6, 1))
    for r in settlements()["Tajikistan"].readings:
        pw = rep.tajikistan.game.win_probability
        expected = (pw - 0.1 + 0.4 * (0.1 + 0.3) - r.observed_share) / (1 - 0.4)
        assert rep.linkage(r.id, "nash").value == pytest.approx(expected, abs=1e-9)
        assert nash_linear(pw, 0.1, 0.3, 0.4, expected) == pytest.approx(r.observed_share, abs=1e-9)
    assert rep.key_results()["power-only Nash share (%)"] == round(100 * nash_linear(pw, 0.1, 0.3, 0.4), 2)


def test_report_keeps_the_tajik_puzzle_when_tajikistan_is_not_shown():
    base = BorderParams.example().model_dump()
    base.update(dyads=["Kyrgyzstan"], focus_dyad="Kyrgyzstan")
    p = BorderParams.model_validate(base)
    rep = border_report(p, datetime.date(2001, 6, 15))
    assert list(rep.dyads) == ["Kyrgyzstan"] and "Tajikistan" not in rep.dyads
    side = rep.sidecar("x")
    assert set(side["dyads"]) == {"Kyrgyzstan"}
    assert {"kyrgyz_1996_1999", "tass_1000", "paper_claim_4000"} <= set(side["calibrated_linkage"])
    tj = dyad_game(p, "Tajikistan")
    assert (
        side["calibrated_linkage"]["tass_1000"]["nash"] == calibrate_linkage(tj, 1000 / 28500, "nash").value
    )
    # the Tajik deal (2002) is after this date; Kyrgyz settled 1999
    assert rep.settled(True) == ["Kyrgyzstan"] and rep.settled(False) == []
    assert "after this scenario's date" in rep.headline()


def test_report_rejects_a_bad_low_win_probability():
    with pytest.raises(ValueError, match="low_win_probability"):
        border_report(BorderParams.example(), datetime.date(2002, 1, 1), low_win_probability=1.5)
    with pytest.raises(ValueError, match="reading_id"):
        border_report(BorderParams.example(), datetime.date(2002, 1, 1)).linkage("nope", "nash")


def test_differing_values_lists_only_the_keys_that_differ():
    sc = {s.name: s.border for s in (load_scenario(p) for p in find_scenarios(ROOT / "params"))
          if s.border is not None}
    name, mine = next(iter(sc.items()))
    diff = differing_values(mine, sc)
    assert all(name not in d for d in diff.values())  # a scenario never differs from itself
    for key, d in diff.items():
        for other, v in d.items():
            assert getattr(sc[other], key) != getattr(mine, key) and v is not None
    assert differing_values(mine, {name: mine}) == {}


# ---------------------------------------------------------------------------------------------------------
# the notebook


@pytest.mark.slow
@pytest.mark.parametrize("name", SCENARIOS)
def test_notebook_runs_and_writes_its_sidecar(name, tmp_path):
    out, side = tmp_path / "out.ipynb", tmp_path / "side.json"
    cmd = [
        str(Path(sys.executable).parent / "papermill"),
        str(ROOT / "notebooks" / "03_border.ipynb"),
        str(out),
        "-p",
        "scenario_path",
        f"params/{name}.yaml",
        "-p",
        "sidecar_path",
        str(side),
        "-k",
        "sco-games",
        "--cwd",
        str(ROOT),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    data = json.loads(side.read_text())
    assert data["headline"]
    kr = data["key_results"]
    sc = load_scenario(ROOT / "params" / f"{name}.yaml")
    g = dyad_game(sc.border, "Tajikistan")
    tass = settlements()["Tajikistan"].reading("tass_1000")
    assert kr["observed Tajik share (1,000 km2)"] == pytest.approx(100 * tass.observed_share, abs=0.01)
    own = calibrate_linkage(g, tass.observed_share, "nash").value  # None: no linkage value fits
    got = data["calibrated_linkage"]["tass_1000"]["nash"]
    assert got == (None if own is None else pytest.approx(own, rel=1e-9))
    war = calibrate_linkage(g.replace(disagreement="war"), tass.observed_share, "nash").value
    by = data["calibrated_linkage_by_disagreement"]
    assert by["war"]["tass_1000"]["nash"] == pytest.approx(war, rel=1e-9)
    assert [c["id"] for c in data["claims"]] == ["B1", "B2", "B3", "B4"] and data["record"]
    assert set(data["dyads"]) == set(sc.border.dyads)
