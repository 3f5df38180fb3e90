"""Tests for the enlargement model (sco_games.models.enlargement*): winsets computed by hand, the absorption
rule, admission on constructed cases, the TU view against independent computations, the scenario claims,
bad parameters, and the notebook."""

from __future__ import annotations

import functools
import itertools
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog
from scipy.spatial import Delaunay

from sco_games.models.common import VERDICTS
from sco_games.models.enlargement import EnlargementModel
from sco_games.models.enlargement.claims import (
    claims_sensitivity,
    evaluate_claims,
    membership_history,
    ranged_values,
    status_quo_table,
    with_overrides,
)
from sco_games.models.enlargement.coalition import coalition_view, tu_game
from sco_games.models.enlargement.report import enlargement_report
from sco_games.models.enlargement.space import (
    is_absorbed,
    pass_probability,
    pass_probability_giants,
    pass_probability_se,
    prestige,
    statement_reach,
    statement_vote,
    status_quo_in_core,
    winset,
    world_from_points,
)
from sco_games.scenario import ScenarioError, load_scenario
from sco_games.sidecar import to_jsonable
from tests.conftest import ROOT

SCENARIOS = ["founding_2001", "post_911_2002", "iraq_2003"]
YEAR = {"founding_2001": 2001, "post_911_2002": 2002, "iraq_2003": 2003}

# CINC shares, 2001 (Correlates of War National Material Capabilities v6), typed here independently of the
# package data.
CINC = {"China": 0.16547, "USA": 0.14141, "India": 0.06974, "Russia": 0.05351, "Iran": 0.01331,
        "Pakistan": 0.01326, "Kazakhstan": 0.00342, "Uzbekistan": 0.00293, "Kyrgyzstan": 0.00038,
        "Tajikistan": 0.00037, "Mongolia": 0.00025}
SCO6 = ["China", "Russia", "Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan"]
W_REF = sum(CINC.values())  # members + candidates + the US = every state in the table


def params(name: str, overrides: dict | None = None):
    return load_scenario(ROOT / "params" / f"{name}.yaml", overrides).enlargement


def hand_prestige(shares: dict[str, float], alpha: float = 0.5) -> float:
    return (sum(s * CINC[n] for n, s in shares.items()) / W_REF) ** alpha


def no_affinities(name: str) -> dict:
    """Overrides that zero every affinity and security contribution of a scenario."""
    p = params(name)
    out = {f"enlargement.affinities.{k}": 0.0 for k in p.affinities}
    out.update({f"enlargement.security_contribution.{k}": 0.0 for k in p.security_contribution})
    return out


# ================================================================================ winsets by hand


def test_winset_of_one_member_is_its_disc():
    w = world_from_points({"A": (0.3, 0.4)}, (0, 0))
    assert winset(w, ["A"]).area == pytest.approx(math.pi * 0.25, rel=1e-12)  # radius |q - a| = 0.5


def test_winset_lens_of_two_unit_circles():
    # two circles of radius 1 whose centres are sqrt(2) apart: lens area
    # 2 r^2 acos(d/2r) - (d/2) sqrt(4r^2 - d^2) = 2 (pi/4) - (sqrt 2 / 2) sqrt 2 = pi/2 - 1
    w = world_from_points({"A": (1, 0), "B": (0, 1)}, (0, 0))
    ws = winset(w, ["A", "B"])
    assert ws.area == pytest.approx(math.pi / 2 - 1, rel=1e-10)
    assert not ws.empty and ws.point[0] == pytest.approx(ws.point[1])  # symmetric about y = x


def test_winset_empty_when_status_quo_between_members():
    w = world_from_points({"A": (1, 0), "B": (-1, 0)}, (0, 0))
    assert winset(w, ["A", "B"]).empty and pass_probability(w, ["A", "B"]) == 0.0
    assert status_quo_in_core(w, ["A", "B"])


def test_pass_probability_is_winset_area_over_the_square():
    # discs of radius 0.5 at (0.5, 0) and (0, 0.5) through q = 0: lens (pi/2 - 1) / 4, inside [-1, 1]^2
    w = world_from_points({"A": (0.5, 0), "B": (0, 0.5)}, (0, 0), n_proposals=100_000, seed=3)
    exact = (math.pi / 2 - 1) / 4
    assert winset(w, ["A", "B"]).area == pytest.approx(exact, rel=1e-10)
    p = pass_probability(w, ["A", "B"])
    assert abs(p - exact / 4) < 4 * pass_probability_se(exact / 4, 100_000)


