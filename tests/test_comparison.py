"""sco_games.comparison on constructed summaries (each change found, or not), and on the real scenarios."""

from __future__ import annotations

import pytest

from sco_games.comparison import MISSING, ModelSummary, ScenarioSummary, compare, summarize
from sco_games.models.common import Claim, RecordCheck
from sco_games.scenario import find_scenarios, load_scenario
from tests.conftest import ROOT


def _c(cid: str, verdict: str) -> Claim:
    return Claim(cid, f"claim {cid}", verdict, "evidence", "nothing")


def _r(rid: str, agrees: bool | None) -> RecordCheck:
    return RecordCheck(rid, f"question {rid}?", "p", "o", agrees, "paper §1")


def _row(name: str, date: str, p: list[Claim], e: list[Claim], head: str = "h",
         record: tuple[RecordCheck, ...] = ()) -> ScenarioSummary:
    return ScenarioSummary(name, name.title(), date, {
        "partnership": ModelSummary("partnership", head, tuple(p), record),
        "enlargement": ModelSummary("enlargement", "same", tuple(e))})


def test_no_change_between_identical_scenarios():
    rows = [_row("a", "2001", [_c("P1", "reproduced")], [_c("E1", "partly")]),
            _row("b", "2002", [_c("P1", "reproduced")], [_c("E1", "partly")])]
    cmp = compare(rows=rows)
    assert cmp.changes[0].nothing and "no verdict" in cmp.changes[0].sentence()
    assert cmp.claims == (("P1", "partnership"), ("E1", "enlargement"))
    assert cmp.cells == {"P1": {"a": "reproduced", "b": "reproduced"}, "E1": {"a": "partly", "b": "partly"}}
    assert cmp.sidecar()["key_results"] == {"scenarios": 2, "claims": 2, "verdict changes a -> b": 0}


def test_verdict_headline_and_record_changes_are_found():
    rows = [_row("a", "2001", [_c("P1", "reproduced"), _c("P2", "partly")], [_c("E1", "partly")],
                 record=(_r("R1", True),)),
            _row("b", "2002", [_c("P1", "not reproduced")], [_c("E1", "partly"), _c("E2", "not applicable")],
                 head="other", record=(_r("R1", False),)),
            _row("c", "2003", [_c("P1", "not reproduced")], [_c("E1", "reproduced")], head="other")]
    cmp = compare(rows=rows)
    ab, bc = cmp.changes
    assert {(v.claim_id, v.before, v.after) for v in ab.verdicts} == {
        ("P1", "reproduced", "not reproduced"), ("P2", "partly", MISSING), ("E2", MISSING, "not applicable")}
    assert ab.headlines == ("partnership",) and bc.headlines == ()
    assert ab.record == (("R1", "agrees with the record", "contradicts the record"),)
    assert bc.record == (("R1", "contradicts the record", "not checked"),)
    assert {(v.claim_id, v.before, v.after) for v in bc.verdicts} == {("E1", "partly", "reproduced"),
                                                                      ("E2", "not applicable", MISSING)}
    side = cmp.sidecar()
    assert side["key_results"] == {"scenarios": 3, "claims": 4, "verdict changes a -> b": 3,
                                   "verdict changes b -> c": 2}
    assert [r["agrees"] for r in side["record"]] == [True, False]  # the index flags b/R1
    assert side["record"][1]["id"] == "b/R1"
    assert "P1 (partnership) reproduced -> not reproduced" in ab.sentence()
    # of the 5 moves, 2 are between two scenarios that assess the claim (P1 a->b, E1 b->c); 3 are to or from
    # "not assessed", which the headline counts apart
    assert cmp.headline().endswith(
        "2 verdict change(s) between consecutive scenarios that both assess the claim "
        "(and 3 where one of the two does not code or assess it)")


@pytest.mark.slow
def test_the_real_scenarios_in_date_order():
    scenarios = [load_scenario(p) for p in find_scenarios(ROOT / "params")]
    rows = summarize(list(reversed(scenarios)))
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    by_name = {s.name: s for s in scenarios}
    for r in rows:
        assert set(r.models) == set(by_name[r.name].sections)  # a model only where the scenario codes it
        assert all(ms.headline for ms in r.models.values())


def test_claims_and_record_are_read_from_attributes_or_methods():
    # the partnership and enlargement reports hold tuples; the border report computes them in methods
    from sco_games.comparison import _summary

    class AsFields:
        claims = (_c("P1", "partly"),)
        record = (_r("R1", False),)

    class AsMethods:
        def claims(self):
            return [_c("B1", "reproduced")]

        def record_checks(self):
            return [_r("R2", True)]

    fields, methods = _summary("p", AsFields(), "h"), _summary("b", AsMethods(), "h")
    assert [c.id for c in fields.claims] == ["P1"] and [r.id for r in fields.record] == ["R1"]
    assert [c.id for c in methods.claims] == ["B1"] and [r.id for r in methods.record] == ["R2"]
    assert _summary("x", object(), "h").claims == () and _summary("x", object(), "h").record == ()
