"""Border bargaining between China and one former-Soviet neighbour (paper §1-1, fn 12-13; MODELS.md §2).

The puzzle: by material power China would win a war over the Pamir almost surely (CINC share against
Tajikistan ~0.998), yet in 2002 it took about 3.5% of the disputed area (about 1,000 km2; some say 4,000 km2).

The model of one dyad (China = player 1, the neighbour = player 2). China's share of the disputed area is
``x`` in [0, 1]; the neighbour keeps ``1 - x``. Each side values territory by ``u(s) = s^alpha``
(``alpha = 1`` linear, ``alpha < 1`` concave), so ``u(0) = 0`` and ``u(1) = 1``: **utilities are in units
of that side's value of the whole disputed area**.

- China gets an *issue-linkage* value ``L`` from **any** agreement (stability, the neighbour's help against
  separatism: §1-2, B4): its payoff from a deal is ``x^alpha_C + L``. ``L`` is measured in units of the value
  to China of the whole disputed area: ``L = 2`` means China valued the side benefits of a settled border at
  twice the value of owning all of it.
- Disagreement (``disagreement``): ``"war"`` -- China wins all with probability ``p`` (the CINC ratio from
  :func:`sco_games.capabilities.win_probability`), each side pays a cost ``c_i`` -- so
  ``d = (p - c_C, 1 - p - c_N)``; or ``"dispute"`` -- the status quo continues: China keeps the share ``h`` it
  holds, each side pays a cost ``k_i``: ``d = (h^alpha_C - k_C, (1 - h)^alpha_N - k_N)``.
- The neighbour's outside option ``o_N`` (walking away to the Russian-mediated "4+1" bloc, §1-1) is a
  constraint ``u_N >= o_N`` (the outside option principle), not a disagreement point.

Solutions (all from :mod:`sco_games.bargaining`, applied to the frontier ``(x^alpha_C + L, (1-x)^alpha_N)``):
asymmetric Nash (weight ``w`` to China), Kalai-Smorodinsky, Rubinstein alternating offers with outside options
(China proposes first; ``delta_i = exp(-r_i dt)``), and Fearon's bargaining range against war. Linkage enters
Fearon's range as an extra cost of no deal for China: the range is ``(p - c_C - L, p + c_N)``.

>>> g = dyad_game(BorderParams.example(), "Tajikistan")
>>> round(g.win_probability, 4)
0.9978
>>> pred = predict(g, disputed_km2=28500)
>>> round(pred.nash.china_share, 4)          # power only (L = 0): China takes p (equal war costs)
0.9978
>>> cal = calibrate_linkage(g, observed_share=0.035, solution="nash")
>>> cal.found, round(cal.value, 3)           # L = 2 (p - x_obs) + (c_N - c_C) for linear Nash, w = 1/2
(True, 1.926)
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

import numpy as np
import yaml
from pydantic import Field, model_validator
from scipy.optimize import brentq

from sco_games.bargaining import (
    discount_factor,
    fearon_range,
    kalai_smorodinsky,
    nash_solution,
    rubinstein,
)
from sco_games.capabilities import win_probability
from sco_games.sourced import Sourced, Strict, check_section, unwrap

__all__ = [
    "NEIGHBOURS",
    "SOLUTIONS",
    "BorderParams",
    "Reading",
    "DyadFacts",
    "settlements",
    "DyadGame",
    "dyad_game",
    "MethodSplit",
    "FearonSplit",
    "SplitPrediction",
    "predict",
    "predicted_share",
    "Calibration",
    "calibrate_linkage",
    "calibrate_nash_weight",
    "calibrate_all",
    "LinkageCurve",
    "linkage_curve",
    "SensitivityRow",
    "linkage_sensitivity",
]

Neighbour = Literal["Tajikistan", "Kyrgyzstan", "Kazakhstan", "Russia"]
NEIGHBOURS: tuple[str, ...] = ("Tajikistan", "Kyrgyzstan", "Kazakhstan", "Russia")
#: the solution concepts reported side by side
SOLUTIONS: tuple[str, ...] = ("nash", "kalai-smorodinsky", "rubinstein", "fearon")

_Share = Annotated[float, Field(ge=0, le=1)]
_Curvature = Annotated[float, Field(gt=0, le=1)]
_NonNeg = Annotated[float, Field(ge=0, le=100)]
_Positive = Annotated[float, Field(gt=0, le=100)]
_OpenUnit = Annotated[float, Field(gt=0, lt=1)]


# ----------------------------------------------------------------------------------------------------
# scenario parameters


class BorderParams(Strict):
    """The border section of a scenario: behavioural parameters (the dyad facts are package data).

    Costs and values are in units of each side's value of the whole disputed area. ``range`` on an entry is
    the plausible spread used by :func:`linkage_sensitivity`.
    """

    dyads: list[Neighbour] = Field(min_length=1, description="dyads to show, in order")
    focus_dyad: Neighbour = Field(description="the dyad the notebook's figures focus on")
    disagreement: Sourced[Literal["war", "dispute"]]
    valuation_curvature_china: Sourced[_Curvature]
    valuation_curvature_neighbour: Sourced[_Curvature]
    war_cost_china: Sourced[_NonNeg]
    war_cost_neighbour: Sourced[_NonNeg]
    dispute_cost_china: Sourced[_NonNeg]
    dispute_cost_neighbour: Sourced[_NonNeg]
    nash_weight_china: Sourced[_OpenUnit]
    discount_rate_china: Sourced[_Positive]
    discount_rate_neighbour: Sourced[_Positive]
    offer_interval_years: Sourced[_Positive]
    neighbour_outside_option: Sourced[_Share]
    linkage_prior: Sourced[_NonNeg]

    @model_validator(mode="after")
    def _focus_is_shown(self) -> BorderParams:
        if len(set(self.dyads)) != len(self.dyads):
            raise ValueError(f"dyads = {self.dyads!r}: each dyad at most once")
        if self.focus_dyad not in self.dyads:
            raise ValueError(f"focus_dyad = {self.focus_dyad!r} must be one of dyads {self.dyads!r}")
        return self

    @classmethod
    def example(cls, **values: Any) -> BorderParams:
        """A neutral parameter set for doctests and tests (linear values, equal costs 0.25, no outside
        option); keyword arguments replace values."""
        base: dict[str, Any] = {
            "disagreement": "war",
            "valuation_curvature_china": 1.0,
            "valuation_curvature_neighbour": 1.0,
            "war_cost_china": 0.25,
            "war_cost_neighbour": 0.25,
            "dispute_cost_china": 0.1,
            "dispute_cost_neighbour": 0.1,
            "nash_weight_china": 0.5,
            "discount_rate_china": 0.05,
            "discount_rate_neighbour": 0.05,
            "offer_interval_years": 1.0,
            "neighbour_outside_option": 0.0,
            "linkage_prior": 0.0,
        }
        base.update(values)
        data: dict[str, Any] = {"dyads": list(NEIGHBOURS), "focus_dyad": "Tajikistan"}
        data.update({k: {"value": v, "source": "example"} for k, v in base.items()})
        return cls.model_validate(data)


# ----------------------------------------------------------------------------------------------------
# settlement facts (package data)


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
    text = resources.files("sco_games").joinpath("data/border_settlements.yaml").read_text("utf-8")
    raw = _SettlementsFile.model_validate(yaml.safe_load(text))
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


# ----------------------------------------------------------------------------------------------------
# the game of one dyad


@dataclass(frozen=True)
class DyadGame:
    """All the numbers of one China-neighbour bargaining problem (plain floats; validated on creation).

    Units: each side's value of the whole disputed area is 1. ``linkage`` (L) is China's value of any
    agreement, in those units.
    """

    neighbour: str
    win_probability: float
    curvature_china: float = 1.0
    curvature_neighbour: float = 1.0
    war_cost_china: float = 0.25
    war_cost_neighbour: float = 0.25
    dispute_cost_china: float = 0.1
    dispute_cost_neighbour: float = 0.1
    china_held_share: float = 0.0
    disagreement: str = "war"
    nash_weight_china: float = 0.5
    discount_rate_china: float = 0.05
    discount_rate_neighbour: float = 0.05
    offer_interval_years: float = 1.0
    neighbour_outside_option: float = 0.0
    linkage: float = 0.0

    def __post_init__(self) -> None:
        checks = {
            "win_probability": (0.0, 1.0, True),
            "curvature_china": (0.0, 1.0, False),
            "curvature_neighbour": (0.0, 1.0, False),
            "china_held_share": (0.0, 1.0, True),
            "nash_weight_china": (0.0, 1.0, None),
            "neighbour_outside_option": (0.0, 1.0, True),
        }
        for name in dataclasses.fields(self):
            v = getattr(self, name.name)
            if isinstance(v, float | int) and not isinstance(v, bool) and not math.isfinite(float(v)):
                raise ValueError(f"{name.name} must be finite, got {v!r}")
        for name, (lo, hi, closed_lo) in checks.items():
            v = float(getattr(self, name))
            ok_lo = v >= lo if closed_lo else v > lo
            ok_hi = v < hi if closed_lo is None else v <= hi
            if not (ok_lo and ok_hi):
                allowed = {True: f"[{lo}, {hi}]", False: f"({lo}, {hi}]", None: f"({lo}, {hi})"}[closed_lo]
                raise ValueError(f"{name} must be in {allowed}, got {v!r}")
        for name in (
            "war_cost_china",
            "war_cost_neighbour",
            "dispute_cost_china",
            "dispute_cost_neighbour",
            "linkage",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)!r}")
        for name in ("discount_rate_china", "discount_rate_neighbour", "offer_interval_years"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be > 0, got {getattr(self, name)!r}")
        if self.disagreement not in ("war", "dispute"):
            raise ValueError(f"disagreement must be 'war' or 'dispute', got {self.disagreement!r}")

    def replace(self, **changes: Any) -> DyadGame:
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    # valuations
    def u_china(self, x: float) -> float:
        """China's value of a share ``x`` of the area (without linkage): ``x^alpha_C``."""
        return float(max(x, 0.0) ** self.curvature_china)

    def u_neighbour(self, s: float) -> float:
        """The neighbour's value of a share ``s``: ``s^alpha_N``."""
        return float(max(s, 0.0) ** self.curvature_neighbour)

    def x_from_china_utility(self, u: float) -> float:
        """The share ``x`` with ``x^alpha_C = u`` (clipped to [0, 1])."""
        return float(min(max(u, 0.0), 1.0) ** (1.0 / self.curvature_china))

    def x_from_neighbour_utility(self, v: float) -> float:
        """China's share ``x`` when the neighbour's utility is ``v = (1 - x)^alpha_N`` (clipped)."""
        return 1.0 - float(min(max(v, 0.0), 1.0) ** (1.0 / self.curvature_neighbour))

    @property
    def disagreement_point(self) -> tuple[float, float]:
        """``(d_C, d_N)`` without linkage: war lottery minus costs, or the status quo minus dispute costs."""
        if self.disagreement == "war":
            p = self.win_probability
            return (p - self.war_cost_china, 1.0 - p - self.war_cost_neighbour)
        h = self.china_held_share
        return (
            self.u_china(h) - self.dispute_cost_china,
            self.u_neighbour(1.0 - h) - self.dispute_cost_neighbour,
        )

    @property
    def max_china_share(self) -> float:
        """The largest ``x`` that leaves the neighbour its outside option: ``u_N(1 - x) >= o_N``."""
        return self.x_from_neighbour_utility(self.neighbour_outside_option)

    @property
    def deltas(self) -> tuple[float, float]:
        """Per-round discount factors ``exp(-r_i dt)`` (China, neighbour)."""
        dt = self.offer_interval_years
        return (
            discount_factor(self.discount_rate_china, dt),
            discount_factor(self.discount_rate_neighbour, dt),
        )