def test_adding_a_member_never_enlarges_the_winset():
    w = world_from_points({"A": (0.6, 0.5), "B": (-0.4, 0.7), "C": (0.1, -0.2), "D": (0.9, 0.9)}, (0, -0.8))
    areas = [winset(w, list("ABCD")[:k]).area for k in range(1, 5)]
    assert all(b <= a + 1e-12 for a, b in zip(areas, areas[1:], strict=False))


# ================================================================================ absorption


def test_member_inside_the_hull_changes_nothing():
    pts = {"A": (-0.6, 0.6), "B": (0.6, 0.6), "C": (0.0, -0.2)}
    centroid = tuple(np.mean(list(pts.values()), axis=0))
    w = world_from_points({**pts, "D": centroid, "E": (0.9, -0.9)}, (0, -0.9), members=["A", "B", "C"])
    assert is_absorbed(w, "D", "ABC") and not is_absorbed(w, "E", "ABC")
    assert winset(w, "ABCD").area == pytest.approx(winset(w, "ABC").area, rel=1e-9)
    assert pass_probability(w, "ABCD") == pass_probability(w, "ABC")
    assert winset(w, "ABCE").area < winset(w, "ABC").area  # E lies outside the hull and cuts the winset


@settings(max_examples=60, deadline=None)
@given(pts=st.lists(st.tuples(st.floats(-1, 1), st.floats(-1, 1)), min_size=3, max_size=3),
       lam=st.lists(st.floats(0.01, 1), min_size=3, max_size=3),
       q=st.tuples(st.floats(-1, 1), st.floats(-1, 1)))
def test_absorption_rule_property(pts, lam, q):
    # |x - a|^2 - |q - a|^2 is affine in a: if all of A, B, C prefer x to q, so does any convex combination
    lam = np.array(lam) / sum(lam)
    d = tuple(lam @ np.array(pts))
    w = world_from_points({"A": pts[0], "B": pts[1], "C": pts[2], "D": d}, q, n_proposals=2000, seed=1)
    abc = w.prefers["A"] & w.prefers["B"] & w.prefers["C"]
    assert not np.any(abc & ~w.prefers["D"])


# ================================================================================ prestige, voice, payoffs


def test_prestige_matches_the_formula_with_cinc():
    m = EnlargementModel(params("founding_2001"))
    assert prestige(m.world, {s: 1.0 for s in SCO6}) == pytest.approx(hand_prestige({s: 1.0 for s in SCO6}))
    both = {**{s: 1.0 for s in SCO6}, "Pakistan": 0.5}
    assert prestige(m.world, both) == pytest.approx(hand_prestige(both))


def test_voice_under_consensus_is_one_over_n():
    m = EnlargementModel(params("founding_2001"))
    assert m.voice(SCO6) == pytest.approx({s: 1 / 6 for s in SCO6})
    # a weighted rule (quota 60% of CINC): China alone has 73% of the six's CINC, so it is a dictator
    m2 = EnlargementModel(params("founding_2001", {"enlargement.voice_quota": 0.6}))
    assert m2.voice(SCO6)["China"] == pytest.approx(1.0)


# ========================================================================= admission: constructed cases


def test_observer_with_no_affinities_is_admitted_and_gains_are_prestige_only():
    m = EnlargementModel(params("founding_2001", no_affinities("founding_2001")))
    a = m.admit({"Pakistan": "observer"})
    dp = hand_prestige({**{s: 1.0 for s in SCO6}, "Pakistan": 0.5}) - hand_prestige({s: 1.0 for s in SCO6})
    assert a.admitted and not a.blockers
    assert a.member_gains == pytest.approx({s: dp for s in SCO6})  # b_P = 1, no veto, no voice change
    # Pakistan's own gain: half the prestige, minus half the cost 0.1
    p_new = hand_prestige({**{s: 1.0 for s in SCO6}, "Pakistan": 0.5})
    assert a.entrant_gains["Pakistan"] == pytest.approx(0.5 * p_new - 0.5 * 0.1)


