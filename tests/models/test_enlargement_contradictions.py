"""The enlargement model's 'contradictions among member states' (paper §3-2, fn 57) and E5 before 9/11."""

import datetime as dt
from pathlib import Path

import pytest

from sco_games.models.enlargement.claims import e5_verdict, evaluate_claims
from sco_games.models.enlargement.game import EnlargementModel
from sco_games.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]


def model(name: str, overrides: dict | None = None) -> EnlargementModel:
    return EnlargementModel(load_scenario(ROOT / "params" / f"{name}.yaml", overrides).enlargement)


def test_contradictions_need_hostility_both_ways_and_spare_the_pair():
    m = model("founding_2001")
    # India->Pakistan = Pakistan->India = -0.2 (the scenario file): min(0.2, 0.2) = 0.2, borne by the others
    assert m.contradictions(["China", "India", "Pakistan"], "China") == pytest.approx(0.2)
    assert m.contradictions(["China", "India", "Pakistan"], "India") == 0.0
    # Tajikistan->Pakistan = -0.2 but no Pakistan->Tajikistan: a one-sided wariness, no contradiction
    assert m.contradictions(["China", "Tajikistan", "Pakistan"], "China") == 0.0


def test_the_cost_moves_each_third_members_gain_by_kappa_times_the_hostility():
    on = model("founding_2001")
    off = model("founding_2001", {"enlargement.contradiction_cost": 0.0})
    kappa = on.params.contradiction_cost.value
    deal = {"India": "member", "Pakistan": "member"}
    a, b = on.admit(deal), off.admit(deal)
    for s in a.voters:
        assert a.member_gains[s] == pytest.approx(b.member_gains[s] - kappa * 0.2)
        assert a.gain_parts[s]["contradiction"] == pytest.approx(-kappa * 0.2)
    # India alone imports no contradiction: its admission is decided by the other terms alone
    india = {"India": "member"}
    assert on.admit(india).member_gains == pytest.approx(off.admit(india).member_gains)


def test_no_contradiction_cost_in_the_file_means_none():
    m = model("founding_2001")
    p = m.params.model_copy(update={"contradiction_cost": None})
    both = {**m.base, "India": "member", "Pakistan": "member"}
    assert EnlargementModel(p).payoffs(both)["China"].contradiction == 0


def test_e5_is_not_applicable_before_911():
    m = model("founding_2001")
    assert evaluate_claims(m, dt.date(2001, 6, 15))[4].verdict == "not applicable"
    assert evaluate_claims(m, dt.date(2001, 9, 11))[4].verdict != "not applicable"
    assert evaluate_claims(m)[4].verdict != "not applicable"  # no date: judged
    assert e5_verdict(True, {"a": True}, before_911=True)[0] == "not applicable"