def dyad_game(params: BorderParams, neighbour: str, **changes: Any) -> DyadGame:
    """The :class:`DyadGame` of China and ``neighbour`` from a scenario's border section, the capabilities
    data (win probability = CINC ratio) and the settlement data (status quo). ``changes`` override fields."""
    check_section(params, BorderParams, "border", "dyad_game")
    facts = _load_settlements()
    if neighbour not in facts:
        raise ValueError(f"neighbour={neighbour!r}: unknown dyad; known: {', '.join(NEIGHBOURS)}")
    v = unwrap(params)
    game = DyadGame(
        neighbour=neighbour,
        win_probability=win_probability("China", neighbour),
        curvature_china=v["valuation_curvature_china"],
        curvature_neighbour=v["valuation_curvature_neighbour"],
        war_cost_china=v["war_cost_china"],
        war_cost_neighbour=v["war_cost_neighbour"],
        dispute_cost_china=v["dispute_cost_china"],
        dispute_cost_neighbour=v["dispute_cost_neighbour"],
        china_held_share=facts[neighbour].china_held_share,
        disagreement=v["disagreement"],
        nash_weight_china=v["nash_weight_china"],
        discount_rate_china=v["discount_rate_china"],
        discount_rate_neighbour=v["discount_rate_neighbour"],
        offer_interval_years=v["offer_interval_years"],
        neighbour_outside_option=v["neighbour_outside_option"],
        linkage=0.0,
    )
    return game.replace(**changes) if changes else game