@pytest.mark.parametrize("aversion, blocks", [(0.02, False), (0.2, True)])
def test_tajik_aversion_blocks_pakistan_iff_it_exceeds_the_prestige_gain(aversion, blocks):
    over = {**no_affinities("founding_2001"), "enlargement.affinities.Tajikistan->Pakistan": -aversion}
    a = EnlargementModel(params("founding_2001", over)).admit({"Pakistan": "observer"})
    dp = hand_prestige({**{s: 1.0 for s in SCO6}, "Pakistan": 0.5}) - hand_prestige({s: 1.0 for s in SCO6})
    assert (0.5 * aversion > dp) == blocks  # observers feel half the affinity
    assert a.blockers == (("Tajikistan",) if blocks else ())
    assert a.member_gains["Tajikistan"] == pytest.approx(dp - 0.5 * aversion)


def test_absorbed_member_costs_only_voice():
    # India (-0.1, 0.6) lies inside the 2001 members' hull: as a member it leaves effectiveness unchanged
    m = EnlargementModel(params("founding_2001", no_affinities("founding_2001")))
    tri = Delaunay(np.array([m.world.ideal[s] for s in SCO6]))
    assert tri.find_simplex(m.world.ideal["India"]) >= 0
    a = m.admit({"India": "member"})
    dp = hand_prestige({**{s: 1.0 for s in SCO6}, "India": 1.0}) - hand_prestige({s: 1.0 for s in SCO6})
    assert a.gain_parts["China"]["effectiveness"] == 0.0
    assert a.member_gains == pytest.approx({s: dp + 1 / 7 - 1 / 6 for s in SCO6})
    assert a.admitted == (dp + 1 / 7 - 1 / 6 > 0)


def test_package_deal_adds_both_affinities():
    p = params("founding_2001")
    m = EnlargementModel(p)
    alone, pkg = m.admit({"Pakistan": "observer"}), m.admit({"Pakistan": "observer", "India": "observer"})
    base = hand_prestige({s: 1.0 for s in SCO6})
    dp1 = hand_prestige({**{s: 1.0 for s in SCO6}, "Pakistan": 0.5}) - base
    dp2 = hand_prestige({**{s: 1.0 for s in SCO6}, "Pakistan": 0.5, "India": 0.5}) - base
    r_i, r_p = p.affinities["Russia->India"].value, p.affinities["Russia->Pakistan"].value
    assert alone.member_gains["Russia"] == pytest.approx(dp1 + 0.5 * r_p)
    assert pkg.member_gains["Russia"] == pytest.approx(dp2 + 0.5 * (r_i + r_p))


def test_unwilling_candidate_is_not_admitted():
    m = EnlargementModel(params("founding_2001", {"enlargement.candidate_cost": 50.0}))
    a = m.admit({"Mongolia": "observer"})
    assert a.unwilling == ("Mongolia",) and not a.admitted


def test_highest_status_is_the_best_adopted_one():
    m = EnlargementModel(params("founding_2001"))
    for row in m.admission_table():
        adopted = [s for s, d in row.decisions.items() if d.admitted]
        assert row.highest == (adopted[-1] if adopted else None)


def test_bad_admission_arguments():
    m = EnlargementModel(params("founding_2001"))
    with pytest.raises(ValueError, match="must be one of dialogue_partner, observer, member"):
        m.admit({"Mongolia": "partner"})
    with pytest.raises(ValueError, match="not a member or candidate"):
        m.admit({"Japan": "observer"})
    with pytest.raises(ValueError, match="additions"):
        m.admit({})


# ================================================================================ statement vote


def test_statement_vote_and_reach_by_hand():
    # q = 0, s = (-1, 0): A at (-1, 0.2) supports; B at (1, 0) blocks; t_i = 2 (a_i - q).(s - q) / |s - q|^2
    w = world_from_points({"A": (-1, 0.2), "B": (1, 0)}, (0, 0), statement=(-1, 0))
    v = statement_vote(w)
    assert v.margins == pytest.approx({"A": 0.04 - 1.04, "B": 4.0 - 1.0})
    assert v.blockers == ("B",) and v.principal_blocker == "B" and not v.passes
    r = statement_reach(w)
    assert r.thresholds == pytest.approx({"A": 2.0, "B": -2.0})
    assert r.resisters == ("B",) and r.t_max_without["B"] == pytest.approx(2.0)


# ================================================================================ TU view vs independent code


def _shapley_by_permutations(values: dict, players: tuple) -> dict:
    v = {frozenset(k): x for k, x in values.items()}
    phi = dict.fromkeys(players, 0.0)
    perms = list(itertools.permutations(players))
    for order in perms:
        s: frozenset = frozenset()
        for p in order:
            phi[p] += v[s | {p}] - v[s]
            s = s | {p}
    return {p: x / len(perms) for p, x in phi.items()}


