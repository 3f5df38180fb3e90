"""National capabilities in 2001 (CINC, GDP, population), shipped with the package with sources.

One source of truth for every model that needs power ratios (border bargaining's win probability,
enlargement's prestige weights). Data: ``sco_games/data/capabilities_2001.yaml``.

>>> caps = capabilities()
>>> caps["China"].cinc
0.16547
>>> round(win_probability("China", "Tajikistan"), 4)   # CINC ratio p = c_A / (c_A + c_B)
0.9978
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sco_games.data import load

__all__ = ["Capability", "capabilities", "capability_sources", "win_probability"]


@dataclass(frozen=True)
class Capability:
    """One state's 2001 capabilities."""

    state: str
    cinc: float
    gdp_usd_bn: float
    population_m: float


@cache
def _load() -> tuple[dict[str, Capability], dict[str, str]]:
    raw = load("capabilities_2001.yaml")
    caps = {
        s: Capability(state=s, **{k: float(v) for k, v in row.items()}) for s, row in raw["states"].items()
    }
    return caps, dict(raw["sources"])


def capabilities() -> dict[str, Capability]:
    """State name -> :class:`Capability` (a fresh dict; the values are frozen)."""
    return dict(_load()[0])


def capability_sources() -> dict[str, str]:
    """Field name (``cinc``, ``gdp_usd_bn``, ``population_m``) -> its data set."""
    return dict(_load()[1])


def win_probability(a: str, b: str) -> float:
    """The capability-ratio probability that ``a`` prevails over ``b``: ``cinc_a / (cinc_a + cinc_b)``
    (the standard proxy in the bargaining-and-war literature, e.g. Reed 2003)."""
    caps = _load()[0]
    for s in (a, b):
        if s not in caps:
            raise ValueError(f"unknown state {s!r}; known: {', '.join(sorted(caps))}")
    return caps[a].cinc / (caps[a].cinc + caps[b].cinc)
