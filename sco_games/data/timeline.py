"""The story's dates (1996-2003) and who was where in 2001, each with its source in the paper.

Plain data for the overview notebook and its figures; nothing here computes anything.

>>> TIMELINE[0].date.year, TIMELINE[-1].date.year
(1996, 2003)
>>> sorted(ROLES_2001)[:2]
['China', 'India']
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

__all__ = ["Event", "TIMELINE", "ROLES_2001", "ROLE_SOURCES"]


@dataclass(frozen=True)
class Event:
    """A dated event of the story, with the paper's section/footnote."""

    date: _dt.date
    label: str
    story: str  # "border", "partnership", "enlargement" or "world"
    source: str


def _d(s: str) -> _dt.date:
    return _dt.date.fromisoformat(s)


#: Events in date order (the paper; summit dates from the sources its footnotes cite).
TIMELINE: tuple[Event, ...] = (
    Event(_d("1996-04-26"), "Shanghai agreement on military confidence building in the border area: "
          "the 'Shanghai Five' begin; Russia-China 'strategic partnership' declared", "border",
          "paper §1-1 (fn 7), §3-1"),
    Event(_d("1997-04-24"), "Moscow agreement: arms and troops limited in the 100-km border zone", "border",
          "paper §1-1 (fn 8)"),
    Event(_d("1998-07-03"), "Almaty summit: Kazakh-Chinese supplementary border agreement", "border",
          "paper §1-1, §1-2"),
    Event(_d("1999-08-25"), "Bishkek summit: Kyrgyz-Chinese supplementary border agreement", "border",
          "paper §1-1 (fn 10), §1-2 (fn 15)"),
    Event(_d("2000-07-05"), "Dushanbe summit: security agenda (terrorism, separatism, extremism)",
          "partnership",
          "paper §1-2"),
    Event(_d("2001-06-15"), "SCO founded in Shanghai; Uzbekistan joins", "enlargement", "paper fn 53"),
    Event(_d("2001-09-11"), "9/11; US forces come to Central Asia", "world", "paper §2-1"),
    Event(_d("2002-05-17"), "China-Tajikistan supplementary border agreement (about 1,000 km2 ceded)",
          "border",
          "paper §1-1 (fn 11-13)"),
    Event(_d("2002-05-28"), "NATO-Russia Council set up", "partnership", "paper §2-1"),
    Event(_d("2002-06-07"), "SCO charter signed in St. Petersburg", "enlargement",
          "paper Introduction (fn 1, 3)"),
    Event(_d("2003-03-20"), "US-UK war on Iraq begins", "world", "paper §2-2 (fn 37)"),
    Event(_d("2003-05-29"), "SCO Moscow declaration: silent on the war, mentions only Iraq's reconstruction",
          "enlargement", "paper §2-2 (fn 42)"),
    Event(_d("2003-06-01"), "Putin and Bush mend fences in St. Petersburg", "partnership", "paper §2-2"),
)

#: Who was what in 2001: the six founding members, the candidates the paper names, the outside power.
ROLES_2001: dict[str, str] = {
    "China": "member", "Russia": "member", "Kazakhstan": "member", "Kyrgyzstan": "member",
    "Tajikistan": "member", "Uzbekistan": "member",
    "Mongolia": "candidate", "India": "candidate", "Pakistan": "candidate", "Iran": "candidate",
    "USA": "outside power",
}

ROLE_SOURCES: dict[str, str] = {
    "member": "paper Introduction; Declaration on the establishment of the SCO, 15 June 2001 (fn 53)",
    "candidate": "paper §3-2 (Mongolia the top candidate; India, Pakistan, Iran)",
    "outside power": "paper §2-1, §2-2",
}