# ----------------------------------------------------------------------------------------------------
# results


@dataclass(frozen=True)
class MethodSplit:
    """One solution concept's predicted split (``china_share`` None: no agreement beats disagreement)."""

    solution: str
    china_share: float | None
    disputed_km2: float
    agreement: bool
    method: str

    @property
    def china_km2(self) -> float | None:
        return None if self.china_share is None else self.china_share * self.disputed_km2

    @property
    def neighbour_km2(self) -> float | None:
        return None if self.china_share is None else (1.0 - self.china_share) * self.disputed_km2

    @property
    def china_pct(self) -> float | None:
        return None if self.china_share is None else 100.0 * self.china_share


@dataclass(frozen=True)
class FearonSplit:
    """Fearon's range of China's shares that both sides prefer to war (with linkage as a cost of no deal)."""

    low: float | None
    high: float | None
    disputed_km2: float
    empty: bool
    method: str

    @property
    def low_km2(self) -> float | None:
        return None if self.low is None else self.low * self.disputed_km2

    @property
    def high_km2(self) -> float | None:
        return None if self.high is None else self.high * self.disputed_km2

    def contains(self, x: float) -> bool:
        """Whether China's share ``x`` lies in the (closed) range."""
        return (not self.empty) and self.low - 1e-12 <= x <= self.high + 1e-12