def _core_empty_by_lp(values: dict, players: tuple) -> bool:
    # min sum x s.t. x(S) >= v(S) for all non-empty S; the core is non-empty iff the optimum <= v(N)
    idx = {p: i for i, p in enumerate(players)}
    rows, rhs = [], []
    for s, x in values.items():
        if s:
            row = np.zeros(len(players))
            row[[idx[p] for p in s]] = -1.0
            rows.append(row)
            rhs.append(-x)
    res = linprog(np.ones(len(players)), A_ub=np.array(rows), b_ub=rhs, bounds=[(None, None)] * len(players))
    return res.fun > values[players] + 1e-9


@pytest.mark.parametrize("name", SCENARIOS)
def test_shapley_and_core_match_independent_computations(name):
    m = EnlargementModel(params(name))
    cv = coalition_view(m)
    assert cv.shapley == pytest.approx(_shapley_by_permutations(cv.values, cv.players), abs=1e-12)
    assert cv.core_empty == _core_empty_by_lp(cv.values, cv.players)
    assert sum(cv.shapley.values()) == pytest.approx(cv.grand_value, abs=1e-12)


def test_founding_core_is_empty_because_the_giants_do_better_alone():
    # x(C) + x(R) >= v({China, Russia}) and x_i >= v({i}) for the rest already exceed v(N)
    values = tu_game(EnlargementModel(params("founding_2001")))
    rest = sum(values[(s,)] for s in SCO6[2:])
    assert values[("China", "Russia")] + rest > values[tuple(SCO6)]
    assert coalition_view(EnlargementModel(params("founding_2001"))).core_empty


def test_additive_game_has_the_proportional_split_in_its_core():
    # same ideal point for all, linear prestige (alpha = 1), no US option: v(S) = E * w(S) / w_ref for
    # |S| >= 2 and v({i}) = 0, so x_i = E * w_i / w_ref gives x(S) = v(S) for every |S| >= 2: in the core
    over = {f"enlargement.members.{s}": [0.3, 0.6] for s in SCO6}
    over["enlargement.prestige_exponent"] = 1.0
    avail = params("post_911_2002").us_option_availability
    over.update({f"enlargement.us_option_availability.{s}": 0.0 for s in avail})
    m = EnlargementModel(params("post_911_2002", over))
    cv = coalition_view(m)
    e = pass_probability(m.world, ["China"])
    assert not cv.core_empty and cv.nucleolus is not None
    x = {s: e * CINC[s] / W_REF for s in SCO6}
    for coalition, v in cv.values.items():
        assert sum(x[s] for s in coalition) >= v - 1e-12


# ================================================================================ the scenarios' claims


def _hand_margins(p) -> dict:
    q, s = np.array(p.status_quo.value), np.array(p.statement.value)
    return {n: float(((s - np.array(a.value)) ** 2).sum() - ((q - np.array(a.value)) ** 2).sum())
            for n, a in p.members.items()}


def test_iraq_statement_is_blocked_and_uzbekistan_is_the_principal_blocker():
    p = params("iraq_2003")
    hand = _hand_margins(p)
    v = statement_vote(EnlargementModel(p).world)
    assert v.margins == pytest.approx(hand)
    assert not v.passes and max(hand, key=hand.get) == "Uzbekistan" == v.principal_blocker
    # honest: with these codings Kazakhstan, Kyrgyzstan and Tajikistan would block it as well
    assert set(v.blockers) == {n for n, x in hand.items() if x >= 0} != {"Uzbekistan"}
    claims = {c.id: c.verdict for c in evaluate_claims(EnlargementModel(p))}
    assert claims["E5"] == "partly"


def test_founding_statement_is_blocked_by_uzbekistan_alone():
    # "before Uzbekistan joined, the SCO basically echoed Russo-Chinese declarations" (§2-2)
    hand = _hand_margins(params("founding_2001"))
    assert [n for n, x in hand.items() if x >= 0] == ["Uzbekistan"]


def test_founding_pakistan_alone_rejected_tajikistan_blocks_china_backs():
    p = params("founding_2001")
    a = EnlargementModel(p).admit({"Pakistan": "observer"})
    dp = hand_prestige({**{s: 1.0 for s in SCO6}, "Pakistan": 0.5}) - hand_prestige({s: 1.0 for s in SCO6})
    t = p.affinities["Tajikistan->Pakistan"].value
    c = p.affinities["China->Pakistan"].value
    assert a.member_gains["Tajikistan"] == pytest.approx(dp + 0.5 * t) and dp + 0.5 * t < 0
    assert a.member_gains["China"] == pytest.approx(dp + 0.5 * c) and dp + 0.5 * c > 0
    assert not a.admitted and "Tajikistan" in a.blockers


