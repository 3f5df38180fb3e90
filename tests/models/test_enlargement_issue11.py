"""Tests for the issue-11 parts of the enlargement model: the verdict functions on constructed inputs (every
verdict comes out), the winset area clipped to the policy square against independent integrations, the
core-emptiness certificate against the core LP, the record checks, per-coordinate ranges of positions, and
E3's decisive value."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import linprog

from sco_games.models.common import VERDICTS
from sco_games.models.enlargement import EnlargementModel
from sco_games.models.enlargement.claims import (
    e1_verdict,
    e2_verdict,
    e3_verdict,
    e4_verdict,
    e5_verdict,
    e6_verdict,
    pakistan_veto_threshold,
    record_checks,
    status_at,
    with_overrides,
)
from sco_games.models.enlargement.coalition import coalition_view, core_certificate
from sco_games.models.enlargement.params import SourcedPoint
from sco_games.models.enlargement.space import winset, winset_area_in_square, world_from_points
from sco_games.scenario import ScenarioError, load_scenario
from tests.conftest import ROOT


def params(name: str, overrides: dict | None = None):
    return load_scenario(ROOT / "params" / f"{name}.yaml", overrides).enlargement


# ============================================================ verdict functions: every verdict comes out

E3_ALL = {"Pakistan alone rejected": True, "Tajikistan blocks": True, "China gains": True}
E5_ALL = {"the statement is blocked": True, "Uzbekistan blocks it": True, "pivotal": True, "cool": True}


@pytest.mark.parametrize("fn, args, verdict", [
    (e1_verdict, (0.2, True, True, True, True), "reproduced"),
    (e1_verdict, (0.2, True, True, True, False), "partly"),
    (e1_verdict, (0.0, True, True, True, True), "partly"),
    (e1_verdict, (0.2, False, True, True, True), "not reproduced"),
    (e2_verdict, (False, True, (), None), "not applicable"),
    (e2_verdict, (True, True, (), None), "reproduced"),
    (e2_verdict, (True, False, ("Tajikistan",), 0.3), "partly"),
    (e2_verdict, (True, False, ("China",), 0.3), "not reproduced"),
    (e3_verdict, (False, {}), "not applicable"),
    (e3_verdict, (True, E3_ALL), "reproduced"),
    (e3_verdict, (True, {**E3_ALL, "China gains": False}), "partly"),
    (e3_verdict, (True, {**E3_ALL, "Pakistan alone rejected": False}), "not reproduced"),
    (e4_verdict, (False, ()), "not applicable"),
    (e4_verdict, (True, ("Uzbekistan",)), "reproduced"),
    (e4_verdict, (True, ("Uzbekistan", "China")), "partly"),
    (e4_verdict, (True, ("China",)), "not reproduced"),
    (e4_verdict, (True, ()), "not reproduced"),
    (e5_verdict, (False, {}), "not applicable"),
    (e5_verdict, (True, E5_ALL), "reproduced"),
    (e5_verdict, (True, {**E5_ALL, "pivotal": False}), "partly"),
    (e5_verdict, (True, {**E5_ALL, "Uzbekistan blocks it": False, "pivotal": False}), "not reproduced"),
    (e5_verdict, (True, {k: False for k in E5_ALL}), "not reproduced"),
    (e6_verdict, (True, True), "reproduced"),
    (e6_verdict, (True, False), "partly"),
    (e6_verdict, (False, True), "partly"),
    (e6_verdict, (False, False), "not reproduced"),
])
def test_verdict_functions_on_constructed_inputs(fn, args, verdict):
    v, because = fn(*args)
    assert v == verdict and v in VERDICTS and because


def test_every_verdict_function_reaches_every_verdict_it_can():
    # E1, E6 can always be asked; E2-E5 also return "not applicable"
    e1_inputs = [(0.2, True, True, True, True), (0.0, True, True, True, True),
                 (0.2, False, False, True, True)]
    assert {e1_verdict(*a)[0] for a in e1_inputs} == set(VERDICTS) - {"not applicable"}
    e2_inputs = [(False, True, (), None), (True, True, (), None), (True, False, ("Kyrgyzstan",), None),
                 (True, False, ("Russia",), None)]
    assert {e2_verdict(*a)[0] for a in e2_inputs} == set(VERDICTS)


# ============================================================ the winset inside the policy square


def _grid_area(world, members, n=2001):
    """Midpoint rule on an n x n grid of the square (independent of the quadrature)."""
    xs = -1 + (np.arange(n) + 0.5) * 2 / n
    gx, gy = np.meshgrid(xs, xs)
    pts = np.column_stack([gx.ravel(), gy.ravel()])
    q = world.status_quo
    inside = np.ones(len(pts), dtype=bool)
    for m in members:
        a = world.ideal[m]
        inside &= ((pts - a) ** 2).sum(axis=1) < ((q - a) ** 2).sum()
    return inside.mean() * 4


def test_clipped_area_equals_the_unclipped_one_when_the_winset_lies_inside():
    w = world_from_points({"A": (0.3, 0.1), "B": (0.1, 0.4)}, (0.0, 0.0))  # both discs inside the square
    assert winset_area_in_square(w, ["A", "B"]) == pytest.approx(winset(w, ["A", "B"]).area, abs=1e-9)


def test_clipped_area_of_a_disc_half_outside_is_half_the_disc():
    w = world_from_points({"A": (1.0, 0.0)}, (0.0, 0.0))
    assert winset_area_in_square(w, ["A"]) == pytest.approx(math.pi / 2, abs=1e-9)
    assert winset(w, ["A"]).area == pytest.approx(math.pi, abs=1e-9)


@pytest.mark.parametrize("name", ["founding_2001", "post_911_2002", "iraq_2003"])
def test_clipped_area_matches_a_fine_grid_and_the_monte_carlo(name):
    m = EnlargementModel(params(name))
    ms = m.world.members
    exact = winset_area_in_square(m.world, ms)
    assert exact <= winset(m.world, ms).area + 1e-9
    assert exact == pytest.approx(_grid_area(m.world, ms), abs=2e-3)
    p, n = m.tradeoff_curve()[0].pass_probability, m.params.n_proposals.value
    se = math.sqrt(max(exact / 4 * (1 - exact / 4), 1e-12) / n)
    assert abs(p - exact / 4) < 4 * se + 1 / n
    assert m.tradeoff_curve()[0].winset_area == exact


def test_founding_winset_pokes_out_of_the_square():
    # the 2001 winset reaches beyond y = -1: the unclipped area is larger than the clipped one
    m = EnlargementModel(params("founding_2001"))
    assert winset(m.world, m.world.members).area - winset_area_in_square(m.world, m.world.members) > 1e-3


# ============================================================ the core's emptiness, certified


def _core_lp_empty(values, players):
    idx = {p: i for i, p in enumerate(players)}
    a_ub, b_ub = [], []
    for s, v in values.items():
        if 0 < len(s) < len(players):
            row = [0.0] * len(players)
            for p in s:
                row[idx[p]] = -1.0
            a_ub.append(row)
            b_ub.append(-v)
    res = linprog([0.0] * len(players), A_ub=a_ub, b_ub=b_ub, A_eq=[[1.0] * len(players)],
                  b_eq=[values[players]], bounds=(None, None), method="highs")
    return res.status == 2


@pytest.mark.parametrize("name", ["founding_2001", "post_911_2002", "iraq_2003"])
def test_the_certificate_names_a_coalition_no_imputation_satisfies(name):
    cv = coalition_view(EnlargementModel(params(name)))
    assert cv.core_empty == _core_lp_empty(cv.values, cv.players)
    if cv.core_empty:
        assert cv.certificate and cv.certificate_value > cv.grand_value
        # balanced: each player's weights sum to 1 over the coalitions containing it
        for p in cv.players:
            assert sum(w for s, w in cv.certificate if p in s) == pytest.approx(1.0)
        assert sum(w * cv.values[s] for s, w in cv.certificate) == pytest.approx(cv.certificate_value)
        assert cv.certificate_text()


def test_the_certificate_falls_back_to_a_balanced_collection():
    # three-player majority game: v = 1 for every pair, 0 for singletons, v(N) = 1; no single coalition beats
    # v(N), but the pairs with weight 1/2 each reach 3/2
    players = ("A", "B", "C")
    values = {(): 0.0, ("A",): 0.0, ("B",): 0.0, ("C",): 0.0, ("A", "B"): 1.0, ("A", "C"): 1.0,
              ("B", "C"): 1.0, players: 1.0}
    cert, reach = core_certificate(values, players)
    assert reach == pytest.approx(1.5) and sorted(w for _, w in cert) == pytest.approx([0.5, 0.5, 0.5])
    values[players] = 1.5
    assert core_certificate(values, players) == ((), 1.5)


def test_china_with_no_outside_option_is_not_a_leaver():
    cv = coalition_view(EnlargementModel(params("post_911_2002")))
    assert cv.outside["China"] == 0.0 and "China" not in cv.leavers
    assert all(cv.outside[p] > 0 for p in cv.leavers)


# ============================================================ record checks


def test_status_at_reads_the_membership_record():
    assert [status_at("India", y) for y in (2001, 2005, 2017)] == ["none", "observer", "member"]


@pytest.mark.parametrize("name, year",
                         [("founding_2001", 2001), ("post_911_2002", 2002), ("iraq_2003", 2003)])
def test_record_checks_compare_predictions_with_the_record(name, year):
    m = EnlargementModel(params(name))
    checks = {r.id: r for r in record_checks(m, year)}
    highest = {tuple(r.candidates): r.highest for r in m.admission_table()}
    for c in m.params.enlargement_order.value:
        r = checks[f"R-{c}"]
        assert r.observed == "none"  # nobody but Uzbekistan before Mongolia's observer status in 2004
        assert r.agrees == ((highest[(c,)] or "none") == "none")
    assert ("R-Uzbekistan" in checks) == (name == "founding_2001")
    docs = [r for r in checks.values() if r.id.startswith("R-doc")]
    assert len(docs) == len(m.params.documents)
    for r, (label, d) in zip(docs, m.params.documents.items(), strict=True):
        q, s = np.array(m.params.status_quo.value), np.array(d.position.value)
        hand = all(((s - np.array(a.value)) ** 2).sum() < ((q - np.array(a.value)) ** 2).sum()
                   for a in m.params.members.values())
        assert (r.predicted == "passes") == hand and r.agrees == (hand == d.adopted.value)
        assert label in r.question


def test_record_india_is_admitted_by_prestige_not_by_a_coding_of_its_wish():
    # the cause of "India member" in 2001: India's capability raises every member's prestige by more than the
    # 1/6 - 1/7 voice loss, and India's ideal point is inside the members' hull (no effectiveness loss)
    m = EnlargementModel(params("founding_2001"))
    a = m.admit({"India": "member"})
    assert a.admitted
    for parts in a.gain_parts.values():
        assert parts["effectiveness"] == 0.0 and parts["voice"] == pytest.approx(1 / 7 - 1 / 6)
        assert parts["prestige"] > -parts["voice"]
    # with prestige weighted 0 India is not admitted
    m0 = EnlargementModel(with_overrides(m.params, {"weights.prestige": 0.0}))
    assert not m0.admit({"India": "member"}).admitted


# ============================================================ ranges of positions; E3's decisive value


def test_a_point_range_must_hold_the_point_and_be_ordered():
    SourcedPoint(value=(0.0, 0.1), source="paper", range=((-0.1, 0.1), (0.0, 0.2)))
    with pytest.raises(ValueError, match="outside its own range"):
        SourcedPoint(value=(0.0, 0.3), source="paper", range=((-0.1, 0.1), (0.0, 0.2)))
    with pytest.raises(ValueError, match="reversed"):
        SourcedPoint(value=(0.0, 0.1), source="paper", range=((0.1, -0.1), (0.0, 0.2)))
    with pytest.raises(ValueError):
        SourcedPoint(value=(0.0, 0.1), source="paper", range=((-1.5, 0.1), (0.0, 0.2)))


def test_a_scenario_file_with_a_point_outside_its_range_is_rejected(tmp_path):
    text = (ROOT / "params" / "iraq_2003.yaml").read_text()
    bad = text.replace("status_quo: {value: [0.0, 0.0], range: [[-0.2, 0.2], [-0.2, 0.2]]",
                       "status_quo: {value: [0.0, 0.5], range: [[-0.2, 0.2], [-0.2, 0.2]]")
    assert bad != text
    f = tmp_path / "bad.yaml"
    f.write_text(bad)
    with pytest.raises(ScenarioError, match="status_quo"):
        load_scenario(f)


def test_an_override_beyond_a_point_range_drops_the_range():
    p = params("iraq_2003", {"enlargement.status_quo": [0.0, 0.5]})
    assert p.status_quo.value == (0.0, 0.5) and p.status_quo.range is None
    assert "outside the range" in p.status_quo.source


def test_pakistan_threshold_splits_the_e3_verdict():
    p = params("founding_2001")
    coded, thr = pakistan_veto_threshold(EnlargementModel(p))
    assert coded == p.affinities["Tajikistan->Pakistan"].value < thr < 0
    for x, blocks in ((thr - 0.01, True), (thr + 0.01, False)):
        m = EnlargementModel(with_overrides(p, {"affinities.Tajikistan->Pakistan": x}))
        assert ("Tajikistan" in m.admit({"Pakistan": "observer"}).blockers) == blocks