@dataclass(frozen=True)
class SplitPrediction:
    """The predicted split of one dyad under every solution concept, side by side (China's share)."""

    game: DyadGame
    disputed_km2: float
    disagreement_point: tuple[float, float]
    nash: MethodSplit
    kalai_smorodinsky: MethodSplit
    rubinstein: MethodSplit
    fearon: FearonSplit

    def rows(self) -> list[tuple[str, str, str, str, str]]:
        """Table rows: (model, China's share in %, China's km2, neighbour's km2, how it was computed)."""

        def pct(v: float | None) -> str:
            return "no agreement" if v is None else f"{100 * v:.1f}%"

        def km(v: float | None) -> str:
            return "—" if v is None else f"{v:,.0f}"

        out = []
        for name, m in (
            ("Asymmetric Nash", self.nash),
            ("Kalai-Smorodinsky", self.kalai_smorodinsky),
            ("Rubinstein (outside options)", self.rubinstein),
        ):
            out.append((name, pct(m.china_share), km(m.china_km2), km(m.neighbour_km2), m.method))
        f = self.fearon
        if f.empty:
            out.append(("Fearon range", "empty", "—", "—", f.method))
        else:
            out.append(
                (
                    "Fearon range",
                    f"{pct(f.low)} – {pct(f.high)}",
                    f"{km(f.low_km2)} – {km(f.high_km2)}",
                    f"{km(self.disputed_km2 - f.high_km2)} – {km(self.disputed_km2 - f.low_km2)}",
                    f.method,
                )
            )
        return out

    def share(self, solution: str) -> float | None:
        """China's predicted share under ``solution`` (Fearon: the midpoint of the range)."""
        if solution == "fearon":
            return None if self.fearon.empty else 0.5 * (self.fearon.low + self.fearon.high)
        return _split_of(self, solution).china_share


def _split_of(pred: SplitPrediction, solution: str) -> MethodSplit:
    return {"nash": pred.nash, "kalai-smorodinsky": pred.kalai_smorodinsky, "rubinstein": pred.rubinstein}[
        solution
    ]


# ----------------------------------------------------------------------------------------------------
# the solutions


def _frontier(game: DyadGame):
    """The utility frontier ``(x^a_C + L, (1-x)^a_N)`` for ``x`` in ``[0, x_max]`` (x_max: outside option):
    exact vertices for linear values, else a callable on its domain. Returns ``(frontier, domain)``."""
    L = game.linkage
    x_max = game.max_china_share
    if game.curvature_china == 1.0 and game.curvature_neighbour == 1.0:
        pts = np.array([[L, 1.0], [L + x_max, 1.0 - x_max]])
        return pts, None
    hi = L + game.u_china(x_max)

    def f(u1: float) -> float:
        return game.u_neighbour(1.0 - game.x_from_china_utility(u1 - L))

    return f, (L, hi)


def _axiomatic(game: DyadGame, solution: str, disputed_km2: float) -> MethodSplit:
    d = game.disagreement_point
    L, x_max = game.linkage, game.max_china_share
    name = {"nash": "asymmetric Nash", "kalai-smorodinsky": "Kalai-Smorodinsky"}[solution]
    # China's best feasible payoff (x = x_max) is below its disagreement payoff: no deal beats disagreement
    if d[0] >= L + game.u_china(x_max) - 1e-15 or x_max <= 0.0 and d[0] >= L:
        return MethodSplit(
            solution,
            None,
            disputed_km2,
            False,
            f"{name}: no agreement (China's disagreement payoff exceeds its best deal)",
        )
    frontier, domain = _frontier(game)
    if x_max <= 0.0:  # the outside option leaves China nothing: the only deal is x = 0
        return MethodSplit(
            solution,
            0.0,
            disputed_km2,
            d[1] < 1.0,
            f"{name}: the neighbour's outside option leaves China x = 0",
        )
    if solution == "nash":
        w = game.nash_weight_china
        sol = nash_solution(frontier, d, (w, 1.0 - w), domain=domain)
    else:
        sol = kalai_smorodinsky(frontier, d, domain=domain)
    if not sol.agreement:
        return MethodSplit(solution, None, disputed_km2, False, f"{name}: {sol.method}")
    x = game.x_from_china_utility(sol.u1 - L)
    binds = abs(x - x_max) < 1e-9 and game.neighbour_outside_option > max(d[1], 0.0)
    note = "; the neighbour's outside option binds" if binds else ""
    return MethodSplit(solution, x, disputed_km2, True, f"{name} ({sol.method}){note}")