def test_e1_founding_effectiveness_falls_unless_absorbed():
    m = EnlargementModel(params("founding_2001"))
    steps = m.tradeoff_curve()
    assert all(b.prestige > a.prestige for a, b in zip(steps, steps[1:], strict=False))
    for a, b in zip(steps, steps[1:], strict=False):
        hull = Delaunay(np.array([m.world.ideal[s] for s in a.members]))
        inside = hull.find_simplex(m.world.ideal[b.added]) >= 0
        assert b.absorbed == inside
        if inside:
            assert b.pass_probability == a.pass_probability
        assert b.pass_probability <= a.pass_probability
    assert [c.verdict for c in evaluate_claims(m)][0] == "reproduced"


@pytest.mark.parametrize("name, in_hull", [("post_911_2002", False), ("iraq_2003", True)])
def test_the_old_status_quo_coding_passes_nothing_and_e1_is_only_partly_shown(name, in_hull):
    # the coding before issue 11 put the status quo at (0, 0.2), the act adopted on the date, and Uzbekistan
    # at (0.9, -0.3): together they leave the six an (almost) empty winset
    m = EnlargementModel(params(name, {"enlargement.status_quo": [0.0, 0.2],
                                       "enlargement.members.Uzbekistan": [0.9, -0.3]}))
    pts = np.array([m.world.ideal[s] for s in SCO6])
    assert (Delaunay(pts).find_simplex(m.world.status_quo) >= 0) == in_hull
    area = winset(m.world, SCO6).area
    if in_hull:  # the status quo is Pareto optimal for the members: nothing beats it for all
        assert area == 0.0
    else:  # a sliver: fewer than one of the sampled proposals expected inside
        assert 0 < area / 4 * m.params.n_proposals.value < 1
    assert pass_probability(m.world, SCO6) == 0.0
    assert evaluate_claims(m)[0].verdict == "partly"


@pytest.mark.parametrize("name", ["post_911_2002", "iraq_2003"])
def test_the_status_quo_before_the_act_leaves_a_winset(name):
    m = EnlargementModel(params(name))
    pts = np.array([m.world.ideal[s] for s in SCO6])
    assert Delaunay(pts).find_simplex(m.world.status_quo) < 0  # outside the members' hull: something beats it
    assert pass_probability(m.world, SCO6) > 0 and winset(m.world, SCO6).area > 0
    rows = status_quo_table(m.params)
    assert rows[0].label == "as coded" and rows[0].point == tuple(m.params.status_quo.value)
    old = [r for r in rows if r.point == (0.0, 0.2)]
    # with Uzbekistan recoded (y 0.2, issue 11) the old status quo is no longer inside the six's hull
    assert old and (old[0].pass_probability == 0.0) == (Delaunay(pts).find_simplex((0.0, 0.2)) >= 0)
    # the table's columns are what the model gives under that coding
    for r in rows:
        mm = EnlargementModel(params(name, {"enlargement.status_quo": list(r.point)}))
        assert r.pass_probability == pass_probability(mm.world, SCO6)


# 2002: with Uzbekistan's y recoded to 0.2 (issue 11) its SCO payoff, 0.823, narrowly beats its US option,
# 0.804: the model no longer has it go cool in June 2002, against the paper's "lessened its commitment" (§2-1)
@pytest.mark.parametrize("name, cool", [("founding_2001", False), ("post_911_2002", False),
                                        ("iraq_2003", True)])
def test_uzbekistan_goes_cool_only_after_911(name, cool):
    p = params(name)
    o = {x.state: x for x in EnlargementModel(p).outside_options()}["Uzbekistan"]
    # inside: prestige of the six + their pass probability + voice 1/6 + association (none) - cost
    m = EnlargementModel(p)
    inside = hand_prestige({s: 1.0 for s in SCO6}) + pass_probability(m.world, SCO6) + 1 / 6 - 0.1
    assert o.inside == pytest.approx(inside)
    club = hand_prestige({"Uzbekistan": 1.0, "USA": 1.0}) + pass_probability(m.world, ["Uzbekistan", "USA"])
    assert o.us_club == pytest.approx(club)
    assert o.cool == (p.us_option_availability["Uzbekistan"].value * club > inside) == cool


