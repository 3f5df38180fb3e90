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
        rep = em.enlargement_report(em.EnlargementModel(over.enlargement))
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
