"""The border claims B1-B4, the record checks, the linkage-need classification, the nuclear dyad and the
Rubinstein-implied weight: constructed inputs make each verdict come out every way; the closed forms are
checked against independent computations (a linear Nash split solved by hand; Rubinstein's game with offers
coming ever faster)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from sco_games.models.border import (
    BorderParams,
    DyadGame,
    b1_claim,
    b2_claim,
    b3_claim,
    b4_claim,
    border_report,
    dyad_game,
    linkage_need,
    predict,
    record_check,
    rubinstein_weight,
    war_credible,
)
from sco_games.models.common import VERDICTS
from sco_games.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
D = datetime.date


# B1: the paper's area and the deadlock -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("main", "others", "dis", "verdict"),
    [
        (20_000, [20_000], "dispute", "reproduced"),
        (28_500, [28_500, 20_000], "dispute", "partly"),
        (20_000, [20_000], "war", "partly"),
        (28_500, [28_500], "dispute", "partly"),
        (28_500, [28_500], "war", "not reproduced"),
        (None, [], "dispute", "not applicable"),
        (19_000, [19_000], "war", "not reproduced"),  # "more than twenty thousand": 19,000 is not
    ],
)
def test_b1_every_way(main, others, dis, verdict):
    c = b1_claim(main, others, dis)
    assert c.verdict == verdict and c.evidence


# B2: 1,000 km2 at 3.5%, the 4,000 km2 account, 2002 -----------------------------------------------------


@pytest.mark.parametrize(
    ("readings", "settled", "verdict"),
    [
        ([(1000, 0.0351, True), (4000, 0.14, False)], D(2002, 5, 17), "reproduced"),
        ([(1000, 0.0351, True)], D(2002, 5, 17), "partly"),  # no 4,000 km2 account
        ([(1000, 0.0351, True), (4000, 0.14, True)], D(2004, 1, 1), "partly"),  # wrong year
        ([(1000, 0.05, True), (4000, 0.2, True)], D(2002, 5, 17), "not reproduced"),  # 5%, not 3.5%
        ([(1000, 0.0351, False)], D(2002, 5, 17), "not applicable"),  # nothing known yet
    ],
)
def test_b2_every_way(readings, settled, verdict):
    assert b2_claim(readings, settled).verdict == verdict


# B3: the order of the settlements and the 4+1 table -----------------------------------------------------

_ORDER = {"Kazakhstan": D(1998, 7, 4), "Kyrgyzstan": D(1999, 8, 26), "Tajikistan": D(2002, 5, 17)}
_WRONG = {"Kazakhstan": D(1998, 7, 4), "Kyrgyzstan": D(2003, 1, 1), "Tajikistan": D(2002, 5, 17)}


@pytest.mark.parametrize(
    ("settled", "joint", "verdict"),
    [
        (_ORDER, True, "reproduced"),
        (_ORDER, False, "partly"),
        (_WRONG, True, "partly"),
        (_WRONG, False, "not reproduced"),
        ({"Tajikistan": D(2002, 5, 17)}, False, "not applicable"),
    ],
)
def test_b3_every_way(settled, joint, verdict):
    assert b3_claim(settled, joint).verdict == verdict


# B4: is a positive linkage needed wherever the share can be reproduced? ---------------------------------


@pytest.mark.parametrize(
    ("needs", "verdict"),
    [
        ({("war", "nash"): ("needed", 1.9), ("dispute", "nash"): ("needed", 0.1)}, "reproduced"),
        ({("war", "nash"): ("needed", 1.9), ("dispute", "nash"): ("not needed", None)}, "partly"),
        ({("war", "nash"): ("not needed", None), ("war", "rubinstein"): ("unreachable", None)},
         "not reproduced"),
        ({("war", "rubinstein"): ("unreachable", None), ("dispute", "fearon"): ("not applicable", None)},
         "not applicable"),
    ],
)
def test_b4_every_way(needs, verdict):
    c = b4_claim(needs, "dispute")
    assert c.verdict == verdict and c.evidence


def test_every_verdict_is_in_the_shared_vocabulary():
    seen = {b1_claim(20_000, [], "dispute").verdict, b1_claim(28_500, [28_500], "dispute").verdict,
            b1_claim(28_500, [], "war").verdict, b1_claim(None, [], "war").verdict}
    assert seen == set(VERDICTS)


# linkage_need against a hand-solved linear Nash split ----------------------------------------------------


def test_linkage_need_matches_the_linear_nash_closed_form():
    # war, linear values: x = p - c_C + w (c_C + c_N) - (1 - w) L (Nash 1950, linear pie), solved by hand
    p, c_c, c_n, w, x_obs = 0.9, 0.2, 0.3, 0.4, 0.05
    g = DyadGame("T", p, war_cost_china=c_c, war_cost_neighbour=c_n, nash_weight_china=w)
    need, L = linkage_need(g, x_obs, "nash")
    assert need == "needed" and L == pytest.approx((p - c_c + w * (c_c + c_n) - x_obs) / (1 - w), abs=1e-9)
    # dispute, China holds nothing: x = w (k_C + k_N) - k_C - (1 - w) L; w = 0.5, k = 0.1: x = 0 at L = 0
    gd = DyadGame("T", p, disagreement="dispute", dispute_cost_china=0.1, dispute_cost_neighbour=0.1)
    assert predict(gd).share("nash") == pytest.approx(0.0, abs=1e-9)
    assert linkage_need(gd, 0.035, "nash") == ("not needed", None)
    # w = 0.8: x = 0.16 - 0.1 = 0.06 > 0.035, so L = (0.06 - 0.035) / 0.2 = 0.125
    need, L = linkage_need(gd.replace(nash_weight_china=0.8), 0.035, "nash")
    assert need == "needed" and L == pytest.approx(0.125, abs=1e-9)
    # Rubinstein's floor: China, proposing first, keeps at least 1 - delta_N (slow offers)
    slow = g.replace(discount_rate_neighbour=0.5, offer_interval_years=1.0)
    assert linkage_need(slow, 0.035, "rubinstein") == ("unreachable", None)
    # Fearon's range is a range against war
    assert linkage_need(gd, 0.035, "fearon") == ("not applicable", None)


# record checks -----------------------------------------------------------------------------------------


def test_record_check_every_way():
    one = [("a", (0.035, 0.039))]
    two = [("a", (0.035, 0.039)), ("b", (0.14, 0.143))]
    assert record_check("R", "q", 0.05, one, "s").agrees is True  # within 2 points
    assert record_check("R", "q", 0.06, one, "s").agrees is False  # 2.1 points away
    assert record_check("R", "q", 0.13, two, "s").agrees is None  # the accounts disagree
    assert record_check("R", "q", (0.0, 0.036), two, "s").agrees is None
    assert record_check("R", "q", (0.2, 0.9), two, "s").agrees is False
    assert record_check("R", "q", (0.0, 0.2), two, "s").agrees is True
    assert record_check("R", "q", None, one, "s").agrees is False  # no deal predicted, one was signed
    with pytest.raises(ValueError, match="no reading"):
        record_check("R", "q", 0.1, [], "s")


# the nuclear dyad --------------------------------------------------------------------------------------


def test_no_war_between_nuclear_powers():
    assert not war_credible("Russia") and war_credible("Tajikistan")
    g = dyad_game(BorderParams.example(disagreement="war"), "Russia")
    assert g.disagreement == "dispute" and not g.war_credible
    pred = predict(g)
    assert pred.fearon.empty and "nuclear" in pred.fearon.method
    with pytest.raises(ValueError, match="nuclear"):
        g.replace(disagreement="war")
    with pytest.raises(ValueError, match="nuclear"):
        dyad_game(BorderParams.example(), "Russia", disagreement="war")


# the Rubinstein-implied weight -------------------------------------------------------------------------


def test_rubinstein_weight_is_the_limit_of_rubinstein_shares():
    # independent: Rubinstein's SPE share (1 - dN) / (1 - dC dN) with offers every 0.001 years, no options
    import math

    rc, rn = 0.05, 0.10
    g = DyadGame("T", 0.5, discount_rate_china=rc, discount_rate_neighbour=rn)
    dt = 1e-3
    dc, dn = math.exp(-rc * dt), math.exp(-rn * dt)
    assert rubinstein_weight(g) == pytest.approx((1 - dn) / (1 - dc * dn), abs=1e-3)
    assert rubinstein_weight(g) == pytest.approx(2 / 3)


# the report: claims and record in the sidecar, both disagreement points -----------------------------------


@pytest.mark.parametrize("name", ["founding_2001", "post_911_2002", "iraq_2003"])
def test_report_claims_and_record_reach_the_sidecar(name):
    sc = load_scenario(ROOT / "params" / f"{name}.yaml")
    rep = border_report(sc.border, sc.meta.date)
    side = rep.sidecar(sc.name)
    assert [c["id"] for c in side["claims"]] == ["B1", "B2", "B3", "B4"]
    assert all(c["verdict"] in VERDICTS and c["because"] for c in side["claims"])
    assert side["record"] and all(set(r) == {"id", "question", "predicted", "observed", "agrees", "source"}
                                  for r in side["record"])
    ids = {r["id"] for r in side["record"]}
    assert "Russia/war/nash" not in ids and "Russia/dispute/nash" in ids  # no war between nuclear powers
    # B2 cannot be asked before the deal was public (May 2002)
    assert (side["claims"][1]["verdict"] == "not applicable") == (sc.meta.date < D(2002, 5, 21))
    # the headline names both disagreement points
    assert "continuing dispute" in rep.headline() and "war" in rep.headline()
    # each record check's prediction is the report's prediction at the prior L
    tj = rep.tajikistan
    for dis in ("dispute", "war"):
        g = dyad_game(sc.border, "Tajikistan", disagreement=dis, linkage=sc.border.linkage_prior.value)
        got = next(r for r in rep.record_checks() if r.id == f"Tajikistan/{dis}/nash")
        assert got.predicted.startswith(f"{100 * predict(g).share('nash'):.1f}%")
        assert tj.at_prior[dis].share("nash") == predict(g).share("nash")


@pytest.mark.parametrize("name", ["founding_2001", "iraq_2003"])
def test_sensitivity_text_says_above_1_only_when_every_range_end_needs_more(name):
    sc = load_scenario(ROOT / "params" / f"{name}.yaml")
    rep = border_report(sc.border, sc.meta.date)
    for dis in ("dispute", "war"):
        rows = rep.tajik_sensitivity_by[dis]["tass_1000"]
        ends = [(v, n) for r in rows for v, n in ((r.linkage_at_low, r.need_at_low),
                                                  (r.linkage_at_high, r.need_at_high))]
        above = all(n == "needed" and v > 1 for v, n in ends)
        assert ("L stays above 1" in rep.sensitivity_text(dis)) == above
    # the low end of the weight range under war: x = p - c_C + w (c_C + c_N) - (1 - w) L solved for L
    g = dyad_game(sc.border, "Tajikistan", disagreement="war")
    w = sc.border.nash_weight_china.range[0]
    hand = (g.win_probability - g.war_cost_china + w * (g.war_cost_china + g.war_cost_neighbour)
            - 1000 / 28500) / (1 - w)
    row = next(r for r in rep.tajik_sensitivity_by["war"]["tass_1000"] if r.parameter == "nash_weight_china")
    assert row.linkage_at_low == pytest.approx(hand, abs=1e-8)
