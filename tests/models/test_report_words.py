"""The report wording and tables moved out of notebooks 02 and 03 into the library (PartnershipReport's
equilibrium, ladder and range-end sentences, TieSides' rows, BorderReport's calibration table): each branch
on constructed inputs, the tables against the results they are built from."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest

from sco_games.models import border
from sco_games.models import partnership as pm
from sco_games.models.partnership.ladder import LadderCheck
from sco_games.models.partnership.ties import StageTie, TieSides
from sco_games.scenario import load_scenario


@pytest.fixture(scope="module")
def rep():
    refs = {n: load_scenario(f"params/{n}.yaml").partnership for n in pm.REFERENCE_SCENARIOS}
    return pm.report(refs["iraq_2003"], "iraq_2003", refs, dt.date(2003, 5, 29))


@pytest.mark.parametrize("label, start", [
    ("Partner/Partner", "Neither ally nor rival"),
    ("multiple: Partner/Partner + Rival/Rival", "The partnership is one of several equilibria"),
    ("multiple: Ally/Ally + Rival/Rival", "This is **not** the partnership"),
    ("Rival/Rival", "This is **not** the partnership"),
])
def test_equilibrium_text_by_label(rep, label, start):
    assert dataclasses.replace(rep, stage=SimpleNamespace(label=label)).equilibrium_text().startswith(start)


def test_ladder_text_follows_the_check(rep):
    same = LadderCheck("Partner/Partner", {"a": "Partner/Partner", "b": "Partner/Partner"})
    other = LadderCheck("Partner/Partner", {"a": "Partner/Partner", "b": "Rival/Rival"})
    assert "survives both" in dataclasses.replace(rep, ladder=same).ladder_text()
    assert "**does not survive**" in dataclasses.replace(rep, ladder=other).ladder_text()


def test_range_moved_is_the_claims_whose_verdict_differs_at_a_range_end(rep):
    now = {c.id: c.verdict for c in rep.claims}
    flip = "partly" if now["P4"] != "partly" else "reproduced"
    ends = (("low", "x", dict(now)), ("high", "x", {**now, "P4": flip}))
    moved = dataclasses.replace(rep, range_ends=ends)
    assert moved.range_moved() == ("P4",)
    assert moved.range_text().startswith("Verdicts that change within these ranges: P4. Those verdicts")
    still = dataclasses.replace(rep, range_ends=(("low", "x", dict(now)),))
    assert still.range_moved() == ()
    assert still.range_text() == "Verdicts that change within these ranges: none."


def test_tie_rows_name_each_side_and_its_shares():
    t = StageTie("China", ("Partner", "Rival"), "Rival", -2.0, ("-θ·U_C - V_C", "-C_C"), ("v",),
                 ("Rival/Rival",))
    rr = "multiple: Partner/Partner + Rival/Rival"
    s = TieSides((t,), ("v",), (), 10, 0, {("Partner/Partner", True): 0.7, (rr, False): 0.3},
                 ({"first": (0.7, {("Partner/Partner", True): 1.0}), "second": (0.3, {(rr, False): 1.0})},))
    assert s.outcome_rows() == [("Partner/Partner", "yes", "70.0%"), (rr, "no", "30.0%")]
    assert s.side_rows() == [
        ("China: Partner pays more than Rival against Rival", "70%",
         "Partner/Partner (Partner dominant for both) 100%"),
        ("China: Rival pays more than Partner against Rival", "30%", f"{rr} 100%")]


def test_border_linkage_rows_against_the_calibrations():
    sc = load_scenario("params/iraq_2003.yaml")
    r = border.report(sc.border, sc.meta.date)
    rows = r.linkage_rows()
    assert len(rows) == sum(len(d.facts.readings) for d in r.dyads.values()) * 2  # both points per dyad
    reasons = r.calibration_reasons(every_point=True)
    assert set(r.calibration_reasons()) <= set(reasons)
    for row in rows:
        n, label, dis_label = row[0], row[1], row[3]
        d = r.dyads[n]
        dis = next(k for k, v in border.DISAGREEMENT_LABELS.items() if v == dis_label)
        if dis not in d.linkage_by:  # Russia: no war between nuclear powers
            assert n == "Russia" and dis == "war" and set(row[4:]) == {
                "not applicable (no war between nuclear powers)"}
            continue
        reading = next(x for x in d.facts.readings if x.label == label)
        assert row[2] == f"{100 * reading.observed_share:.1f}%"
        cs = d.linkage_by[dis][reading.id]
        for cell, s in zip(row[4:7], ("nash", "kalai-smorodinsky", "rubinstein"), strict=True):
            c = cs[s]
            assert cell == (f"{c.value:.3f}" if c.found else "no value")
            assert c.found or c.reason in reasons
        assert (row[7] == "not applicable (a range against war)") == (dis == "dispute")
