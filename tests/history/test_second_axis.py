"""Tests of the history notebook's P3 section (sco_games.history.second_axis) and of the words and table
it is built from (sco_games.models.partnership.second_axis.summary_text / table_rows)."""

from __future__ import annotations

import datetime as _dt

from sco_games.history.second_axis import TABLE_COLUMNS, second_axis_section
from sco_games.models.partnership.claims import p3_verdict
from sco_games.models.partnership.second_axis import AXES, PERIODS, second_axis_test, summary_text, table_rows

DATES = (_dt.date(2001, 6, 15), _dt.date(2002, 6, 7), _dt.date(2003, 5, 29))


def test_the_section_uses_every_year_and_shows_the_dated_verdicts():
    sec = second_axis_section(DATES)
    assert sec.test.years == tuple(range(1992, 2020)) and sec.verdict == p3_verdict(None)
    assert list(sec.dated) == list(DATES) and all(sec.dated[d] == p3_verdict(d) for d in DATES)
    assert len(sec.rows) == len(PERIODS) * len(AXES) and all(len(r) == len(TABLE_COLUMNS) for r in sec.rows)
    md = sec.markdown
    assert f"Verdict over 1992-2019: {sec.verdict.verdict}" in md
    assert "fixed before the numbers were seen" in md and "2001-06-15: " in md
    differs = any(v.verdict != sec.verdict.verdict for v in sec.dated.values())
    assert ("differs from one known at a date" in md) == differs
    side = sec.sidecar()
    assert side["P3 verdict (UN votes, every year)"] == sec.verdict.verdict
    assert set(side["P3 verdicts at the scenarios' dates"]) == {str(d) for d in DATES}


def test_the_words_follow_the_numbers():
    t = second_axis_test()
    text = summary_text(t)
    m = t.main
    for k in (0, 1):
        c = m.get(k, "changes")
        assert f"r = {c.r:+.2f}" in text
        phrase = ("move against each other" if c.below_zero else "move together" if c.above_zero else
                  "show no clear link")
        assert phrase in text
    s = t.series["Russia-China"]
    assert f"Russia-China {s.agreement[0]:.2f} in 1992" in text
    rows = table_rows(t)
    assert rows[0][:2] == ("1992-2019", AXES[0][0]) and f"{m.get(0, 'levels').r:+.2f}" in rows[0][2]
    few = second_axis_test(_dt.date(1993, 1, 1))
    assert "Too few UN sessions" in summary_text(few)
