"""The slider frames of the three model reports, each checked against an independent computation."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from sco_games.models import border, enlargement
from sco_games.models import partnership as pm
from sco_games.models.enlargement.space import winset_area_in_square
from sco_games.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ["founding_2001", "post_911_2002", "iraq_2003"]


def _scen(name: str, overrides=None):
    return load_scenario(ROOT / "params" / f"{name}.yaml", overrides)


def _pure_nash_brute_force(A: np.ndarray, B: np.ndarray) -> set[tuple[int, int]]:
    """Pure equilibria by checking every cell's best replies directly."""
    return {
        (i, j)
        for i, j in itertools.product(range(A.shape[0]), range(A.shape[1]))
        if A[i, j] >= A[:, j].max() - 1e-12 and B[i, j] >= B[i, :].max() - 1e-12
    }


@pytest.mark.parametrize("name", SCENARIOS)
@pytest.mark.parametrize("side", pm.PLAYERS)
def test_stake_frames_match_brute_force_and_a_fresh_solve(name, side):
    sc = _scen(name)
    fs = pm.stake_frames(sc.partnership, side)
    lo, hi = getattr(sc.partnership, fs.key).range
    assert fs.values[0] == lo and fs.values[-1] == hi and fs.coded in fs.values
    assert fs.max_regret <= 1e-9
    for f in fs.frames:
        pure = {(int(np.argmax(r)), int(np.argmax(c))) for r, c, _, _, is_pure in f.equilibria if is_pure}
        assert pure == _pure_nash_brute_force(f.A, f.B)
        for r, c, pay, _regret, _ in f.equilibria:  # each equilibrium: no deviation gains (regret by hand)
            x, y = np.array(r), np.array(c)
            assert max((f.A @ y).max() - x @ f.A @ y, (x @ f.B).max() - x @ f.B @ y) <= 1e-9
            assert pay == pytest.approx((x @ f.A @ y, x @ f.B @ y))
    # every third frame: the same label as solving the scenario with the value as an override
    for f in fs.frames[::3] + (fs.frame_at(fs.coded),):
        ov = _scen(name, {f"partnership.{fs.key}": f.value}).partnership
        assert pm.analyze(ov).label == f.label
    assert fs.frame_at(fs.coded).label == pm.analyze(sc.partnership).label


def test_stake_frames_change_where_rival_starts_answering_rival():
    # founding 2001: theta U + V >= C  <=>  U >= (C - V) / theta = (2 - 1) / 0.5 = 2 for China
    # (hand computation)
    sc = _scen("founding_2001")
    p = sc.partnership
    u_star = (p.rivalry_cost_china.value - p.exposure_cost_china.value) / p.partnership_depth.value
    assert u_star == 2.0
    ((u, before, after),) = pm.stake_frames(p, "China").changes
    assert u == pytest.approx(u_star) and before == "Partner/Partner" and "Rival/Rival" in after


def test_stake_frames_reject_bad_arguments():
    p = _scen("founding_2001").partnership
    with pytest.raises(ValueError, match="side"):
        pm.stake_frames(p, "USA")
    with pytest.raises(ValueError, match="at least 2"):
        pm.stake_frames(p, "Russia", n=1)


def _nash_by_grid(g, L: float) -> float | None:
    """The asymmetric Nash solution on a fine grid of China's share (linear utilities only)."""
    assert g.curvature_china == 1 and g.curvature_neighbour == 1
    d1, d2 = g.disagreement_point
    x = np.linspace(0.0, 1.0, 400_001)
    u1, u2 = x + L, 1 - x
    ok = (u1 > d1) & (u2 > d2) & (u2 >= g.neighbour_outside_option)
    if not ok.any():
        return None
    w = g.nash_weight_china
    obj = np.where(
        ok, w * np.log(np.where(ok, u1 - d1, 1)) + (1 - w) * np.log(np.where(ok, u2 - d2, 1)), -np.inf
    )
    return float(x[np.argmax(obj)])


@pytest.mark.parametrize("name", ["founding_2001", "iraq_2003"])
def test_linkage_frames_match_the_report_and_a_grid_search(name):
    sc = _scen(name)
    fs = border.linkage_frames(sc.border)
    rep = border.report(sc.border, sc.meta.date)
    i = int(np.flatnonzero(fs.linkage == fs.prior)[0])
    assert (
        fs.linkage[0] == sc.border.linkage_prior.range[0]
        and fs.linkage[-1] == sc.border.linkage_prior.range[1]
    )
    for dis in fs.curves:
        for s in border.POINT_SOLUTIONS:
            assert fs.share(dis, s, i) == pytest.approx(rep.tajikistan.at_prior[dis].share(s), abs=1e-12)
        g = border.dyad_game(sc.border, fs.neighbour, disagreement=dis)
        for k in range(0, fs.linkage.size, 6):
            ref = _nash_by_grid(g, float(fs.linkage[k]))
            got = fs.share(dis, "nash", k)
            assert (got is None) == (ref is None)
            if ref is not None:
                assert got == pytest.approx(ref, abs=1e-5)


def test_linkage_matches_use_the_record_rule():
    sc = _scen("founding_2001")
    fs = border.linkage_frames(sc.border)
    lo, hi = fs.readings[0].share_range
    for L in fs.matches("war", "nash"):
        k = int(np.flatnonzero(fs.linkage == L)[0])
        assert lo - 0.02 <= fs.share("war", "nash", k) <= hi + 0.02


@pytest.mark.parametrize("name", SCENARIOS)
def test_status_quo_frames_match_a_rebuilt_model(name):
    sc = _scen(name)
    fs = enlargement.status_quo_frames(sc.enlargement, axis=0, n=5)
    for f in fs.frames[::2]:
        m = enlargement.EnlargementModel(
            _scen(name, {"enlargement.status_quo": list(f.status_quo)}).enlargement
        )
        members = m.world.members
        assert f.winset_area == pytest.approx(winset_area_in_square(m.world, members), abs=1e-12)
        assert f.blockers == m.statement_vote().blockers
        assert f.pass_probability == pytest.approx(enlargement.pass_probability(m.world, members), abs=1e-12)
        # independent estimates of the exact area: the proposals sample and the drawing lattice
        se = enlargement.pass_probability_se(f.pass_probability, len(m.world.proposals))
        assert abs(4 * f.pass_probability - f.winset_area) <= 4 * (4 * se) + 1e-3
        assert abs(len(f.winset_points) * (2 / 40) ** 2 - f.winset_area) <= 0.06 + 0.05 * f.winset_area
