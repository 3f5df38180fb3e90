"""Tests of sco_games.data: the one loader of package data files and the typed views over it.

(Here, not in tests/data/: that was the name of the fixtures folder, now tests/fixtures/.)
"""

from __future__ import annotations

import datetime as _dt

import pytest

from sco_games import data
from sco_games.data import timeline
from sco_games.data.capabilities import capabilities, win_probability
from sco_games.data.membership import membership_history, membership_sources


def test_every_package_data_file_loads():
    names = data.data_files()
    expected = {"capabilities_2001.yaml", "timeline.yaml", "border_settlements.yaml", "sco_membership.yaml"}
    assert expected <= set(names)
    for name in names:
        assert isinstance(data.load(name), dict), name


def test_load_returns_a_fresh_copy():
    a = data.load("sco_membership.yaml")
    a["states"].clear()
    assert data.load("sco_membership.yaml")["states"]
    membership_history()["China"].clear()
    assert membership_history()["China"] and membership_sources()["founding"]


@pytest.mark.parametrize("name", ["nope.yaml", "capabilities.py", "../pyproject.toml"])
def test_unknown_data_file_is_a_clear_error(name):
    with pytest.raises(FileNotFoundError, match="no package data file .* known: border_settlements.yaml"):
        data.load(name)


def test_timeline_is_data_in_date_order():
    assert all(isinstance(e.date, _dt.date) and e.story in timeline.STORIES for e in timeline.TIMELINE)
    assert [e.date for e in timeline.TIMELINE] == sorted(e.date for e in timeline.TIMELINE)
    assert set(timeline.ROLES_2001.values()) == set(timeline.ROLE_SOURCES)
    with pytest.raises(ValueError, match="date order"):
        timeline._events([{"date": _dt.date(2002, 1, 1), "label": "b", "story": "world", "source": "s"},
                          {"date": _dt.date(2001, 1, 1), "label": "a", "story": "world", "source": "s"}])
    with pytest.raises(ValueError, match="story one of"):
        timeline._events([{"date": _dt.date(2002, 1, 1), "label": "b", "story": "sport", "source": "s"}])


def test_capabilities_from_the_data_file():
    assert capabilities()["China"].cinc == data.load("capabilities_2001.yaml")["states"]["China"]["cinc"]
    assert win_probability("China", "Russia") + win_probability("Russia", "China") == pytest.approx(1)


def test_timeline_shows_the_paper_and_the_record_where_they_differ():
    by_date = {e.date: e for e in timeline.TIMELINE}
    moscow = by_date[_dt.date(1997, 4, 24)]
    assert "February 1997" in moscow.note and "24 April 1997" in moscow.note
    assert "agreement text" in moscow.source and "fn 8" in moscow.source
    # summit and bilateral agreement are two events each (Almaty 3/4 July 1998, Bishkek 25/26 Aug 1999)
    assert "Almaty summit" in by_date[_dt.date(1998, 7, 3)].label
    assert "Kazakh-Chinese" in by_date[_dt.date(1998, 7, 4)].label
    bishkek = by_date[_dt.date(1999, 8, 25)]
    assert "Bishkek summit" in bishkek.label and "fn 16" in bishkek.source
    assert "Kyrgyz-Chinese" in by_date[_dt.date(1999, 8, 26)].label
    assert all("MODELS.md" not in e.source + e.note for e in timeline.TIMELINE)