def test_membership_history_has_the_reference_facts():
    h = membership_history()
    assert [(e["year"], e["status"]) for e in h["Mongolia"]] == [(2004, "observer")]
    assert [e["year"] for e in h["India"]] == [2005, 2017] and h["Iran"][-1]["year"] == 2023


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_claim_has_a_verdict(name):
    claims = evaluate_claims(EnlargementModel(params(name)))
    assert [c.id for c in claims] == ["E1", "E2", "E3", "E4", "E5", "E6"]
    assert all(c.verdict in VERDICTS and c.evidence and c.because for c in claims)
    e2 = {c.id: c.verdict for c in claims}["E2"]
    assert (e2 == "not applicable") == (name != "founding_2001")  # Uzbekistan is a member after June 2001


# ================================================================================ bad parameters


@pytest.mark.parametrize("key, value, where", [
    ("enlargement.prestige_exponent", -1, "enlargement.prestige_exponent"),
    ("enlargement.members.China", [2.0, 0.0], "enlargement.members.China"),
    ("enlargement.status_quo", [0.0], "enlargement.status_quo"),
    ("enlargement.n_proposals", 10, "enlargement.n_proposals"),
    ("enlargement.voice_quota", 0.3, "enlargement.voice_quota"),
    ("enlargement.weights.voice", -1, "enlargement.weights.voice"),
    ("enlargement.affinities.Tajikistan->Pakistan", 5, "enlargement.affinities.Tajikistan->Pakistan"),
    ("enlargement.statuses.dialogue_partner.prestige_share", 0.9, "dialogue_partner.prestige_share"),
    ("enlargement.capability_measure", "gold", "capability_measure"),
    ("enlargement.entrant", "Mongolia", "entrant"),
    ("enlargement.enlargement_order", ["Mongolia", "India"], "enlargement_order"),
    ("enlargement.us_option_availability.Uzbekistan", 1.5, "enlargement.us_option_availability.Uzbekistan"),
])
def test_bad_parameters_are_rejected_naming_the_key(key, value, where):
    with pytest.raises(ScenarioError) as e:
        load_scenario(ROOT / "params" / "founding_2001.yaml", {key: value})
    assert where in str(e.value)


def test_world_from_points_rejects_bad_input():
    with pytest.raises(ValueError, match="ideal"):
        world_from_points({"A": (1, 2, 3)}, (0, 0))
    with pytest.raises(ValueError, match="members"):
        world_from_points({"A": (1, 0)}, (0, 0), members=["B"])
    with pytest.raises(ValueError, match="prestige_exponent"):
        world_from_points({"A": (1, 0)}, (0, 0), prestige_exponent=0)


# ================================================================================ the report (notebook 04)


@functools.cache
def _report(name):
    p = params(name)
    m = EnlargementModel(p)
    across = {n: params(n) for n in SCENARIOS}
    return p, m, enlargement_report(m, across, year=YEAR[name])


@pytest.mark.parametrize("name", SCENARIOS)
def test_report_numbers_equal_direct_calls(name):
    p, m, rep = _report(name)
    assert list(rep.steps) == m.tradeoff_curve()
    assert rep.vote == statement_vote(m.world) and rep.reach == statement_reach(m.world)
    assert list(rep.admission) == m.admission_table()
    assert list(rep.outside_options) == m.outside_options()
    assert rep.coalition == coalition_view(m)
    assert list(rep.claims) == evaluate_claims(m)
    sens = claims_sensitivity(p)
    assert [(r.key, r.verdicts, r.changed) for r in rep.sensitivity] == [
        (r.key, r.verdicts, r.changed) for r in sens
    ]
    assert rep.status_quo_in_core == status_quo_in_core(m.world, m.world.members)
    n = p.n_proposals.value
    assert rep.n_proposals == n
    assert rep.max_standard_error == pytest.approx(
        max(math.sqrt(s.pass_probability * (1 - s.pass_probability) / n) for s in rep.steps), abs=1e-15
    )
    # Uzbekistan is a member in every scenario (it joined in June 2001, paper §1-2)
    assert [name for name, _ in rep.across] == SCENARIOS
    for other, o in rep.across:
        uz = {x.state: x for x in EnlargementModel(params(other)).outside_options()}["Uzbekistan"]
        assert o == uz


