"""The partnership over draws: the reference loop against the report computed directly (scenario
overrides), bad input, and (below) the vectorized path against the loop."""

from __future__ import annotations

import numpy as np
import pytest

from sco_games.models import partnership as pm
from sco_games.models.partnership.draws import CLAIM_IDS, NUMBERS, evaluate_draws
from sco_games.scenario import load_scenario

SCENARIOS = ("founding_2001", "post_911_2002", "iraq_2003")


def _draws(section, keys, n, seed):
    rng = np.random.default_rng(seed)
    return {k: rng.uniform(*getattr(section, k).range, size=n) for k in keys}


@pytest.mark.parametrize("name", SCENARIOS)
def test_loop_matches_the_report(name):
    sc = load_scenario(f"params/{name}.yaml")
    keys = ("us_stake_russia", "exposure_cost_china", "rivalry_cost_russia", "partnership_depth")
    draws = _draws(sc.partnership, keys, 2, 1)
    out = evaluate_draws(sc.partnership, draws, method="loop")
    refs = {n: load_scenario(f"params/{n}.yaml").partnership for n in SCENARIOS}
    for i in range(2):
        over = load_scenario(f"params/{name}.yaml",
                             {f"partnership.{k}": float(v[i]) for k, v in draws.items()}).partnership
        rep = pm.report(over, name, {**refs, name: over})
        assert {c: out.verdicts[c][i] for c in CLAIM_IDS} == {c.id: c.verdict for c in rep.claims}
        part, joint = rep.sustainability
        assert out.numbers["delta_star_partnership"][i] == part.delta_star
        j = out.numbers["delta_star_joint_front"][i]
        assert (np.isnan(j) and joint.delta_star is None) or j == joint.delta_star
        for side in pm.PLAYERS:
            price = rep.us_prices[side].price
            got = out.numbers[f"us_price_{side.lower()}"][i]
            assert (np.isnan(got) and price is None) or got == price
        assert out.numbers["partner_partner_unique"][i] == float(rep.stage.label == "Partner/Partner")
    assert set(out.numbers) == set(NUMBERS) == set(out.descriptions)


def test_bad_keys_and_values_are_clear_errors():
    p = load_scenario("params/founding_2001.yaml").partnership
    with pytest.raises(ValueError, match=r"unknown key\(s\) \['us_stake'\]"):
        evaluate_draws(p, {"us_stake": np.ones(2)})
    with pytest.raises(ValueError, match="draw 1 .*partnership_depth"):
        evaluate_draws(p, {"partnership_depth": np.array([0.5, 1.5])}, method="loop")
    with pytest.raises(ValueError, match="has 3 values"):
        evaluate_draws(p, {"us_stake_russia": np.ones(2), "us_stake_china": np.ones(3)})
    with pytest.raises(ValueError, match="method"):
        evaluate_draws(p, {"us_stake_russia": np.ones(2)}, method="fast")
    with pytest.raises(TypeError):
        evaluate_draws(load_scenario("params/founding_2001.yaml"), {})


@pytest.mark.parametrize("name", SCENARIOS)
def test_vectorized_equals_the_loop_on_seeded_draws_over_every_range(name):
    p = load_scenario(f"params/{name}.yaml").partnership
    keys = [k for k in type(p).model_fields if k != "events" and getattr(p, k).range]
    assert len(keys) >= 15  # the scenario's every declared range
    draws = _draws(p, keys, 60, 20260 + len(name))
    loop = evaluate_draws(p, draws, method="loop")
    fast = evaluate_draws(p, draws, method="vectorized")
    assert fast.method.startswith("vectorized")
    for c in CLAIM_IDS:
        assert fast.verdicts[c].tolist() == loop.verdicts[c].tolist(), c
    for k in NUMBERS:
        np.testing.assert_allclose(fast.numbers[k], loop.numbers[k], rtol=0, atol=1e-9, equal_nan=True)


def test_vectorized_on_knife_edges_and_extreme_draws():
    """Integer ladder values (ties everywhere: the degenerate games of the scenarios) and a draw far outside
    the scenarios, both against the loop."""
    p = load_scenario("params/iraq_2003.yaml").partnership
    draws = {"us_stake_russia": np.array([1.0, 2.0, 3.0, 0.0, 20.0]),
             "exposure_cost_china": np.array([0.0, 1.0, 2.0, 3.0, 0.0]),
             "rivalry_cost_russia": np.array([1.0, 2.0, 3.0, 0.0, 10.0]),
             "partnership_depth": np.array([0.5, 0.5, 0.25, 0.75, 0.2])}
    loop = evaluate_draws(p, draws, method="loop")
    fast = evaluate_draws(p, draws, method="auto")
    for c in CLAIM_IDS:
        assert fast.verdicts[c].tolist() == loop.verdicts[c].tolist(), c
    for k in NUMBERS:
        np.testing.assert_allclose(fast.numbers[k], loop.numbers[k], rtol=0, atol=1e-9, equal_nan=True)


def test_grim_trigger_batch_against_critical_discount_factor():
    from sco_games.models.partnership.draws_fast import grim_trigger_batch
    from sco_games.theory.repeated import critical_discount_factor

    rng = np.random.default_rng(7)
    A, B = rng.integers(-3, 4, size=(400, 3, 3)).astype(float), rng.integers(-3, 4, size=(400, 3, 3)) * 1.0
    for prof in ((0, 0), (1, 1)):
        d, has = grim_trigger_batch(A, B, prof)
        for i in range(400):
            try:
                want = critical_discount_factor(A[i], B[i], profile=prof, punishment="nash").delta_star
            except ValueError:
                assert not has[i]
                continue
            assert has[i]
            assert (want is None and np.isnan(d[i])) or d[i] == pytest.approx(want, abs=1e-12)


def test_no_draws_give_empty_outputs():
    p = load_scenario("params/founding_2001.yaml").partnership
    for method in ("loop", "vectorized"):
        out = evaluate_draws(p, {"us_stake_russia": np.array([])}, method=method)
        assert out.n == 0 and out.verdicts["P1"].shape == (0,)


def test_a_draw_on_a_coded_tie_gets_the_report_s_p1():
    # founding_2001 sits on the tie theta U + V = C (Rival/Rival a weak equilibrium): a draw that keeps it
    # must give the P1 of assess_claims (read off draws on either side of the tie), on the fast path too
    import datetime as dt

    from sco_games.models.partnership.claims import assess_claims
    from sco_games.models.partnership.draws import evaluate_draws
    from sco_games.scenario import load_scenario

    s = load_scenario("params/founding_2001.yaml")
    coded = float(s.partnership.us_stake_russia.value)
    draws = {"us_stake_russia": np.array([coded, coded + 0.3])}
    fast = evaluate_draws(s.partnership, draws, date=s.meta.date)
    loop = evaluate_draws(s.partnership, draws, date=s.meta.date, method="loop")
    claims, _ = assess_claims(s.partnership, s.meta.date)
    assert fast.verdicts["P1"][0] == loop.verdicts["P1"][0] == claims[0].verdict
    assert list(fast.verdicts["P3"]) == list(loop.verdicts["P3"]) == [claims[2].verdict] * 2
    assert "tie" in fast.method
    assert s.meta.date == dt.date(2001, 6, 15)