def _rubinstein_split(game: DyadGame, disputed_km2: float) -> MethodSplit:
    """Rubinstein alternating offers, China proposing first, with outside options.

    Options: China can always get ``max(d_C, L)`` (war/status quo, or x = 0 with the linkage value); the
    neighbour ``max(d_N, o_N, 0)``. Linear values: the game is a pie of size ``1 + L`` in which China's share
    is ``x + L``; normalised to 1 it is :func:`sco_games.bargaining.rubinstein`. Concave values: the same
    stationary equations (Osborne & Rubinstein 1990 §3.12) on the concave frontier, solved by iterating
    the contraction.
    """
    d_c, d_n = game.disagreement_point
    L = game.linkage
    opt_c = max(d_c, L)  # China's payoff from walking away, or from accepting x = 0 (any deal gives it >= L)
    opt_n = max(d_n, game.neighbour_outside_option, 0.0)
    dc, dn = game.deltas
    if game.curvature_china == 1.0 and game.curvature_neighbour == 1.0:
        size = 1.0 + L
        sol = rubinstein(dc, dn, (opt_c / size, opt_n / size))
        if not sol.agreement:
            return MethodSplit("rubinstein", None, disputed_km2, False, f"Rubinstein: {sol.method}")
        x = sol.proposer * size - L
        return MethodSplit(
            "rubinstein",
            min(max(x, 0.0), 1.0),
            disputed_km2,
            True,
            f"Rubinstein, China proposes first, pie 1 + L normalised ({sol.method})",
        )
    # concave frontier: China proposes x, neighbour proposes y (China's share when the neighbour proposes)
    if opt_c > L + game.u_china(game.x_from_neighbour_utility(opt_n)) + 1e-15:
        return MethodSplit(
            "rubinstein",
            None,
            disputed_km2,
            False,
            "Rubinstein: the outside options leave no mutually acceptable split",
        )

    def step(x: float) -> float:  # China's offer x -> the neighbour's counter y -> China's next offer
        y = game.x_from_china_utility(max(opt_c, dc * (game.u_china(x) + L)) - L)
        return game.x_from_neighbour_utility(max(opt_n, dn * game.u_neighbour(1.0 - y)))

    # step is non-decreasing and a contraction in utilities (modulus dC dN), so x - step(x) has one root
    lo_gap, hi_gap = 0.0 - step(0.0), 1.0 - step(1.0)
    if lo_gap >= 0.0:
        x = 0.0
    elif hi_gap <= 0.0:
        x = 1.0
    else:
        x = _root(lambda v: v - step(v), 0.0, 1.0)
    return MethodSplit(
        "rubinstein",
        x,
        disputed_km2,
        True,
        "Rubinstein, China proposes first: stationary SPE on the concave frontier (fixed point)",
    )


def _fearon_split(game: DyadGame, disputed_km2: float) -> FearonSplit:
    """Fearon's range with linkage: :func:`sco_games.bargaining.fearon_range` with China's cost ``c_C + L``.
    Its ends are reservation *utilities*; concave values map them back to shares (risk aversion widens it)."""
    fr = fearon_range(game.win_probability, game.war_cost_china + game.linkage, game.war_cost_neighbour)
    if fr.empty:
        return FearonSplit(None, None, disputed_km2, True, "Fearon: empty (no split beats war for both)")
    low = game.x_from_china_utility(fr.raw_lower)  # China: x^a_C + L >= p - c_C
    high = game.x_from_neighbour_utility(1.0 - fr.raw_upper)  # neighbour: (1-x)^a_N >= 1 - p - c_N
    return FearonSplit(
        low,
        high,
        disputed_km2,
        False,
        "Fearon (1995): shares both prefer to war, range (p - c_C - L, p + c_N) in utilities",
    )


def _check_game(game: Any, caller: str) -> None:
    """``TypeError`` unless ``game`` is a :class:`DyadGame`, saying how to build one from a scenario."""
    if isinstance(game, DyadGame):
        return
    hint = ("build one with dyad_game(scenario.border, neighbour)"
            if isinstance(game, BorderParams) or isinstance(getattr(game, "border", None), BorderParams)
            else "e.g. dyad_game(load_scenario(path).border, 'Tajikistan')")
    raise TypeError(f"{caller}() takes a DyadGame (one China-neighbour dyad), got {type(game).__name__}: "
                    f"{hint}")


