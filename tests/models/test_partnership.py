"""The Russia-China partnership model: payoff construction, equilibria, regions, repeated game, claims,
bad parameters, and the notebook.

Expected payoffs are written here from the table in the module docstring (paper §3-1, §2-1, fn 25), not
read from the code under test; equilibria of the scenarios are derived by hand in comments (dominance).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sco_games.models import partnership as pm
from sco_games.models.partnership import PartnershipParams
from sco_games.scenario import ScenarioError, load_scenario
from sco_games.theory.games import solve
from tests.conftest import ROOT

SCENARIOS = ["founding_2001", "post_911_2002", "iraq_2003"]

values = st.floats(0, 10, allow_nan=False)
depths = st.floats(0.05, 0.95)


def expected_table(B, G, W, th, U, S, D, N, E, C, V):
    """One side's payoffs (rows own Ally/Partner/Rival, columns the other's), from the docstring table:
    D only when both are Ally, V (exposure) when the other is Rival and this side is not."""
    return np.array([
        [B + G + W + S - U - D - N, B + G + th * W - U - E, -U - E - V],
        [B + G + th * W + S - th * U, B + G + th * (W - U), -th * U - V],
        [-C, -C, -C],
    ])


def params_from(d: dict) -> PartnershipParams:
    return PartnershipParams.example(**d)


@settings(max_examples=60, deadline=None)
@given(B=values, G=values, th=depths, S=values, D=values,
       WR=values, WC=values, UR=values, UC=values, NR=values, NC=values, ER=values, EC=values,
       CR=values, CC=values, VR=values, VC=values)
def test_payoff_construction_cell_by_cell(B, G, th, S, D, WR, WC, UR, UC, NR, NC, ER, EC, CR, CC, VR, VC):
    p = params_from(dict(
        border_stability=B, security_guarantee=G, partnership_depth=th, alliance_backing=S, distrust_cost=D,
        counterweight_russia=WR, counterweight_china=WC, us_stake_russia=UR, us_stake_china=UC,
        entrapment_cost_russia=NR, entrapment_cost_china=NC, abandonment_cost_russia=ER,
        abandonment_cost_china=EC, rivalry_cost_russia=CR, rivalry_cost_china=CC, exposure_cost_russia=VR,
        exposure_cost_china=VC))
    A, Bm = pm.payoff_matrices(p)
    np.testing.assert_allclose(A, expected_table(B, G, WR, th, UR, S, D, NR, ER, CR, VR), atol=1e-12)
    # China is the column player: B[r, c] is China's payoff when China plays c against Russia's r
    np.testing.assert_allclose(Bm.T, expected_table(B, G, WC, th, UC, S, D, NC, EC, CC, VC), atol=1e-12)


def test_payoff_table_rows_match_the_matrices_and_name_each_players_terms():
    p = PartnershipParams.example()
    A, B = pm.payoff_matrices(p)
    rows = pm.payoff_table_rows(p)
    assert len(rows) == 9
    for r, c, fr, fc, a, b in rows:
        i, j = pm.STRATEGIES.index(r), pm.STRATEGIES.index(c)
        assert (a, b) == (A[i, j], B[i, j])
        assert "_C" not in fr and "_R" not in fc
    assert pm.payoff_formulas("R")[("Ally", "Ally")] == "B + G + W_R + S - U_R - D - N_R"


def test_vectorised_payoffs_equal_one_at_a_time():
    p = PartnershipParams.example()
    v = pm.values_of(p)
    us = np.array([0.0, 3.0, 7.5])
    v["us_stake_russia"] = us
    A, B = pm.payoff_matrices(v)
    assert A.shape == B.shape == (3, 3, 3)
    for k, u in enumerate(us):
        a1, b1 = pm.payoff_matrices(pm.with_values(p, us_stake_russia=float(u)))
        np.testing.assert_array_equal(A[k], a1)
        np.testing.assert_array_equal(B[k], b1)


# ---------------------------------------------------------------------------------------------------------
# equilibria of the scenarios


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_equilibria_by_hand(name):
    # By hand (founding values B=3, G=2, W=1, U=2, theta=0.5, S=1, D=2, N_R=2, N_C=1, E_R=1, E_C=2, C=2, V=1):
    # Ally is strictly dominated by Partner for both (Russia vs Ally 1 < 5.5, vs Partner 2.5 < 4.5, vs Rival
    # -4 < -2). Against a Rival, Partner pays -theta U - V = -2 and Rival -C = -2: a tie, so Rival/Rival is a
    # second (weak) equilibrium beside Partner/Partner (4.5 > -2). The events raise U_R by 1 (Russia then
    # strictly prefers Rival against a Rival, -2.5 < -2) and leave China's tie, so the label stays.
    p = load_scenario(ROOT / "params" / f"{name}.yaml").partnership
    r = pm.analyze(p)
    assert r.label == "multiple: Partner/Partner + Rival/Rival"
    assert r.degenerate
    assert r.max_regret <= 1e-9


def test_founding_payoffs_by_hand():
    p = load_scenario(ROOT / "params" / "founding_2001.yaml").partnership
    eq = next(e for e in pm.analyze(p).equilibria if e.is_pure and e.support == ((1,), (1,)))
    # B + G + theta (W - U) = 3 + 2 + 0.5 (1 - 2) for both sides
    assert eq.payoffs == pytest.approx((4.5, 4.5))


def test_labels_of_multiple_and_mixed_equilibria():
    # no rivalry cost: Rival answers Rival (theta U + V > 0 = C), so Partner/Partner and Rival/Rival
    p = PartnershipParams.example(rivalry_cost_russia=0.0, rivalry_cost_china=0.0)
    assert pm.analyze(p).label == "multiple: Partner/Partner + Rival/Rival"
    # a one-equilibrium mixed game cannot arise in this model's generic cells; check the labeller directly
    eqs = solve([[1, -1], [-1, 1]])  # matching pennies: one mixed equilibrium
    assert pm.equilibrium_label(eqs) == "mixed"


# ---------------------------------------------------------------------------------------------------------
# regions: solve_batch equals solve on a sample of points


@pytest.mark.parametrize("axes", [
    ("us_stake_russia", "us_stake_china", np.linspace(0, 20, 41), np.linspace(0, 20, 41)),
    (("counterweight_russia", "counterweight_china"), ("us_stake_russia", "us_stake_china"),
     np.linspace(0, 16, 33), np.linspace(0, 20, 41)),
    ("distrust_cost", "partnership_depth", np.linspace(0, 4, 21), np.linspace(0.05, 0.95, 19)),
])
def test_regions_from_solve_batch_equal_solve_on_a_sample(axes):
    x, y, xs, ys = axes
    p = load_scenario(ROOT / "params" / "founding_2001.yaml").partnership
    m = pm.equilibrium_regions(p, x, xs, y, ys)
    assert m.labels.shape == (len(ys), len(xs))
    assert m.max_regret <= 1e-9 * 20
    rng = np.random.default_rng(20010615)
    cells = [(int(i), int(j)) for i, j in zip(rng.integers(0, len(ys), 40), rng.integers(0, len(xs), 40),
                                              strict=True)]
    for iy, ix in cells:
        change = {k: float(xs[ix]) for k in ((x,) if isinstance(x, str) else x)}
        change |= {k: float(ys[iy]) for k in ((y,) if isinstance(y, str) else y)}
        res = solve(pm.stage_game(pm.with_values(p, **change)))
        assert m.labels[iy, ix] == pm.equilibrium_label(res), (change, m.labels[iy, ix])
        assert m.counts[iy, ix] == len(res)
        assert bool(m.degenerate[iy, ix]) == res.degenerate


def test_the_three_regions_appear_where_the_thresholds_say():
    # thresholds by hand for founding values: Ally answers Ally iff U <= W - (D + N)/(1 - theta);
    # Partner answers Partner iff U <= W + (B + G + C)/theta; Rival answers Rival iff U >= (C - V)/theta.
    p = PartnershipParams.example(distrust_cost=0.0, entrapment_cost_russia=0.0, entrapment_cost_china=0.0,
                                  counterweight_russia=4.0, counterweight_china=4.0, rivalry_cost_russia=4.0,
                                  rivalry_cost_china=4.0)
    t = pm.us_stake_thresholds(p)
    assert t.ally_holds_below == {"Russia": 4.0, "China": 4.0}
    assert t.rival_answers_rival_above == {"Russia": 6.0, "China": 6.0}
    assert t.partner_holds_below == {"Russia": 4 + 9 / 0.5, "China": 4 + 9 / 0.5}

    def label(u):
        return pm.analyze(pm.with_values(p, us_stake_russia=u, us_stake_china=u)).label

    assert label(3.9) == "multiple: Ally/Ally + Partner/Partner"
    assert label(4.1) == "Partner/Partner"
    assert label(6.1) == "multiple: Partner/Partner + Rival/Rival"
    assert label(22.1) == "Rival/Rival"


@settings(max_examples=25, deadline=None)
@given(W=st.floats(0, 10), D=st.floats(0, 4), th=depths, C=st.floats(0, 6))
def test_second_axis_alignment_never_rises_with_a_us_stake(W, D, th, C):
    p = PartnershipParams.example(counterweight_russia=W, counterweight_china=W, distrust_cost=D,
                                  partnership_depth=th, rivalry_cost_russia=C, rivalry_cost_china=C)
    for axis in ("us_stake_russia", "us_stake_china"):
        m = pm.equilibrium_regions(p, axis, np.linspace(0, 30, 31), "alliance_backing", [1.0])
        assert np.all(np.diff(m.alignment_max[0]) <= 1e-9)
        assert np.all(np.diff(m.alignment_min[0]) <= 1e-9)


# ---------------------------------------------------------------------------------------------------------
# repeated game


def test_grim_trigger_closed_form_on_a_pd_shaped_parameterization():
    # Restricted to {Ally, Partner} this is a Prisoner's Dilemma: T - P = S > 0 and
    # 0 < T - R = D + N_i - (1 - theta)(W_i - U_i) < S. With B=3, G=2, W=6, U=2, theta=0.5, S=4, D=1,
    # N_R=2, N_C=1.5 by hand: Russia R = 3+2+6+4-2-1-2 = 10, T = 3+2+3+4-1 = 11, P = 3+2+3-1 = 7,
    # so (T-R)/(T-P) = 1/4; China T-R = 2.5-2 = 0.5, T-P = 4: 1/8. delta* = max = 0.25 (Friedman 1971).
    # C = 3 > theta U + V = 2, so Rival does not answer Rival and Partner/Partner is the only punishment.
    p = PartnershipParams.example(counterweight_russia=6, counterweight_china=6, us_stake_russia=2,
                                  us_stake_china=2, alliance_backing=4, distrust_cost=1,
                                  entrapment_cost_russia=2, entrapment_cost_china=1.5, rivalry_cost_russia=3,
                                  rivalry_cost_china=3)
    part, joint = pm.sustainability(p)
    assert part.delta_star == 0.0
    r = joint.result
    assert r.cooperative == (10.0, pytest.approx(10.5))
    assert r.deviation == (11.0, 11.0) and r.punishment_payoffs == (7.0, 7.0)
    assert r.thresholds == (pytest.approx(0.25), pytest.approx(0.125))
    assert joint.delta_star == pytest.approx(0.25)
    assert r.binding_player == 0


@pytest.mark.parametrize("name, joint", [("founding_2001", 0.6), ("post_911_2002", 5 / 7),
                                         ("iraq_2003", 0.6)])
def test_scenarios_joint_front_numbers_by_hand(name, joint):
    # Nash reversion to the worst pure stage equilibrium, Rival/Rival (P = -C = -2 for both).
    # founding: Russia R = 3+2+1+1-2-2-2 = 1, T = Partner vs Ally = 3+2+0.5+1-1 = 5.5 -> (5.5-1)/(5.5+2) =
    # 0.6;
    # China R = 3+2+1+1-2-2-1 = 2, T = 5.5 -> 3.5/7.5. 2002 (U_R = 3): Russia R = 0, T = 5 -> 5/7.
    # 2003 (also W_R = 2): Russia R = 1, T = 5.5 -> 0.6; China (W_C = 2) R = 3, T = 6 -> 3/8.
    # That reversion is the knife edge (Rival/Rival is weakly dominated: a tie of coded payoffs), kept beside
    # the judged result; the credible reversion is Partner/Partner, B + G + theta (W_i - U_i): 2001
    # (4.5, 4.5), 2002 (U_R = 3, U_C = 1) (4, 5), 2003 (W_R = W_C = 2 too) (4.5, 5). Ally/Ally pays less to
    # both (R above),
    # so R < P < T and no delta < 1 keeps it: Pareto-dominated by the partnership.
    p = load_scenario(ROOT / "params" / f"{name}.yaml").partnership
    part, jf = pm.sustainability(p)
    assert part.delta_star == 0.0
    assert jf.knife_edge is not None
    assert jf.knife_edge.punishment_payoffs == (-2.0, -2.0)
    assert jf.knife_edge_delta_star == pytest.approx(joint)
    pp = {"founding_2001": (4.5, 4.5), "post_911_2002": (4.0, 5.0), "iraq_2003": (4.5, 5.0)}[name]
    assert jf.result.punishment_payoffs == pp
    assert jf.delta_star is None
    assert jf.dominated_by == "Partner/Partner"
    assert "no cooperation to sustain" in jf.verdict()


# ---------------------------------------------------------------------------------------------------------
# triangle of the scenarios, claims


def test_triangles_of_the_scenarios():
    t = {n: pm.triangle(load_scenario(ROOT / "params" / f"{n}.yaml").partnership) for n in SCENARIOS}
    assert (t["founding_2001"].pattern, t["founding_2001"].outcast) == ("stable marriage", "US")
    assert (t["post_911_2002"].pattern, t["post_911_2002"].pivot) == ("romantic triangle", "Russia")
    assert t["post_911_2002"].roles == {"Russia": "pivot", "China": "wing", "US": "wing"}


# ---------------------------------------------------------------------------------------------------------
# bad parameters


@pytest.mark.parametrize("key, value, match", [
    ("partnership.distrust_cost", -1, "partnership.distrust_cost"),
    ("partnership.us_stake_russia", float("nan"), "partnership.us_stake_russia"),
    ("partnership.partnership_depth", 1.0, "partnership.partnership_depth"),
    ("partnership.partnership_depth", 0, "partnership.partnership_depth"),
    ("partnership.relation_russia_us", 0, "relation_russia_us.*non-zero"),
    ("partnership.relation_china_us", 1.5, "partnership.relation_china_us"),
    ("partnership.counterweight_china", "big", "partnership.counterweight_china"),
])
def test_bad_parameters_rejected_naming_the_key(key, value, match):
    with pytest.raises(ScenarioError, match=match):
        load_scenario(ROOT / "params" / "founding_2001.yaml", {key: value})


def test_bad_arguments_to_the_model_functions():
    p = PartnershipParams.example()
    v = pm.values_of(p)
    with pytest.raises(ValueError, match="distrust_cost must be >= 0"):
        pm.payoff_matrices(v | {"distrust_cost": np.array([1.0, -0.5])})
    with pytest.raises(ValueError, match="missing parameter"):
        pm.payoff_matrices({"border_stability": 1.0})
    with pytest.raises(ValueError, match="not a payoff parameter"):
        pm.equilibrium_regions(p, "relation_russia_us", [0.5], "us_stake_china", [1])
    with pytest.raises(ValueError, match="share a parameter"):
        pm.equilibrium_regions(p, "us_stake_china", [1], ("us_stake_china", "us_stake_russia"), [1])
    with pytest.raises(ValueError, match="unknown parameter"):
        pm.with_values(p, us_stake=1)
    with pytest.raises(ValueError, match="unknown parameter"):
        PartnershipParams.example(us_stake=1)


# ---------------------------------------------------------------------------------------------------------
# the notebook


@pytest.mark.slow
@pytest.mark.parametrize("name", SCENARIOS)
def test_notebook_runs_and_writes_its_sidecar(name, tmp_path):
    out, side = tmp_path / "out.ipynb", tmp_path / "side.json"
    cmd = [str(Path(sys.executable).parent / "papermill"), str(ROOT / "notebooks" / "02_partnership.ipynb"),
           str(out), "-p", "scenario_path", f"params/{name}.yaml", "-p", "sidecar_path", str(side),
           "-k", "sco-games", "--cwd", str(ROOT)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    data = json.loads(side.read_text())
    p = load_scenario(ROOT / "params" / f"{name}.yaml").partnership
    kr = data["key_results"]
    assert data["headline"] and data["scenario"] == name
    assert kr["equilibrium"] == pm.analyze(p).label
    assert kr["delta* partnership"] == pm.sustainability(p)[0].delta_star
    t = pm.triangle(p)
    assert kr["triangle"] == t.pattern and kr["pivot"] == (t.pivot or "none")
    A, B = pm.payoff_matrices(p)
    np.testing.assert_allclose(data["payoffs"]["russia"], A)
    np.testing.assert_allclose(data["payoffs"]["china"], B)
    assert all(eq["regret"] <= 1e-9 for eq in data["equilibria"])
    assert [c["id"] for c in data["claims"]] == ["P1", "P2", "P3", "P4", "P5"]
    assert all(set(c) >= {"id", "claim", "verdict", "because"} for c in data["claims"])
    keys = {"id", "question", "predicted", "observed", "agrees", "source"}
    assert all(set(r) == keys for r in data["record"])
    assert set(data["triangles"]) >= set(SCENARIOS)


def test_region_over_one_sides_parameter_only():
    # only Russia's parameters vary: China's matrix must be broadcast to the grid. V_C = 0 so that China
    # strictly prefers Partner against a Rival (-theta U_C = -1 > -C_C = -2): at U_R = 40 Russia is Rival.
    p = PartnershipParams.example(exposure_cost_china=0.0)
    m = pm.equilibrium_regions(p, "us_stake_russia", [0, 1, 40], "rivalry_cost_russia", [3, 30])
    assert m.labels.tolist() == [["Partner/Partner", "Partner/Partner", "Rival/Partner"],
                                 ["Partner/Partner", "Partner/Partner", "Partner/Partner"]]


@pytest.mark.oracle
@pytest.mark.parametrize("change", [
    {},
    {"rivalry_cost_russia": 0.0, "rivalry_cost_china": 0.0},
    {"distrust_cost": 0.0, "entrapment_cost_russia": 0.0, "entrapment_cost_china": 0.0,
     "us_stake_russia": 0.5, "us_stake_china": 0.5},
    {"us_stake_russia": 8.0, "us_stake_china": 7.0},
])
def test_equilibria_agree_with_pygambit(change):
    # an independent implementation: pygambit's enummixed, exact arithmetic (payoffs are multiples of 1/4)
    gbt = pytest.importorskip("pygambit")
    from fractions import Fraction

    p = PartnershipParams.example(**change)
    A, B = pm.payoff_matrices(p)
    g = gbt.StrategicGame.from_arrays([[Fraction(x).limit_denominator(8) for x in r] for r in A],
                             [[Fraction(x).limit_denominator(8) for x in r] for r in B])
    res = gbt.nash.enummixed_solve(g, rational=True)
    row, col = list(g.players)
    theirs = {(tuple(float(q) for _, q in eq[row]), tuple(float(q) for _, q in eq[col]))
              for eq in res.equilibria}
    ours = pm.analyze(p).equilibria
    assert len(ours) == len(theirs)
    for eq in ours:
        assert any(np.allclose(eq.row, x, atol=1e-9) and np.allclose(eq.col, y, atol=1e-9) for x, y in theirs)


def test_report_computes_what_the_notebook_shows():
    refs = {n: load_scenario(ROOT / "params" / f"{n}.yaml").partnership for n in pm.REFERENCE_SCENARIOS}
    case = pm.with_values(refs["post_911_2002"], us_stake_russia=9.0)
    rep = pm.report(case, "case", refs)
    assert rep.order == (*pm.REFERENCE_SCENARIOS, "case") and rep.triangle is rep.triangles["case"]
    assert rep.stage.label == pm.analyze(case).label == rep.stages["case"].label
    assert rep.stages["post_911_2002"].label == pm.analyze(refs["post_911_2002"]).label
    assert rep.thresholds == pm.us_stake_thresholds(case)
    assert rep.stakes.shares() == pm.equilibrium_regions(case, "us_stake_russia", pm.US_STAKE_GRID,
                                                         "us_stake_china", pm.US_STAKE_GRID).shares()
    assert [c.id for c in rep.claims] == ["P1", "P2", "P3", "P4", "P5"]
    side = rep.sidecar()
    assert side["scenario"] == "case" and side["key_results"]["equilibrium"] == rep.stage.label
    assert side["headline"].startswith(f"case: the stage equilibrium is {rep.stage.label}")
    assert set(side["triangles"]) == set(rep.order)
    assert [c["id"] for c in side["claims"]] == ["P1", "P2", "P3", "P4", "P5"]


# ---------------------------------------------------------------------------------------------------------
# the credible reversion of grim trigger (sustainability): stage equilibria in undominated strategies


def test_knife_edge_reversion_is_not_credible_on_the_example():
    # PartnershipParams.example(): Rival/Rival is an equilibrium only by the tie -theta U - V = -C = -2, so
    # Rival is weakly dominated by Partner for both (never worse, better against Ally or Partner), and Ally is
    # strictly dominated by Partner (Russia 1 < 5.5, 2.5 < 4.5, -4 < -2; China 2 < 5.5, 1.5 < 4.5, -5 < -2);
    # the
    # credible reversion is Partner/Partner (4.5, 4.5) > Ally/Ally (1, 2): no delta keeps the joint front
    from sco_games.models.partnership.sustainability import credible_reversions, weakly_dominated
    g = pm.stage_game(PartnershipParams.example())
    assert weakly_dominated(g.A, g.B) == ((0, 2), (0, 2))
    assert credible_reversions(g.A, g.B) == ([(1, 1)], [(1, 1), (2, 2)])
    part, joint = pm.sustainability(PartnershipParams.example())
    assert joint.delta_star is None and joint.knife_edge_delta_star == pytest.approx(0.6)
    assert joint.dominated_by == "Partner/Partner"


def test_weak_dominance_by_a_mixture_only():
    # the middle row (2, 1.4) is weakly dominated by (top + bottom) / 2 = (2, 1.5) and by no pure row; with
    # (2, 1.5) it ties the mixture everywhere (not dominated), with (2, 1.6) it beats it against the right
    from sco_games.models.partnership.sustainability import weakly_dominated
    rows = lambda m: np.array([[4.0, 0.0], [2.0, m], [0.0, 3.0]])  # noqa: E731
    assert weakly_dominated(rows(1.4), np.zeros((3, 2)))[0] == (1,)
    assert weakly_dominated(rows(1.5), np.zeros((3, 2)))[0] == ()
    assert weakly_dominated(rows(1.6), np.zeros((3, 2)))[0] == ()


@pytest.mark.parametrize("seed", range(6))
def test_weak_dominance_against_best_replies_to_interior_beliefs(seed):
    # Property (Pearce 1984, Lemma 4, two players): a strategy is not weakly dominated iff it is a best reply
    # to
    # some completely mixed strategy of the other. A strategy found to be a best reply to a sampled interior
    # belief must not be called dominated; a strategy never best, but strictly worse than another pure one
    # against some column and never better, must be called dominated.
    from sco_games.models.partnership.sustainability import credible_reversions, weakly_dominated
    from sco_games.theory.repeated import pure_nash_profiles
    rng = np.random.default_rng(seed)
    beliefs = rng.dirichlet(np.ones(3), size=4000)
    for _ in range(40):
        A = rng.integers(-2, 3, size=(3, 3)).astype(float)
        B = rng.integers(-2, 3, size=(3, 3)).astype(float)
        dom_r, dom_c = weakly_dominated(A, B)
        for U, dom in ((A, dom_r), (B.T, dom_c)):
            values = beliefs @ U.T  # (beliefs, own strategies)
            best = values >= values.max(axis=1, keepdims=True) - 1e-12
            for s in range(3):
                if best[:, s].any():
                    assert s not in dom
                if any((U[k] >= U[s]).all() and (U[k] > U[s]).any() for k in range(3) if k != s):
                    assert s in dom
        credible, every = credible_reversions(A, B)
        assert every == pure_nash_profiles(A, B) and set(credible) <= set(every)
        for i, j in every:  # a strict equilibrium is always credible
            if (A[i, j] > np.delete(A[:, j], i)).all() and (B[i, j] > np.delete(B[i, :], j)).all():
                assert (i, j) in credible
