"""What each solution concept predicts for a :class:`~sco_games.models.border.game.DyadGame`: asymmetric Nash,
Kalai-Smorodinsky, Rubinstein with outside options and Fearon's range, side by side (:func:`predict`).

>>> from sco_games.models.border import BorderParams, dyad_game
>>> pred = predict(dyad_game(BorderParams.example(), "Tajikistan"), disputed_km2=28500)
>>> round(pred.nash.china_share, 4)          # power only (L = 0): China takes p (equal war costs)
0.9978
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from sco_games.models.border.game import DyadGame, check_game
from sco_games.models.common import percent
from sco_games.theory.bargaining import (
    fearon_range,
    kalai_smorodinsky,
    nash_solution,
    rubinstein,
)

__all__ = [
    "SOLUTIONS",
    "MethodSplit",
    "FearonSplit",
    "SplitPrediction",
    "predict",
    "predicted_share",
]


#: the solution concepts reported side by side
SOLUTIONS: tuple[str, ...] = ("nash", "kalai-smorodinsky", "rubinstein", "fearon")


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
        return percent(self.china_share)


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
            word = "not applicable" if "not applicable" in f.method else "empty"
            out.append(("Fearon range", word, "—", "—", f.method))
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
    is ``x + L``; normalised to 1 it is :func:`~sco_games.theory.bargaining.rubinstein`. Concave: the same
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
    """Fearon's range with linkage: :func:`~sco_games.theory.bargaining.fearon_range` with cost ``c_C + L``.
    Its ends are reservation *utilities*; concave values map them back to shares (risk aversion widens it).
    Between nuclear powers (no credible war) there is no range: empty, and the method says why."""
    if not game.war_credible:
        return FearonSplit(None, None, disputed_km2, True,
                           "Fearon: not applicable (no credible war between nuclear powers)")
    if game.disagreement != "war":
        return FearonSplit(None, None, disputed_km2, True,
                           "Fearon: not applicable (a range against war; here the dispute continues)")
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


def predict(game: DyadGame, disputed_km2: float = 1.0) -> SplitPrediction:
    """China's predicted share of the disputed area under asymmetric Nash, Kalai-Smorodinsky, Rubinstein (with
    outside options) and Fearon's range, for the parameters in ``game`` (its ``linkage`` included).

    >>> g = DyadGame("equal", win_probability=0.5)
    >>> p = predict(g, 100.0)
    >>> round(p.nash.china_share, 6), round(p.kalai_smorodinsky.china_share, 6), p.nash.china_km2
    (0.5, 0.5, 50.0)
    """
    check_game(game, "predict")
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
    check_game(game, "predicted_share")
    if solution == "fearon":
        return _fearon_split(game, 1.0).low
    if solution == "nash" or solution == "kalai-smorodinsky":
        return _axiomatic(game, solution, 1.0).china_share
    if solution == "rubinstein":
        return _rubinstein_split(game, 1.0).china_share
    raise ValueError(f"solution={solution!r}: must be one of {', '.join(SOLUTIONS)}")


_XTOL = 1e-12


def _root(fun, lo: float, hi: float) -> float:
    return float(brentq(fun, lo, hi, xtol=_XTOL, rtol=4 * np.finfo(float).eps, maxiter=500))