@pytest.mark.parametrize("name", SCENARIOS)
def test_report_tradeoff_bookkeeping_by_hand(name):
    _, m, rep = _report(name)
    members = list(m.world.members)
    before = pass_probability(m.world, members)
    cut, absorbed = [], []
    for c in m.params.enlargement_order.value:
        inside = is_absorbed(m.world, c, members)
        members = members + [c]
        after = pass_probability(m.world, members)
        if after < before:
            cut.append(c)
        if inside:
            absorbed.append(c)
            # Tsebelis: a veto player inside the hull of the others' ideal points leaves the winset unchanged
            assert after == before
        before = after
    assert list(rep.cut) == cut and list(rep.absorbed) == absorbed
    assert not set(rep.cut) & set(rep.absorbed)


@pytest.mark.parametrize("name", SCENARIOS)
def test_report_verdict_bookkeeping(name):
    _, m, rep = _report(name)
    rows = rep.sensitivity
    assert rows[0].key == "(as given)" and dict(rows[0].verdicts) == dict(rep.verdicts)
    for k in rep.verdicts:
        changed_somewhere = any(k in r.changed for r in rows[1:])
        assert (k in rep.robust) != changed_somewhere
    assert all(r.changed for r in rep.flips) and len(rep.flips) == sum(1 for r in rows[1:] if r.changed)
    by_verdict = [rep.claims_with(v) for v in VERDICTS]
    assert sorted(sum(by_verdict, [])) == sorted(rep.verdicts)
    side = rep.sidecar(name)
    assert json.loads(json.dumps(to_jsonable(side))) == to_jsonable(side)
    n_rep = sum(c.verdict == "reproduced" for c in evaluate_claims(m))
    n_part = sum(c.verdict == "partly" for c in evaluate_claims(m))
    n_na = sum(c.verdict == "not applicable" for c in evaluate_claims(m))
    n_against = sum(r.agrees is False for r in rep.record)
    assert side["headline"].endswith(
        f"claims E1-E6: {n_rep} reproduced, {n_part} partly, {n_na} not applicable; "
        f"{n_against} of {len(rep.record)} record checks contradict the record.")
    assert [c["id"] for c in side["claims"]] == ["E1", "E2", "E3", "E4", "E5", "E6"]
    assert all(set(c) == {"id", "claim", "verdict", "because"} and c["because"] for c in side["claims"])
    assert {c["id"]: c["verdict"] for c in side["claims"]} == dict(rep.verdicts)
    assert side["record"] and all(
        set(r) == {"id", "question", "predicted", "observed", "agrees", "source"} for r in side["record"])
    v = statement_vote(m.world)
    assert side["headline"].startswith(f"{name}: '{m.params.statement_label.value}' ")
    assert ("passes" in side["headline"]) == v.passes
    kr = side["key_results"]
    assert kr["statement passes"] == ("yes" if v.passes else "no")
    assert kr["members' Pr[proposal passes]"] == round(pass_probability(m.world, m.world.members), 4)
    assert side["highest_status"] == {" + ".join(r.candidates): r.highest for r in m.admission_table()}
    uz = {o.state: o for o in m.outside_options()}["Uzbekistan"]
    assert kr["Uzbekistan cool"] == ("yes" if uz.cool else "no")
    assert set(side["uzbekistan_across"]) == set(SCENARIOS)
    curve = m.tradeoff_curve()
    assert [s["pass_probability"] for s in side["tradeoff"]] == [s.pass_probability for s in curve]


def test_report_without_other_scenarios_or_with_a_non_member_state():
    m = EnlargementModel(params("founding_2001"))
    assert enlargement_report(m).across == ()
    # Mongolia is only a candidate in every scenario
    rep = enlargement_report(m, {n: params(n) for n in SCENARIOS}, across_state="Mongolia")
    assert rep.across == () and rep.sidecar("x")["uzbekistan_across"] == {}


# ================================================================================ the notebook


