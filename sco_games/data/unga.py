"""Agreement in UN General Assembly roll calls, year by year, for pairs of states (the US, Russia, China and
the Central Asian SCO members), from Voeten's voting data as the R package ``unvotes`` 0.3.0 ships it.

The shipped table ``unga_agreement.csv`` is derived once, at tool time, by ``tools/derive_unvotes.py`` with
:func:`agreement_table`; its ``#`` header says from what, how, and carries the MIT notice. Nothing here
needs the ``.rda`` files or an R reader at run time.

**The measure** (:func:`agreement_table`): Lijphart's index of agreement (Lijphart 1963, "The Analysis of
Bloc Voting in the General Assembly", *APSR* 57(4), pp. 902-917), the "agree" score of the UNGA voting
literature (Voeten 2000, "Clashes in the Assembly", *International Organization* 54(2); Bailey, Strezhnev
and Voeten 2017, *Journal of Conflict Resolution* 61(2)): over the roll calls of a session in which *both*
states voted, yes = 1, abstain = 1/2, no = 0, and agreement = 1 - mean |a - b|. A yes against an abstention
counts half an agreement; absences (not in the data) count for nothing. ``identical`` is the plain share of
identical votes, kept beside it.

**Years**: the UN holds one session a year, opening in September; a session's year is ``1945 + session``
(session 47 = 1992). The table starts in 1992 (session 47): until December 1991 the seat coded "RU" in
``unvotes`` was the Soviet Union's, and Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan joined the UN
in March 1992.

>>> rows = agreement_table([(1, 1992, "US", "yes"), (1, 1992, "RU", "abstain"),
...                         (2, 1992, "US", "no"), (2, 1992, "RU", "no")], [("US", "RU")])
>>> rows[0].pair, rows[0].n_votes, rows[0].agreement, rows[0].identical
('US-RU', 2, 0.75, 0.5)
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from sco_games.data import load

__all__ = [
    "VOTE_VALUES",
    "TABLE",
    "COUNTRIES",
    "FIRST_YEAR",
    "AgreementRow",
    "AgreementSeries",
    "agreement_table",
    "agreement_rows",
    "series",
    "provenance",
]

#: A vote's value in the agreement index: yes = 1, abstain = 1/2, no = 0 (Lijphart 1963).
VOTE_VALUES = {"yes": 1.0, "abstain": 0.5, "no": 0.0}
#: The shipped table (package data).
TABLE = "unga_agreement.csv"
#: ISO 2 codes of the states in the table, with their names (the order of a pair's name).
COUNTRIES = {"US": "United States", "RU": "Russia", "CN": "China", "KZ": "Kazakhstan", "KG": "Kyrgyzstan",
             "TJ": "Tajikistan", "UZ": "Uzbekistan"}
#: The first year of the table: session 47 (1992), the first after the Soviet Union's seat went to Russia.
FIRST_YEAR = 1992


@dataclass(frozen=True)
class AgreementRow:
    """One pair of states in one session-year: roll calls both voted in, Lijphart's agreement index, the
    share of identical votes, and the dates of the first and last of those roll calls (``None`` if the votes
    carried no dates)."""

    year: int
    a: str
    b: str
    n_votes: int
    agreement: float
    identical: float
    first_vote: _dt.date | None = None
    last_vote: _dt.date | None = None

    @property
    def pair(self) -> str:
        """``"a-b"``, e.g. ``"US-RU"``."""
        return f"{self.a}-{self.b}"


def _vote(v: Sequence) -> tuple[int, int, str, str, _dt.date | None]:
    if len(v) not in (4, 5):
        raise ValueError(f"a vote is (rcid, year, country, vote[, date]), got {v!r}")
    rcid, year, country, choice = v[:4]
    if choice not in VOTE_VALUES:
        raise ValueError(f"vote {v!r}: the vote must be one of {', '.join(VOTE_VALUES)}, got {choice!r}")
    return int(rcid), int(year), str(country), str(choice), (v[4] if len(v) == 5 else None)


def agreement_table(votes: Iterable[Sequence], pairs: Sequence[tuple[str, str]]) -> tuple[AgreementRow, ...]:
    """Yearly agreement of each pair ``(a, b)`` from roll-call votes ``(rcid, year, country, vote[, date])``
    (vote: ``"yes"``, ``"abstain"``, ``"no"``; a country absent from a roll call has no row for it).

    For each year and pair, over the roll calls in which both voted: ``agreement = 1 - mean |v_a - v_b|``
    with :data:`VOTE_VALUES` (Lijphart's index), ``identical`` = share of identical votes. A year in which
    the pair never voted together has no row. A country voting twice in one roll call is an error. Rows
    are sorted by year, then in the order of ``pairs``.
    """
    ballots: dict[tuple[int, int], dict[str, str]] = defaultdict(dict)
    dates: dict[int, _dt.date | None] = {}
    for v in votes:
        rcid, year, country, choice, date = _vote(v)
        seat = ballots[(year, rcid)]
        if country in seat:
            raise ValueError(f"roll call {rcid} ({year}): {country} votes twice")
        seat[country] = choice
        dates[rcid] = date
    out = []
    for year in sorted({y for y, _ in ballots}):
        calls = sorted(r for y, r in ballots if y == year)
        for a, b in pairs:
            both = [(ballots[(year, r)][a], ballots[(year, r)][b], dates[r]) for r in calls
                    if a in ballots[(year, r)] and b in ballots[(year, r)]]
            if not both:
                continue
            dist = sum(abs(VOTE_VALUES[x] - VOTE_VALUES[y]) for x, y, _ in both)
            same = sum(x == y for x, y, _ in both)
            ds = [d for _, _, d in both if d is not None]
            out.append(AgreementRow(year, a, b, len(both), 1.0 - dist / len(both), same / len(both),
                                    min(ds) if ds else None, max(ds) if ds else None))
    return tuple(out)


@dataclass(frozen=True)
class AgreementSeries:
    """One pair's yearly agreement (years ascending, no gaps checked by :func:`series`)."""

    pair: str
    years: tuple[int, ...]
    agreement: tuple[float, ...]
    n_votes: tuple[int, ...]

    @property
    def label(self) -> str:
        """The pair in words, e.g. ``"United States-Russia"``."""
        a, b = self.pair.split("-")
        return f"{COUNTRIES.get(a, a)}-{COUNTRIES.get(b, b)}"


def _date(text: str) -> _dt.date | None:
    return _dt.date.fromisoformat(text) if text else None


@cache
def _rows() -> tuple[AgreementRow, ...]:
    out = []
    for i, r in enumerate(load(TABLE)["rows"], start=2):
        try:
            out.append(AgreementRow(int(r["year"]), r["a"], r["b"], int(r["n_votes"]), float(r["agreement"]),
                                    float(r["identical"]), _date(r["first_vote"]), _date(r["last_vote"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{TABLE}, data row {i}: {exc}") from None
    return tuple(out)


def agreement_rows() -> tuple[AgreementRow, ...]:
    """Every row of the shipped table ``unga_agreement.csv``."""
    return _rows()


def series(a: str, b: str, until: _dt.date | None = None, last_year: int | None = None) -> AgreementSeries:
    """The yearly agreement of the pair ``a``-``b`` (either order) from the shipped table.

    ``until``: only the session-years whose last joint roll call was *before* that date (what was known at
    a scenario's date); ``last_year``: no year after it. A gap in the years is an error (the year-on-year
    changes would span two years).

    >>> s = series("US", "RU", last_year=1995)
    >>> s.years
    (1992, 1993, 1994, 1995)
    """
    rows = [r for r in _rows() if {r.a, r.b} == {a, b}]
    if not rows:
        pairs = sorted({r.pair for r in _rows()})
        raise ValueError(f"no pair {a}-{b} in {TABLE}; known pairs: {', '.join(pairs)}")
    rows = [r for r in rows if (until is None or (r.last_vote is not None and r.last_vote < until))
            and (last_year is None or r.year <= last_year)]
    years = tuple(r.year for r in rows)
    if years and years != tuple(range(years[0], years[-1] + 1)):
        raise ValueError(f"{TABLE}: the pair {a}-{b} has gaps in its years: {years}")
    pair = rows[0].pair if rows else f"{a}-{b}"
    return AgreementSeries(pair, years, tuple(r.agreement for r in rows), tuple(r.n_votes for r in rows))


def provenance() -> str:
    """The shipped table's ``#`` header: source, citation, licence, derivation, checksums."""
    return "\n".join(load(TABLE)["header"])
