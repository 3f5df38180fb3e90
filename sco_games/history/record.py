"""The SCO's record after the paper: who became dialogue partner, observer, member, and when; the applications
on the table at each date; the package deals. Read from ``sco_games/data/sco_membership.yaml`` (the same file
as :mod:`sco_games.data.membership`, which gives the year-level view the enlargement claims use).

Every entry carries its source; ``check`` marks the facts recorded from general knowledge of the SCO summits
that could not be verified from this project's files (:func:`to_check` lists them).

>>> import datetime as dt
>>> status_on("Mongolia", dt.date(2004, 6, 16)), status_on("Mongolia", dt.date(2024, 12, 31))
('none', 'observer')
>>> status_on("India", dt.date(2017, 6, 9))
'member'
>>> [a.status for a in applications_known("Iran", dt.date(2017, 6, 8))]
['observer', 'member']
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import cache

from sco_games.data import load

__all__ = ["NONE", "RANK", "Application", "Package", "StatusChange", "applications_known", "changes",
           "packages", "rank", "status_on", "to_check"]

#: The status of a state outside the SCO.
NONE = "none"
#: The SCO's stages, weakest first (Nazarbaev's three stages, paper §3-2, fn 62), after "none".
RANK: dict[str, int] = {NONE: 0, "dialogue_partner": 1, "observer": 2, "member": 3}

_FILE = "sco_membership.yaml"


def rank(status: str) -> int:
    """The stage of ``status`` (``none`` 0 .. ``member`` 3); a ``ValueError`` names an unknown status."""
    if status not in RANK:
        raise ValueError(f"status = {status!r}: must be one of {', '.join(RANK)}")
    return RANK[status]


@dataclass(frozen=True)
class StatusChange:
    """``state`` took ``status`` on ``date`` (the summit that decided it)."""

    state: str
    status: str
    date: _dt.date
    source: str
    check: bool
    note: str = ""


@dataclass(frozen=True)
class Application:
    """``state`` had asked for ``status`` by ``known_by``."""

    state: str
    status: str
    known_by: _dt.date
    source: str
    check: bool


@dataclass(frozen=True)
class Package:
    """States admitted together to ``status`` on ``date`` (e.g. India and Pakistan, 2017)."""

    name: str
    states: tuple[str, ...]
    status: str
    date: _dt.date
    source: str
    check: bool


def _date(x: object, where: str) -> _dt.date:
    if isinstance(x, _dt.date):
        return x
    raise ValueError(f"{_FILE}: {where}: date {x!r} is not a date (write YYYY-MM-DD)")


@cache
def _record() -> tuple[tuple[StatusChange, ...], tuple[Application, ...], tuple[Package, ...]]:
    raw = load(_FILE)
    ch = []
    for state, entries in raw["states"].items():
        for i, e in enumerate(entries):
            rank(e["status"])
            ch.append(StatusChange(state, e["status"], _date(e.get("date"), f"states.{state}[{i}]"),
                                   str(e.get("source", "")), bool(e.get("check", False)),
                                   str(e.get("note", ""))))
    apps = tuple(Application(a["state"], a["status"], _date(a["known_by"], f"applications.{a['state']}"),
                             str(a["source"]), bool(a.get("check", False)))
                 for a in raw.get("applications", []))
    pk = tuple(Package(n, tuple(p["states"]), p["status"], _date(p["date"], f"packages.{n}"),
                       str(p["source"]), bool(p.get("check", False)))
               for n, p in raw.get("packages", {}).items())
    return tuple(sorted(ch, key=lambda c: (c.date, c.state))), apps, pk


def changes(state: str | None = None) -> tuple[StatusChange, ...]:
    """Every status change (of ``state``, or of every state), in date order."""
    return tuple(c for c in _record()[0] if state is None or c.state == state)


def status_on(state: str, date: _dt.date) -> str:
    """``state``'s status at the end of ``date`` (``"none"`` before its first status)."""
    held = [c.status for c in changes(state) if c.date <= date]
    return held[-1] if held else NONE


def applications_known(state: str, date: _dt.date) -> tuple[Application, ...]:
    """The requests of ``state`` known on ``date`` (``known_by <= date``), in date order."""
    return tuple(sorted((a for a in _record()[1] if a.state == state and a.known_by <= date),
                        key=lambda a: a.known_by))


def packages() -> tuple[Package, ...]:
    """The package deals of the record."""
    return _record()[2]


def to_check() -> list[tuple[str, str]]:
    """``(fact, source to check)`` for every entry marked ``check: true``."""
    out = [(f"{c.state} {c.status.replace('_', ' ')} on {c.date}", c.source) for c in changes() if c.check]
    out += [(f"{a.state} asked for {a.status.replace('_', ' ')} by {a.known_by}", a.source)
            for a in _record()[1] if a.check]
    out += [(f"package {p.name}: {' + '.join(p.states)} {p.status} on {p.date}", p.source)
            for p in packages() if p.check]
    return out
