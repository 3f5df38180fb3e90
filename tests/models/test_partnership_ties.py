"""Ties of the partnership stage game (models/partnership/ties.py) and P1 on either side of them, against the
closed-form best-reply conditions of the payoff table (Rival answers Rival iff theta U_i + V_i >= C_i)."""

import numpy as np
import pytest

from sco_games.models.partnership.claims import Verdict, assess_claims, verdict_p1, verdict_p1_ties
from sco_games.models.partnership.params import with_values
from sco_games.models.partnership.ties import StageTie, TieSides, stage_ties, tie_sides
from sco_games.scenario import load_scenario

RR = "multiple: Partner/Partner + Rival/Rival"


@pytest.fixture(scope="module")
def founding():
    return load_scenario("params/founding_2001.yaml").partnership


@pytest.fixture(scope="module")
def post911():
    return load_scenario("params/post_911_2002.yaml").partnership


def test_the_scenario_tie_is_theta_u_plus_v_equals_c(founding, post911):
    ties = stage_ties(founding)
    assert [(t.player, t.strategies, t.against, t.weakens) for t in ties] == [
        ("Russia", ("Partner", "Rival"), "Rival", ("Rival/Rival",)),
        ("China", ("Partner", "Rival"), "Rival", ("Rival/Rival",))]
    assert set(ties[0].keys) == {"partnership_depth", "us_stake_russia", "exposure_cost_russia",
                                 "rivalry_cost_russia"}
    assert ties[1].value == -2.0  # -C_C = -(0.5 * 2 + 1), by hand
    # after 9/11 Russia's US stake is 3: 0.5 * 3 + 1 > 2, so only China ties
    assert [t.player for t in stage_ties(post911)] == ["China"]


@pytest.mark.parametrize("v, tied", [(0.5, False), (1.5, False), (1.0, True)])
def test_a_tie_exactly_when_the_closed_form_equality_holds(founding, v, tied):
    p = with_values(founding, exposure_cost_russia=v, exposure_cost_china=v)
    assert bool(stage_ties(p)) is tied
    # theta = 0.25, U = 2, V = 1.5, C = 2: 0.5 + 1.5 = 2, a tie with other numbers
    q = with_values(founding, partnership_depth=0.25, exposure_cost_russia=1.5, exposure_cost_china=0.0)
    assert [t.player for t in stage_ties(q)] == ["Russia"]


def test_tie_sides_against_the_closed_form(post911):
    """Share of draws with Rival/Rival an equilibrium, from solve_batch, against our own draws classified by
    the closed form (both sides' theta U_i + V_i > C_i), with the 9/11 event added by hand."""
    s = tie_sides(post911, draws=20000, seed=3)
    assert set(s.keys) == {"partnership_depth", "us_stake_china", "exposure_cost_china", "rivalry_cost_china"}
    solved = sum(x for (lab, _), x in s.outcomes.items() if "Rival/Rival" in lab)
    rng = np.random.default_rng(12345)
    n = 20000
    th = rng.uniform(0.25, 0.75, n)
    uc, vc, cc = rng.uniform(1, 3, n), rng.uniform(0, 3, n), rng.uniform(1, 3, n)
    ur, vr, cr = 2.0 + 1.0, 1.0, 2.0  # Russia's values as coded, US stake +1 by the 9/11 event
    closed = np.mean((th * ur + vr > cr) & (th * uc + vc > cc))
    assert solved == pytest.approx(closed, abs=0.02)
    first, second = s.sides[0]["first"], s.sides[0]["second"]
    assert first[0] + second[0] == pytest.approx(1.0)
    # where Partner pays China more against Rival, Rival/Rival is never an equilibrium
    assert not any("Rival/Rival" in lab for lab, _ in first[1])


def test_tie_sides_depend_on_the_seed_argument_only(post911):
    a, b = tie_sides(post911, draws=500, seed=1), tie_sides(post911, draws=500, seed=1)
    assert a == b
    assert tie_sides(post911, draws=500, seed=2) != a
    with pytest.raises(ValueError, match="draws"):
        tie_sides(post911, draws=0)


def test_no_tie_no_sides(founding):
    assert tie_sides(with_values(founding, exposure_cost_russia=0.5, exposure_cost_china=0.5)) is None


def _sides(outcomes):
    t = StageTie("China", ("Partner", "Rival"), "Rival", -2.0, ("a", "b"), ("k",), ("Rival/Rival",))
    return TieSides((t,), ("k",), (), 10, 0, outcomes, ({"first": (0.5, {}), "second": (0.5, {})},))


def test_verdict_p1_ties_every_way():
    point = verdict_p1(RR, False)
    assert point.verdict == "partly"
    assert verdict_p1_ties(point, None) is point
    v = verdict_p1_ties(point, _sides({("Partner/Partner", True): 0.6, (RR, False): 0.4}))
    assert (v.verdict, v.by_dominance) == ("reproduced", True)
    assert "tie" in v.because and "60%" in v.because
    v = verdict_p1_ties(point, _sides({("Partner/Partner", False): 0.6, (RR, False): 0.4}))
    assert (v.verdict, v.by_dominance) == ("reproduced", False)
    v = verdict_p1_ties(point, _sides({("Partner/Partner", True): 0.3, (RR, False): 0.7}))
    assert v.verdict == "partly"
    v = verdict_p1_ties(point, _sides({("Rival/Rival", False): 0.8, (RR, False): 0.2}))
    assert v.verdict == "not reproduced"


