"""The record of SCO statuses after the paper (sco_games/data/sco_membership.yaml, read by history.record)."""

from __future__ import annotations

import datetime as dt

import pytest

from sco_games.data.membership import membership_history
from sco_games.history import record


def test_the_reference_facts():
    d = dt.date
    assert record.status_on("Mongolia", d(2004, 6, 16)) == "none"
    assert record.status_on("Mongolia", d(2004, 6, 17)) == "observer"
    assert record.status_on("Mongolia", d(2024, 12, 31)) == "observer"  # never a member (the paper's top one)
    assert [record.status_on("India", x) for x in (d(2005, 7, 4), d(2005, 7, 5), d(2017, 6, 9))] == [
        "none", "observer", "member"]
    assert record.status_on("Iran", d(2023, 7, 3)) == "observer"
    assert record.status_on("Iran", d(2023, 7, 4)) == "member"
    assert [c.status for c in record.changes("Belarus")] == ["dialogue_partner", "observer", "member"]
    (pk,) = record.packages()
    assert set(pk.states) == {"India", "Pakistan"} and pk.status == "member"
    assert all(record.status_on(s, pk.date) == "member" for s in pk.states)


def test_the_year_view_and_the_dated_view_agree():
    """membership_history (years, used by claim E6) and history.record (dates) read the same entries."""
    for state, entries in membership_history().items():
        assert [(e["year"], e["status"]) for e in entries] == [
            (c.date.year, c.status) for c in record.changes(state)]


def test_every_fact_has_a_source_and_the_unchecked_ones_are_listed():
    assert all(c.source for c in record.changes())
    listed = record.to_check()
    assert len(listed) == sum(c.check for c in record.changes()) + sum(
        a.check for a in record.applications_known("Iran", dt.date(2100, 1, 1))) + sum(
        a.check for s in ("Mongolia", "India", "Pakistan", "Afghanistan", "Belarus")
        for a in record.applications_known(s, dt.date(2100, 1, 1))) + sum(p.check for p in record.packages())
    assert all("check" in src or "paper" in src for _, src in listed)


def test_applications_are_known_only_after_their_date():
    assert record.applications_known("India", dt.date(2014, 9, 10))[-1].status == "observer"
    assert record.applications_known("India", dt.date(2014, 9, 11))[-1].status == "member"
    assert record.applications_known("Mongolia", dt.date(2024, 12, 31))[-1].status == "observer"


def test_rank_names_an_unknown_status():
    assert [record.rank(s) for s in ("none", "dialogue_partner", "observer", "member")] == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="must be one of"):
        record.rank("associate")
