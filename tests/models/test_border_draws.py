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