def predict(game: DyadGame, disputed_km2: float = 1.0) -> SplitPrediction:
    """China's predicted share of the disputed area under asymmetric Nash, Kalai-Smorodinsky, Rubinstein (with
    outside options) and Fearon's range, for the parameters in ``game`` (its ``linkage`` included).

    >>> g = DyadGame("equal", win_probability=0.5)
    >>> p = predict(g, 100.0)
    >>> round(p.nash.china_share, 6), round(p.kalai_smorodinsky.china_share, 6), p.nash.china_km2
    (0.5, 0.5, 50.0)
    """
    _check_game(game, "predict")
    if not (isinstance(disputed_km2, int | float) and math.isfinite(disputed_km2) and disputed_km2 > 0):
        raise ValueError(f"disputed_km2 must be a positive number, got {disputed_km2!r}")
    return SplitPrediction(
        game=game,
        disputed_km2=float(disputed_km2),
        disagreement_point=game.disagreement_point,
        nash=_axiomatic(game, "nash", disputed_km2),
        kalai_smorodinsky=_axiomatic(game, "kalai-smorodinsky", disputed_km2),
        rubinstein=_rubinstein_split(game, disputed_km2),
        fearon=_fearon_split(game, disputed_km2),
    )


def predicted_share(game: DyadGame, solution: str) -> float | None:
    """China's share under one solution (``"nash"``, ``"kalai-smorodinsky"``, ``"rubinstein"``; ``"fearon"``
    gives the lower end of the range, the least China accepts)."""
    _check_game(game, "predicted_share")
    if solution == "fearon":
        return _fearon_split(game, 1.0).low
    if solution == "nash" or solution == "kalai-smorodinsky":
        return _axiomatic(game, solution, 1.0).china_share
    if solution == "rubinstein":
        return _rubinstein_split(game, 1.0).china_share
    raise ValueError(f"solution={solution!r}: must be one of {', '.join(SOLUTIONS)}")


# ----------------------------------------------------------------------------------------------------
# calibration


@dataclass(frozen=True)
class Calibration:
    """The value of ``parameter`` (``"linkage"`` or ``"nash_weight_china"``) under which ``solution`` predicts
    China's share ``observed_share``; ``found=False`` with the reason when no allowed value does."""

    parameter: str
    solution: str
    neighbour: str
    observed_share: float
    value: float | None
    found: bool
    reason: str
    bracket: tuple[float, float]
    residual: float | None
    method: str


_L_MAX = 1e4
_XTOL = 1e-12


def _root(fun, lo: float, hi: float) -> float:
    return float(brentq(fun, lo, hi, xtol=_XTOL, rtol=4 * np.finfo(float).eps, maxiter=500))


def calibrate_linkage(
    game: DyadGame, observed_share: float, solution: str = "nash", l_max: float = _L_MAX
) -> Calibration:
    """The linkage value ``L >= 0`` at which ``solution`` predicts China's share ``observed_share``.

    China's predicted share falls as ``L`` rises (a deal is worth more to China, so it concedes more), so the
    root is unique where it exists; found by Brent's method after a bracket check on ``[0, l_max]``.
    For ``"fearon"`` it is the least ``L`` that puts the observed share inside the range (every larger ``L``
    does too). "No value does" when even ``L = 0`` gives China less than observed, or when the observed share
    is outside what any ``L`` can give (e.g. beyond the neighbour's outside option or above ``p + c_N``).

    >>> g = DyadGame("Tajikistan", win_probability=0.9978)
    >>> c = calibrate_linkage(g, 0.035, "fearon")
    >>> c.found, round(c.value, 4)        # p - c_C - x_obs
    (True, 0.7128)
    """
    _check_game(game, "calibrate_linkage")
    x_obs = _check_share(observed_share)
    if solution not in SOLUTIONS:
        raise ValueError(f"solution={solution!r}: must be one of {', '.join(SOLUTIONS)}")
    if not (math.isfinite(l_max) and l_max > 0):
        raise ValueError(f"l_max must be a positive number, got {l_max!r}")
    br = (0.0, float(l_max))

    def make(
        value: float | None, found: bool, reason: str, residual: float | None, method: str
    ) -> Calibration:
        return Calibration(
            "linkage", solution, game.neighbour, x_obs, value, found, reason, br, residual, method
        )

    if solution == "fearon":
        high = _fearon_split(game.replace(linkage=0.0), 1.0).high
        if high is None or x_obs > high + 1e-12:
            return make(
                None,
                False,
                "no value does: the neighbour prefers war to ceding that much "
                "(observed share above p + c_N); linkage does not change the neighbour's side",
                None,
                "closed form",
            )
        need = game.win_probability - game.war_cost_china - game.u_china(x_obs)
        value = max(need, 0.0)
        return make(
            value,
            True,
            "least L with the observed share in Fearon's range: L = p - c_C - u_C(x)",
            0.0,
            "closed form",
        )

    def share(L: float) -> float:
        s = predicted_share(game.replace(linkage=L), solution)
        # no agreement: China's disagreement payoff beats every deal the neighbour accepts, i.e. China
        # "asks for more than the whole feasible set" -- above any observed share; a larger L lowers it
        return 2.0 if s is None else s

    if predicted_share(game.replace(linkage=l_max), solution) is None:
        return make(
            None,
            False,
            f"no value does: no agreement for any L in [0, {l_max:g}] (the neighbour's "
            "disagreement payoff or outside option exceeds every deal China can offer)",
            None,
            "bracket check",
        )
    f0 = share(0.0) - x_obs
    # on a curved frontier the solutions are numeric, accurate to ~1e-8 (sco_games.bargaining): a shortfall
    # within that noise says L = 0, not "only a negative L would fit"
    tol0 = 1e-12 if game.curvature_china == game.curvature_neighbour == 1.0 else 1e-7
    if abs(f0) <= tol0:
        return make(0.0, True, "L = 0 already reproduces the observed share", f0, "bracket end")
    if f0 < 0:
        return make(
            None,
            False,
            f"no value does: even with L = 0 the {solution} split gives China "
            f"{share(0.0):.4f} < {x_obs:.4f}; only a negative L (China averse to any deal) would fit",
            None,
            "bracket check",
        )
    floor = share(l_max)
    if floor - x_obs > 0:
        why = (
            "in Rubinstein's game China, proposing first, keeps 1 - max(delta_N, o_N): the neighbour's "
            "best alternative is to wait one round or walk away"
            if solution == "rubinstein"
            else "the share levels off as L grows"
        )
        return make(
            None,
            False,
            f"no value does in [0, {l_max:g}]: China's share never falls below "
            f"{floor:.4f} > {x_obs:.4f} ({why})",
            None,
            "bracket check",
        )
    # a tighter upper end keeps Brent's steps in the region where the share moves
    hi = 1.0
    while share(hi) - x_obs > 0 and hi < l_max:
        hi = min(hi * 2.0, l_max)
    lo = 0.0 if hi <= 1.0 else hi / 2.0
    value = _root(lambda L: share(L) - x_obs, lo, hi)
    return make(
        value,
        True,
        "root of predicted(L) = observed",
        share(value) - x_obs,
        f"Brent on [{lo:g}, {hi:g}] after a sign check",
    )


