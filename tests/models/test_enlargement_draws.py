"""The enlargement model over draws: the reference loop against the report computed directly (scenario
overrides), bad input, the exact winset area, and (below) the vectorized path against the loop."""

from __future__ import annotations

import numpy as np
import pytest

from sco_games.models import enlargement as em
from sco_games.models.enlargement.draws import CLAIM_IDS, evaluate_draws, numbers_described
from sco_games.scenario import load_scenario


@pytest.mark.slow  # the report runs its range-end sensitivity (~10 s per draw)
@pytest.mark.parametrize("name", ["founding_2001", "iraq_2003"])
def test_loop_matches_the_report(name):
    sc = load_scenario(f"params/{name}.yaml")
    rng = np.random.default_rng(5)
    (x0, x1), (y0, y1) = sc.enlargement.members["Uzbekistan"].range
    draws = {"members.Uzbekistan": np.column_stack([rng.uniform(x0, x1, 2), rng.uniform(y0, y1, 2)]),
             "weights.prestige": rng.uniform(0, 2, 2), "candidate_cost": rng.uniform(0, 0.5, 2)}
    out = evaluate_draws(sc.enlargement, draws, method="loop")
    for i in range(2):
        over = load_scenario(f"params/{name}.yaml", {
            "enlargement.members.Uzbekistan": draws["members.Uzbekistan"][i].tolist(),
            "enlargement.weights.prestige": float(draws["weights.prestige"][i]),
            "enlargement.candidate_cost": float(draws["candidate_cost"][i])})
        rep = em.enlargement_report(em.EnlargementModel(over.enlargement))  # no date: E5 judged
        assert {c: out.verdicts[c][i] for c in CLAIM_IDS} == rep.verdicts
        assert out.numbers["statement_passes"][i] == float(rep.vote.passes)
        assert out.numbers["members_pass_probability"][i] == rep.steps[0].pass_probability
        share = out.numbers["members_winset_share"][i]
        assert share == pytest.approx(rep.steps[0].winset_area / 4, abs=1e-12)
        for cands, highest in rep.highest.items():
            want = 0.0 if highest is None else 1.0 + em.STATUSES.index(highest)
            assert out.numbers["highest_status_" + cands.replace(" + ", "+")][i] == want
    assert set(out.numbers) == set(numbers_described(sc.enlargement)) == set(out.descriptions)


def test_bad_keys_and_values_are_clear_errors():
    p = load_scenario("params/founding_2001.yaml").enlargement
    with pytest.raises(ValueError, match=r"unknown key\(s\) \['members.Narnia'\]"):
        evaluate_draws(p, {"members.Narnia": np.zeros((2, 2))})
    with pytest.raises(ValueError, match="draw 0 .*prestige_exponent"):
        evaluate_draws(p, {"prestige_exponent": np.array([2.0])}, method="loop")


def _ranged(p, n, seed):
    """Uniform draws over every declared range of the section (points: each coordinate over its range)."""
    rng = np.random.default_rng(seed)
    out = {}

    def walk(v, path):
        if isinstance(v, dict) and "value" in v and "source" in v:
            r = v.get("range")
            if r is not None and not path.startswith(("documents", "status_quo_alternatives")):
                out[path] = (np.column_stack([rng.uniform(*r[0], n), rng.uniform(*r[1], n)])
                             if isinstance(r[0], list | tuple) else rng.uniform(*r, n))
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(x, f"{path}.{k}" if path else k)
    walk(p.model_dump(), "")
    return out


#: every scenario that codes the enlargement model: the paper's three and the dated 2004-2024 ones (which hold
#: partial statuses, claims not asked and, like the others, the contradiction cost)
ENLARGEMENT_SCENARIOS = ["founding_2001", "post_911_2002", "iraq_2003", "tashkent_2004", "astana_2005",
                         "astana_2017", "new_delhi_2023", "astana_2024"]


@pytest.mark.parametrize("name", ENLARGEMENT_SCENARIOS)
def test_vectorized_equals_the_loop_on_seeded_draws_over_every_range(name):
    sc = load_scenario(f"params/{name}.yaml")
    p, date = sc.enlargement, sc.meta.date
    draws = _ranged(p, 8, 40 + len(name))
    assert len(draws) >= 25
    loop = evaluate_draws(p, draws, date=date, method="loop")
    fast = evaluate_draws(p, draws, date=date, method="vectorized")
    assert fast.method.startswith("vectorized")
    for c in CLAIM_IDS:
        assert fast.verdicts[c].tolist() == loop.verdicts[c].tolist(), c
    for k in loop.numbers:
        # the loop's winset area is space.winset_area_in_square (adaptive quadrature without breakpoints where
        # a circle crosses the square's edge: off by up to ~1e-6 there); every other number is exact
        tol = 1e-6 if k == "members_winset_share" else 0.0
        np.testing.assert_allclose(fast.numbers[k], loop.numbers[k], rtol=0, atol=tol, equal_nan=True)


def test_structural_keys_fall_back_to_the_loop_and_say_so():
    p = load_scenario("params/founding_2001.yaml").enlargement
    out = evaluate_draws(p, {"seed": np.array([1, 2])})
    assert "reference loop" in out.method and "seed" in out.method


def test_in_hull_against_the_linear_program():
    from sco_games.models.enlargement.draws_fast import in_hull
    from sco_games.theory.spatial import is_absorbed

    rng = np.random.default_rng(9)
    for k in (1, 2, 3, 6):
        pts, p = rng.uniform(-1, 1, (300, k, 2)), rng.uniform(-1, 1, (300, 2))
        got = in_hull(p, pts)
        want = [is_absorbed(p[i], pts[i]) for i in range(300)]
        assert got.tolist() == want
    flat = np.array([[[0, 0], [1, 1], [2, 2]]], dtype=float)  # a hull that is a segment
    assert in_hull(np.array([[0.5, 0.5], [0.5, 0.6]]), np.repeat(flat, 2, 0)).tolist() == [True, False]


@pytest.mark.parametrize("name", ["founding_2001", "astana_2017"])
def test_the_fast_payoffs_equal_the_model_s_with_contradictions_and_held_statuses(name):
    # The outputs above rarely turn on the contradiction term (India and Pakistan as members together) or on
    # a held status, so the payoff totals themselves are compared, with the contradiction cost drawn
    from sco_games.models.enlargement.draws_fast import _Draws

    p = load_scenario(f"params/{name}.yaml").enlargement
    kappa = np.array([0.0, 1.0, 2.0])
    d = _Draws(p, {"contradiction_cost": kappa} if p.contradiction_cost is not None else {}, 3)
    d.compute_pass([frozenset(p.members), frozenset([*p.members, "India", "Pakistan"])])
    assoc = {**d.base(), "India": "member", "Pakistan": "member"}
    fast = d.totals(assoc)
    for i, k in enumerate(kappa if p.contradiction_cost is not None else [None]):
        q = p if k is None else p.model_copy(update={"contradiction_cost": p.contradiction_cost.model_copy(
            update={"value": float(k)})})
        m = em.EnlargementModel(q)
        assert m.base == d.base()
        want = {s: pay.total for s, pay in m.payoffs(assoc).items()}
        for s in want:
            assert float(np.asarray(fast[s]).reshape(-1)[i if k is not None else 0]) == pytest.approx(
                want[s], abs=1e-12), (s, k)
    if p.contradiction_cost is not None:  # the term is there: China bears India-Pakistan hostility
        assert float(fast["China"][2]) < float(fast["China"][0])