@pytest.mark.slow
@pytest.mark.parametrize("name", SCENARIOS)
def test_notebook_runs_and_writes_its_sidecar(name, tmp_path):
    out, side = tmp_path / "out.ipynb", tmp_path / "side.json"
    cmd = [str(Path(sys.executable).parent / "papermill"), str(ROOT / "notebooks" / "04_enlargement.ipynb"),
           str(out), "-p", "scenario_path", f"params/{name}.yaml", "-p", "sidecar_path", str(side),
           "-k", "sco-games", "--cwd", str(ROOT)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    data = json.loads(side.read_text())
    m = EnlargementModel(params(name))
    v = statement_vote(m.world)
    assert data["headline"] and data["scenario"] == name
    assert data["key_results"]["statement passes"] == ("yes" if v.passes else "no")
    assert data["statement"]["blockers"] == list(v.blockers)
    date = load_scenario(ROOT / "params" / f"{name}.yaml").meta.date
    assert data["verdicts"] == {c.id: c.verdict for c in evaluate_claims(m, date)}
    assert data["highest_status"] == {" + ".join(r.candidates): r.highest for r in m.admission_table()}
    curve = m.tradeoff_curve()
    assert [s["pass_probability"] for s in data["tradeoff"]] == [s.pass_probability for s in curve]
    assert set(data["uzbekistan_across"]) >= set(SCENARIOS)


# ================================================================================ sensitivity


def test_with_overrides_revalidates():
    p = params("founding_2001")
    assert with_overrides(p, {"affinities.China->Pakistan": 0.3}).affinities["China->Pakistan"].value == 0.3
    with pytest.raises(ValueError, match="prestige_exponent"):
        with_overrides(p, {"prestige_exponent": 2.0})
    with pytest.raises(ValueError, match="names no entry"):
        with_overrides(p, {"weights.nothing": 1.0})


def test_e2_flips_exactly_past_the_break_even_security_contribution():
    # Kyrgyzstan's gain from Uzbekistan's entry is linear in k (each other member feels k fully), so the
    # verdict turns at k* = k + (Kyrgyzstan's loss); check both sides of k*
    p = params("founding_2001")
    base = {s: "member" for s in SCO6 if s != "Uzbekistan"}
    loss = -EnlargementModel(p).admit({"Uzbekistan": "member"}, base=base).member_gains["Kyrgyzstan"]
    k_star = p.security_contribution["Uzbekistan"].value + loss
    for k, admitted in ((k_star - 0.01, False), (k_star + 0.01, True)):
        m = EnlargementModel(with_overrides(p, {"security_contribution.Uzbekistan": k}))
        assert m.admit({"Uzbekistan": "member"}, base=base).admitted == admitted
    rows = {(r.key, r.value): r for r in claims_sensitivity(p)}
    assert rows[("security_contribution.Uzbekistan", 0.4)].verdicts["E2"] == "reproduced"  # 0.4 > k*
    assert rows[("security_contribution.Uzbekistan", 0.1)].verdicts["E2"] != "reproduced"  # 0.1 < k*


def test_ranged_values_lists_every_range():
    keys = {k for k, _, _ in ranged_values(params("founding_2001"))}
    assert {"prestige_exponent", "weights.voice", "affinities.Tajikistan->Pakistan",
            "security_contribution.Uzbekistan", "us_option_availability.Uzbekistan"} <= keys


def test_giants_rule_pass_probability_and_coleman_by_hand():
    w = world_from_points({"China": (-0.5, 0.5), "Russia": (-0.3, 0.6), "C": (0.5, 0.5), "D": (0.2, 0.9),
                           "E": (0.7, -0.2)}, (0, -0.5), n_proposals=20_000, seed=5)
    x, q = w.proposals, w.status_quo
    ok = {n: np.hypot(*(x - a).T) < np.hypot(*(q - a)) for n, a in w.ideal.items()}
    hand = ok["China"] & ok["Russia"] & (ok["C"].astype(int) + ok["D"] + ok["E"] >= 2)
    assert pass_probability_giants(w, ["China", "Russia", "C", "D", "E"]) == hand.mean()
    # SCO-6 under "China and Russia veto + 3 of the 4 others": C(4,3) + C(4,4) = 5 winning of 2^6 coalitions
    steps = EnlargementModel(params("founding_2001")).tradeoff_curve()
    assert steps[0].coleman_giants == pytest.approx(5 / 64)
    assert steps[1].coleman_giants == pytest.approx((10 + 5 + 1) / 128)  # 3 of 5 others
    assert [s.coleman for s in steps] == pytest.approx([2.0 ** -n for n in range(6, 11)])


def test_with_overrides_of_the_value_key_marks_the_source():
    p = params("founding_2001")
    for key in ("weights.voice", "weights.voice.value"):
        voice = with_overrides(p, {key: 2.0}).weights.voice
        assert voice.value == 2.0 and voice.source.startswith("override (was 1.0 from "), key

