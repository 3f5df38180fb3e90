"""The story's dates (1996-2003) and who was where in 2001, each with its source in the paper.

Plain data for the overview notebook and its figures, read from ``sco_games/data/timeline.yaml``;
nothing here computes anything.

>>> TIMELINE[0].date.year, TIMELINE[-1].date.year
(1996, 2003)
>>> sorted(ROLES_2001)[:2]
['China', 'India']
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sco_games.data import load

__all__ = ["Event", "TIMELINE", "ROLES_2001", "ROLE_SOURCES", "STORIES"]

#: The threads of the story an event belongs to.
STORIES = ("border", "partnership", "enlargement", "world")


@dataclass(frozen=True)
class Event:
    """A dated event of the story, with its source (the paper's section/footnote; the record for a day the
    paper does not give) and a ``note`` where the paper and the record differ (e.g. the paper's "February
    1997" for the Moscow agreement of 24 April 1997)."""

    date: _dt.date
    label: str
    story: str  # one of STORIES
    source: str
    note: str = ""


def _events(rows: list[dict]) -> tuple[Event, ...]:
    events = tuple(Event(**row) for row in rows)
    for e in events:
        if not isinstance(e.date, _dt.date) or e.story not in STORIES:
            raise ValueError(f"timeline.yaml: bad event {e!r} (date YYYY-MM-DD, story one of {STORIES})")
    if list(events) != sorted(events, key=lambda e: e.date):
        raise ValueError("timeline.yaml: events must be in date order")
    return events


_DATA = load("timeline.yaml")
#: Events in date order (the paper; summit dates from the sources its footnotes cite).
TIMELINE: tuple[Event, ...] = _events(_DATA["events"])
#: Who was what in 2001: the six founding members, the candidates the paper names, the outside power.
ROLES_2001: dict[str, str] = dict(_DATA["roles_2001"])
#: The source of each role.
ROLE_SOURCES: dict[str, str] = dict(_DATA["role_sources"])