def calibrate_nash_weight(game: DyadGame, observed_share: float) -> Calibration:
    """China's Nash bargaining weight ``w`` in (0, 1) that reproduces ``observed_share`` at the game's ``L``.

    The Nash share rises with ``w`` from China's reservation share (``u_C(x) + L = d_C``) to the most the
    neighbour concedes; "no value does" outside that interval -- e.g. under war as the disagreement point with
    ``L = 0`` China's reservation share ``p - c_C`` already exceeds 3.5%.
    """
    _check_game(game, "calibrate_nash_weight")
    x_obs = _check_share(observed_share)
    eps = 1e-9
    br = (eps, 1.0 - eps)

    def share(w: float) -> float | None:
        return predicted_share(game.replace(nash_weight_china=w), "nash")

    lo_s, hi_s = share(br[0]), share(br[1])
    if lo_s is None or hi_s is None:
        return Calibration(
            "nash_weight_china",
            "nash",
            game.neighbour,
            x_obs,
            None,
            False,
            "no value does: no agreement beats the disagreement point",
            br,
            None,
            "bracket check",
        )
    if x_obs < lo_s - 1e-9:
        return Calibration(
            "nash_weight_china",
            "nash",
            game.neighbour,
            x_obs,
            None,
            False,
            f"no value does: even with weight 0 China gets {lo_s:.4f} > {x_obs:.4f} (its "
            "disagreement payoff alone is worth more than the observed share)",
            br,
            None,
            "bracket check",
        )
    if x_obs > hi_s + 1e-9:
        return Calibration(
            "nash_weight_china",
            "nash",
            game.neighbour,
            x_obs,
            None,
            False,
            f"no value does: even with weight 1 China gets only {hi_s:.4f} < {x_obs:.4f}",
            br,
            None,
            "bracket check",
        )
    if abs(x_obs - lo_s) <= 1e-12:
        return Calibration(
            "nash_weight_china",
            "nash",
            game.neighbour,
            x_obs,
            br[0],
            True,
            "not identified: every weight up to the reservation corner gives this share; "
            "reporting the lower end",
            br,
            0.0,
            "bracket end",
        )
    value = _root(lambda w: share(w) - x_obs, *br)
    return Calibration(
        "nash_weight_china",
        "nash",
        game.neighbour,
        x_obs,
        value,
        True,
        "root of predicted(w) = observed",
        br,
        share(value) - x_obs,
        "Brent after a sign check",
    )


def _check_share(x: float) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"observed_share must be a number in [0, 1], got {x!r}") from exc
    if not (math.isfinite(v) and 0.0 <= v <= 1.0):
        raise ValueError(f"observed_share must be a number in [0, 1], got {x!r}")
    return v


