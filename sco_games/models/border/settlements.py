"""The settlement facts of the China-neighbour dyads (package data ``data/border_settlements.yaml``): the
border, the share China held, the agreements and the *readings* (accounts of what was disputed and ceded).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import Field

from sco_games.data import load
from sco_games.models.border.params import Neighbour, _Share
from sco_games.sourced import Sourced, Strict

__all__ = [
    "Reading",
    "DyadFacts",
    "settlements",
]


class _Agreement(Strict):
    date: _dt.date
    what: str
    source: str = Field(min_length=3)


class _ReadingData(Strict):
    id: str
    label: str
    ceded_km2: Sourced[Annotated[float, Field(ge=0)]]
    disputed_km2: Sourced[Annotated[float, Field(gt=0)]]
    reported: _dt.date


class _DyadData(Strict):
    border_km: Sourced[Annotated[float, Field(gt=0)]]
    china_held_share: Sourced[_Share]
    settled: _dt.date
    agreements: list[_Agreement]
    readings: list[_ReadingData] = Field(min_length=1)


class _SettlementsFile(Strict):
    dyads: dict[Neighbour, _DyadData]


@dataclass(frozen=True)
class Reading:
    """One account of a settlement: the disputed area, what China obtained, when it was reported."""

    id: str
    label: str
    ceded_km2: float
    disputed_km2: float
    reported: _dt.date
    ceded_source: str
    disputed_source: str
    ceded_range: tuple[float, float] | None = None
    disputed_range: tuple[float, float] | None = None

    @property
    def observed_share(self) -> float:
        """China's share of the disputed area: ``ceded / disputed``."""
        return self.ceded_km2 / self.disputed_km2

    @property
    def share_range(self) -> tuple[float, float]:
        """The spread of the share over the sources' ranges (lowest ceded / largest disputed, and back)."""
        c_lo, c_hi = self.ceded_range or (self.ceded_km2, self.ceded_km2)
        d_lo, d_hi = self.disputed_range or (self.disputed_km2, self.disputed_km2)
        return (c_lo / d_hi, c_hi / d_lo)


@dataclass(frozen=True)
class DyadFacts:
    """The settlement facts of one China-neighbour dyad (from ``data/border_settlements.yaml``)."""

    neighbour: str
    border_km: float
    china_held_share: float
    settled: _dt.date
    agreements: tuple[tuple[_dt.date, str, str], ...]
    readings: tuple[Reading, ...]
    sources: tuple[tuple[str, Any, str], ...]

    def reading(self, reading_id: str | None = None) -> Reading:
        """The reading with this id (the first one, the main account, when None)."""
        if reading_id is None:
            return self.readings[0]
        for r in self.readings:
            if r.id == reading_id:
                return r
        raise ValueError(
            f"reading_id={reading_id!r}: no such reading for {self.neighbour}; "
            f"known: {', '.join(r.id for r in self.readings)}"
        )

    def settled_by(self, date: _dt.date) -> bool:
        """Whether the settlement was signed on or before ``date``."""
        return self.settled <= date


@cache
def _load_settlements() -> dict[str, DyadFacts]:
    raw = _SettlementsFile.model_validate(load("border_settlements.yaml"))
    out: dict[str, DyadFacts] = {}
    for name, d in raw.dyads.items():
        readings = tuple(
            Reading(
                id=r.id,
                label=r.label,
                ceded_km2=r.ceded_km2.value,
                disputed_km2=r.disputed_km2.value,
                reported=r.reported,
                ceded_source=r.ceded_km2.source,
                disputed_source=r.disputed_km2.source,
                ceded_range=r.ceded_km2.range,
                disputed_range=r.disputed_km2.range,
            )
            for r in d.readings
        )
        rows: list[tuple[str, Any, str]] = [
            (f"{name}.border_km", d.border_km.value, d.border_km.source),
            (f"{name}.china_held_share", d.china_held_share.value, d.china_held_share.source),
        ]
        for r in d.readings:
            rows.append((f"{name}.{r.id}.ceded_km2", r.ceded_km2.value, r.ceded_km2.source))
            rows.append((f"{name}.{r.id}.disputed_km2", r.disputed_km2.value, r.disputed_km2.source))
        out[name] = DyadFacts(
            neighbour=name,
            border_km=d.border_km.value,
            china_held_share=d.china_held_share.value,
            settled=d.settled,
            agreements=tuple((a.date, a.what, a.source) for a in d.agreements),
            readings=readings,
            sources=tuple(rows),
        )
    return out


def settlements() -> dict[str, DyadFacts]:
    """Neighbour name -> :class:`DyadFacts` (Tajikistan, Kyrgyzstan, Kazakhstan, Russia).

    >>> s = settlements()["Tajikistan"]
    >>> round(s.reading().observed_share, 4), s.reading("specialists_4000").ceded_km2
    (0.0351, 4000.0)
    """
    return dict(_load_settlements())