def test_assess_claims_names_the_tie_and_uses_the_draws(founding):
    v = assess_claims(founding)[1]["P1"]
    assert isinstance(v, Verdict) and "tie" in v.because
    assert "-θ·U_C - V_C" in v.because
    untied = with_values(founding, exposure_cost_russia=0.5, exposure_cost_china=0.5)
    w = assess_claims(untied)[1]["P1"]
    assert (w.verdict, w.by_dominance) == ("reproduced", True) and "tie" not in w.because


def test_founding_tie_sides_against_the_closed_form(founding):
    s = tie_sides(founding, draws=20000, seed=4)
    solved = sum(x for (lab, _), x in s.outcomes.items() if "Rival/Rival" in lab)
    rng = np.random.default_rng(54321)
    n = 20000
    th = rng.uniform(0.25, 0.75, n)
    rival = np.ones(n, dtype=bool)
    for _ in ("russia", "china"):
        u, v, c = rng.uniform(1, 3, n), rng.uniform(0, 3, n), rng.uniform(1, 3, n)
        rival &= th * u + v > c
    assert solved == pytest.approx(rival.mean(), abs=0.02)
    assert solved < 0.5  # so the generic P1 in 2001 is "reproduced" (Partner/Partner alone on most draws)


def test_the_headline_names_the_tie(post911, founding):
    from sco_games.models import partnership as pm
    refs = {"founding_2001": founding, "post_911_2002": post911}
    rep = pm.report(post911, "post_911_2002", refs)
    assert "only by a tie of coded values (China: -θ·U_C - V_C = -C_C)" in rep.headline()
    p1 = rep.verdicts["P1"]
    assert rep.headline().endswith(f"{p1.verdict} ({100 * p1.share:.0f}% of the draws"
                                   + (": a near coin flip)." if p1.coin_flip else ")."))
    assert [t["condition"] for t in rep.sidecar()["ties"]] == [t.condition() for t in rep.ties]


def _counting(monkeypatch):
    """Count the computations of tie draws (the cache's misses)."""
    from sco_games.models.partnership import ties
    calls = []
    compute = ties._compute_tie_sides

    def counted(params, draws, seed):
        calls.append((draws, seed))
        return compute(params, draws, seed)
    monkeypatch.setattr(ties, "_compute_tie_sides", counted)
    ties.clear_cache()
    return calls, compute


def test_the_cached_draws_are_the_computed_ones(founding, monkeypatch):
    calls, compute = _counting(monkeypatch)
    first = tie_sides(founding, draws=500, seed=7)
    again = tie_sides(founding, draws=500, seed=7)
    assert len(calls) == 1
    assert again == first and again is not first  # each call its own copy
    assert again == compute(founding, 500, 7)  # the cache changes no number
    again.outcomes.clear()  # a caller's change does not reach the cache
    assert tie_sides(founding, draws=500, seed=7) == first
    other = tie_sides(founding, draws=500, seed=8)
    assert len(calls) == 2 and other.outcomes != first.outcomes  # another seed, other draws


def test_assess_claims_draws_once_per_values_and_seed(monkeypatch):
    path = "params/founding_2001.yaml"
    base = load_scenario(path).partnership
    calls, _ = _counting(monkeypatch)
    v1 = assess_claims(base)[1]["P1"]
    assert assess_claims(base)[1]["P1"] == v1 and len(calls) == 1
    # the relations of the triangle do not enter the stage game: the same draws
    assert (load_scenario(path, {"partnership.relation_russia_us": -0.3}).partnership.relation_russia_us.value
            == -0.3)
    assess_claims(load_scenario(path, {"partnership.relation_russia_us": -0.3}).partnership)
    assert len(calls) == 1
    # a payoff value on the tie, or its range, or the seed: new draws
    assess_claims(load_scenario(path, {"partnership.alliance_backing": 1.5}).partnership)
    assess_claims(base, tie_seed=1)
    assert len(calls) == 3
    data = base.model_dump()
    data["exposure_cost_china"]["range"] = [0.5, 2.0]
    assess_claims(type(base).model_validate(data))
    assert len(calls) == 4


def test_verdict_p1_ties_says_when_it_is_a_near_coin_flip():
    point = verdict_p1(RR, False)
    v = verdict_p1_ties(point, _sides({("Partner/Partner", False): 0.55, (RR, False): 0.45}))
    assert v.verdict == "reproduced" and v.share == pytest.approx(0.55) and v.coin_flip
    assert "near coin flip" in v.because and "55%" in v.because
    v = verdict_p1_ties(point, _sides({("Partner/Partner", False): 0.75, (RR, False): 0.25}))
    assert not v.coin_flip and "coin flip" not in v.because
    assert not point.coin_flip  # a verdict at the coded point is not read off draws


@pytest.mark.parametrize("name, share", [("founding_2001", 0.55), ("iraq_2003", 0.57)])
def test_the_scenarios_p1_is_a_near_coin_flip(name, share):
    # the shares the report prints (4000 draws, seed 0): 55% 'reproduced' in 2001, 57% 'partly' in 2003
    s = load_scenario(f"params/{name}.yaml")
    _, verdicts = assess_claims(s.partnership, s.meta.date)
    assert verdicts["P1"].share == pytest.approx(share, abs=0.01)
    assert verdicts["P1"].coin_flip and "near coin flip" in verdicts["P1"].because