def calibrate_all(
    params: BorderParams, neighbours: Sequence[str] | None = None, solutions: Sequence[str] = SOLUTIONS
) -> list[tuple[DyadFacts, Reading, Calibration]]:
    """Calibrated ``L`` for every reading of every dyad (``params.dyads`` by default) and solution."""
    check_section(params, BorderParams, "border", "calibrate_all")
    facts = _load_settlements()
    out = []
    for n in neighbours if neighbours is not None else params.dyads:
        g = dyad_game(params, n)
        for r in facts[n].readings:
            for s in solutions:
                out.append((facts[n], r, calibrate_linkage(g, r.observed_share, s)))
    return out


# ----------------------------------------------------------------------------------------------------
# sensitivity


@dataclass(frozen=True)
class LinkageCurve:
    """China's predicted share as ``L`` varies, one array per solution (NaN where there is no agreement;
    ``fearon_low``/``fearon_high`` are the ends of Fearon's range)."""

    neighbour: str
    linkage: np.ndarray
    shares: dict[str, np.ndarray]
    fearon_low: np.ndarray
    fearon_high: np.ndarray
    win_probability: float


def linkage_curve(game: DyadGame, linkage: Sequence[float]) -> LinkageCurve:
    """Predicted shares over a grid of linkage values (for the L-vs-share figure)."""
    _check_game(game, "linkage_curve")
    grid = np.asarray(linkage, dtype=float)
    if grid.ndim != 1 or grid.size == 0 or np.any(grid < 0) or not np.all(np.isfinite(grid)):
        raise ValueError("linkage must be a non-empty 1-d sequence of finite values >= 0")
    shares = {s: np.full(grid.size, np.nan) for s in ("nash", "kalai-smorodinsky", "rubinstein")}
    lo, hi = np.full(grid.size, np.nan), np.full(grid.size, np.nan)
    for i, L in enumerate(grid):
        p = predict(game.replace(linkage=float(L)))
        for s in shares:
            v = p.share(s)
            shares[s][i] = np.nan if v is None else v
        if not p.fearon.empty:
            lo[i], hi[i] = p.fearon.low, p.fearon.high
    return LinkageCurve(game.neighbour, grid, shares, lo, hi, game.win_probability)


@dataclass(frozen=True)
class SensitivityRow:
    """The calibrated ``L`` when one parameter is moved to the ends of its sourced range."""

    parameter: str
    base_value: float
    low_value: float
    high_value: float
    linkage_base: float | None
    linkage_at_low: float | None
    linkage_at_high: float | None

    @property
    def swing(self) -> float:
        """The largest move of the calibrated ``L`` away from the baseline (0 when nothing is defined)."""
        vals = [v for v in (self.linkage_at_low, self.linkage_at_high) if v is not None]
        if not vals or self.linkage_base is None:
            return 0.0
        return max(abs(v - self.linkage_base) for v in vals)


_GAME_FIELD = {
    "valuation_curvature_china": "curvature_china",
    "valuation_curvature_neighbour": "curvature_neighbour",
    "war_cost_china": "war_cost_china",
    "war_cost_neighbour": "war_cost_neighbour",
    "dispute_cost_china": "dispute_cost_china",
    "dispute_cost_neighbour": "dispute_cost_neighbour",
    "nash_weight_china": "nash_weight_china",
    "discount_rate_china": "discount_rate_china",
    "discount_rate_neighbour": "discount_rate_neighbour",
    "offer_interval_years": "offer_interval_years",
    "neighbour_outside_option": "neighbour_outside_option",
}


def linkage_sensitivity(
    params: BorderParams,
    neighbour: str,
    observed_share: float,
    solution: str = "nash",
    win_probability_range: tuple[float, float] | None = None,
) -> list[SensitivityRow]:
    """For each numeric parameter with a ``range`` in the scenario, the calibrated ``L`` at both ends
    (the others held at their values): which uncertain input moves the answer most.

    ``win_probability_range`` adds a row for China's win probability ``p`` (data, not a scenario value: the
    CINC ratio is only a proxy for the chance of winning a war in the Pamirs).
    """
    check_section(params, BorderParams, "border", "linkage_sensitivity")
    base_game = dyad_game(params, neighbour)
    base = calibrate_linkage(base_game, observed_share, solution).value
    ranges: list[tuple[str, str, float, tuple[float, float]]] = []
    for key, field in _GAME_FIELD.items():
        entry = getattr(params, key)
        if entry.range is not None:
            ranges.append((key, field, float(entry.value), entry.range))
    if win_probability_range is not None:
        ranges.append(
            ("win_probability", "win_probability", base_game.win_probability, win_probability_range)
        )
    rows = []
    for key, field, value, (lo, hi) in ranges:
        vals = []
        for v in (lo, hi):
            try:
                g = base_game.replace(**{field: float(v)})
            except ValueError:
                vals.append(None)
                continue
            vals.append(calibrate_linkage(g, observed_share, solution).value)
        rows.append(SensitivityRow(key, value, float(lo), float(hi), base, vals[0], vals[1]))
    return rows
