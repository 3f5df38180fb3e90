"""The partnership lesson's answers are computed from the model's results: the dominance answer from the
dominance of the stage game (checked here by brute force on the payoff matrices), the equilibrium sentence
from the solver's Nash subsets (no rule of thumb about mixed equilibria), the joint front from the credible
grim-trigger reversion."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from sco_games.lessons.partnership import dominance_answer, partnership_lesson
from sco_games.models import partnership as pm
from sco_games.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ["founding_2001", "post_911_2002", "iraq_2003"]


@cache
def _lesson(name):
    sc = load_scenario(ROOT / "params" / f"{name}.yaml")
    refs = {n: load_scenario(ROOT / "params" / f"{n}.yaml").partnership for n in pm.REFERENCE_SCENARIOS}
    rep = pm.report(sc.partnership, sc.name, refs)
    return rep, partnership_lesson(rep, {s: pm.stake_frames(sc.partnership, s) for s in pm.PLAYERS})


def _weakly_dominant(U: np.ndarray) -> int | None:
    """Brute force on own strategy x the other's: never worse than any other row, better somewhere."""
    for s in range(U.shape[0]):
        if all((U[s] >= U[k]).all() and (U[s] > U[k]).any() for k in range(U.shape[0]) if k != s):
            return s
    return None


@pytest.mark.parametrize("name", SCENARIOS)
def test_dominance_answer_agrees_with_the_payoffs(name):
    rep, les = _lesson(name)
    A, B = rep.payoffs
    answer = les.questions[1].answer
    weak = {"Russia": _weakly_dominant(A), "China": _weakly_dominant(B.T)}
    for side, s in weak.items():
        if s is not None:
            assert f"{pm.STRATEGIES[s]} is weakly dominant for" in answer and side in answer
    if all(s is not None for s in weak.values()):  # then no side's best choice depends on the other's
        assert "real game" not in answer and "depends on" not in answer
    for side, s in weak.items():
        if s is None:
            assert f"{side} has no strategy that is best" in answer


def test_dominance_answer_every_way():
    none = {"Russia": None, "China": None}
    assert dominance_answer({"Russia": "Partner", "China": "Partner"},
                            {"Russia": "Partner", "China": "Partner"}).startswith("Yes: ")
    assert "real game" in dominance_answer(none, none)
    mixed = dominance_answer(none, {"Russia": None, "China": "Partner"})
    assert "Partner is weakly dominant for China" in mixed and "Russia has no strategy" in mixed


def test_equilibrium_sentence_comes_from_the_nash_subsets():
    # founding 2001: degenerate, two isolated pure equilibria and no mixed one (a mixture of Partner and Rival
    # by Russia against China's Rival makes China's Partner strictly better, and vice versa)
    rep, les = _lesson("founding_2001")
    assert rep.stage.degenerate and len(rep.stage.equilibria) == 2
    assert "mixed one between them" not in les.summary[0]
    assert "no other equilibrium" in les.summary[0]
    # Iraq 2003 by hand: against Russia's Rival, China's Partner and Rival both pay -2 (Ally -6), so China may
    # mix q Partner + (1 - q) Rival; Russia then gets Ally 2q - 5(1 - q), Partner 4.5q - 2.5(1 - q), Rival -2,
    # and Rival stays a best reply iff -2 >= 7q - 2.5, q <= 1/14: a segment from Rival/Rival to q = 1/14
    rep, les = _lesson("iraq_2003")
    assert "segment" in les.summary[0] and "1/14 Partner + 13/14 Rival" in les.summary[0]
    assert "mixed one between them" not in les.summary[0]


@pytest.mark.parametrize("name", SCENARIOS)
def test_joint_front_sentence_uses_the_credible_reversion(name):
    rep, les = _lesson(name)
    joint = rep.sustainability[1]
    assert joint.delta_star is None and joint.dominated_by == "Partner/Partner"
    assert "cannot be kept at any patience" in les.summary[2]
    assert f"{joint.knife_edge_delta_star:.3g}" in les.summary[2] and "knife edge" in les.summary[2]
