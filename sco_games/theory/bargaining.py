"""Two-player bargaining: axiomatic solutions, alternating offers, and Fearon's bargaining range.

The axiomatic solutions live here; frontiers in :mod:`~sco_games.theory.frontier`, alternating offers in
:mod:`~sco_games.theory.rubinstein`, Fearon's range in :mod:`~sco_games.theory.fearon`, all importable
from this module too.

Knows nothing of the SCO. Utilities are plain floats; player 1 / player 2 (or A / B) are positional.

Frontiers
---------
A *frontier* describes the feasible set ``S`` of utility pairs, always taken *comprehensive* (free disposal:
if ``(u1, u2)`` is feasible, so is anything weakly below it). It is given either as

- a callable ``u2 = f(u1)``, non-increasing on ``domain=(lo, hi)``; then
  ``S = {(u1, u2): u1 <= hi, u2 <= f(max(u1, lo))}``: a given domain is part of the problem (player 1 can
  get at most ``hi``, e.g. a neighbour's outside option caps China's share). Without ``domain`` the default
  ``(0, 1)`` is *assumed*, and the solutions raise ``ValueError`` when that assumption cuts the individually
  rational part of the frontier, i.e. when ``f`` is still defined, non-increasing and strictly above ``d2``
  just beyond ``u1 = 1``, or ``d1 < 0`` and ``f`` is higher just left of ``u1 = 0`` than at 0: there the
  answer (and the ideal point) would depend on where the default happens to end (``2 - u`` with
  ``d = (0, 0)`` would give Nash ``(1, 1)`` instead of ``(1.5, 0.5)`` for weights ``(3/4, 1/4)``). Pass the
  domain where the frontier falls to ``d2`` or where the feasible set really ends. The Nash solution is
  found numerically (see :func:`nash_solution`); if ``f`` is not concave, ``S`` is not convex and the
  axiomatic solutions lose their uniqueness guarantees (we still return the best point found, but do not
  check concavity);
- an array of points of shape ``(k, 2)``; then ``S`` is the comprehensive convex hull of the points
  (lotteries over outcomes plus free disposal) and its Pareto frontier is piecewise linear; the Nash
  solution is then exact (closed form on each segment).

A disagreement point ``d`` must be feasible (in ``S``), else ``ValueError``. If no feasible point gives *both*
players strictly more than ``d``, the solutions return a result with ``agreement=False`` and ``u = d``
(no ValueError: sweeps over parameters can cross that boundary).

References: Nash (1950) "The bargaining problem", Econometrica 18; asymmetric version: Kalai (1977),
Roth (1979);
Kalai & Smorodinsky (1975) "Other solutions to Nash's bargaining problem", Econometrica 43(3):513-518;
Kalai (1977) "Proportional solutions to bargaining situations", Econometrica 45 (egalitarian);
Rubinstein (1982) "Perfect equilibrium in a bargaining model", Econometrica 50;
Binmore, Rubinstein & Wolinsky (1986) "The Nash bargaining solution in economic modelling", RAND J. Econ 17;
Osborne & Rubinstein (1990) *Bargaining and Markets*, ch. 3 (incl. the model with outside options);
Muthoo (1999) *Bargaining Theory with Applications*, ch. 5 (outside options);
Fearon (1995) "Rationalist explanations for war", International Organization 49(3):379-414.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq, minimize_scalar

from sco_games.theory._bargaining_input import _finite, _pair, _weights
from sco_games.theory.bargaining_exact import (
    egalitarian_on_line,
    ks_on_line,
    nash_on_line,
    nash_on_vertices,
    polish_nash,
    root_on_pieces,
)
from sco_games.theory.fearon import FearonRange, fearon_range
from sco_games.theory.frontier import (
    Frontier,
    _check_assumed_domain,
    _Frontier,
    _make_frontier,
    pareto_frontier,
)
from sco_games.theory.rubinstein import (
    RubinsteinSolution,
    discount_factor,
    rubinstein,
    rubinstein_continuous,
    rubinstein_limit,
)

__all__ = [
    "BargainingSolution",
    "RubinsteinSolution",
    "FearonRange",
    "nash_solution",
    "kalai_smorodinsky",
    "egalitarian",
    "linear_pie_nash",
    "pareto_frontier",
    "rubinstein",
    "discount_factor",
    "rubinstein_continuous",
    "rubinstein_limit",
    "fearon_range",
]

_GRID = 2049  # grid points for the global stage of the numeric Nash search on a callable frontier
_TOL = 1e-12


# ----------------------------------------------------------------------------------------------------
# results


@dataclass(frozen=True)
class BargainingSolution:
    """A solution point of a bargaining problem.

    ``solution`` names the concept ("nash", "kalai-smorodinsky", "egalitarian"); ``method`` says how it was
    computed. ``agreement`` is False when no feasible point beats the disagreement point for both players;
    then ``(u1, u2) == disagreement``. ``ideal`` is the ideal (utopia) point of the individually rational part
    of the set (None without agreement).
    """

    u1: float
    u2: float
    solution: str
    method: str
    disagreement: tuple[float, float]
    weights: tuple[float, float] | None
    agreement: bool
    ideal: tuple[float, float] | None

    @property
    def gains(self) -> tuple[float, float]:
        """``(u1 - d1, u2 - d2)``."""
        return (self.u1 - self.disagreement[0], self.u2 - self.disagreement[1])



@dataclass(frozen=True)
class _Problem:
    fr: _Frontier
    d: tuple[float, float]
    start: float  # least u1 of the individually rational frontier part
    end: float  # greatest u1 with f(u1) >= d2
    agreement: bool

    @property
    def ideal(self) -> tuple[float, float]:
        return (self.end, self.fr.f(self.start))


def _problem(
    frontier: Frontier, disagreement: Sequence[float], domain: tuple[float, float] | None
) -> _Problem:
    fr = _make_frontier(frontier, domain)
    d1, d2 = _pair("disagreement", disagreement)
    if callable(frontier) and domain is None:
        _check_assumed_domain(frontier, fr, (d1, d2))
    start = max(d1, fr.lo)
    if d1 > fr.hi + _TOL or d2 > fr.f(min(start, fr.hi)) + 1e-12 * max(1.0, abs(d2)):
        raise ValueError(
            f"disagreement={disagreement!r} is not feasible: it lies outside the (comprehensive) feasible "
            "set "
            f"(frontier u1 range [{fr.lo}, {fr.hi}])"
        )
    start = min(start, fr.hi)
    f_start = fr.f(start)
    if f_start <= d2:
        return _Problem(fr, (d1, d2), start, start, agreement=False)
    if fr.f(fr.hi) >= d2:
        end = fr.hi
    elif fr.line is not None:  # exact: where the line meets u2 = d2
        end = min(max((d2 - fr.line[0]) / fr.line[1], start), fr.hi)
    elif fr.vertices is not None:  # exact: on the segment where the frontier falls to d2
        end = root_on_pieces(lambda u: d2 - fr.f(u), fr.vertices[:, 0], start, fr.hi)
    else:
        end = float(brentq(lambda u: fr.f(u) - d2, start, fr.hi, xtol=1e-14, rtol=4 * np.finfo(float).eps))
    agreement = end > d1
    return _Problem(fr, (d1, d2), start, end, agreement)


def _no_agreement(pb: _Problem, solution: str, weights: tuple[float, float] | None) -> BargainingSolution:
    return BargainingSolution(
        u1=pb.d[0],
        u2=pb.d[1],
        solution=solution,
        method="no feasible point strictly beats the disagreement point for both players",
        disagreement=pb.d,
        weights=weights,
        agreement=False,
        ideal=None,
    )


# ----------------------------------------------------------------------------------------------------
# axiomatic solutions


def linear_pie_nash(
    disagreement: Sequence[float] = (0.0, 0.0), weights: Sequence[float] = (0.5, 0.5), size: float = 1.0
) -> BargainingSolution:
    """Closed-form asymmetric Nash split of a pie of ``size``: ``x1 = d1 + a (size - d1 - d2)``.

    The feasible set is ``u1 + u2 <= size``; ``a = weights[0]``.

    >>> r = linear_pie_nash((0.1, 0.2), (0.25, 0.75))
    >>> round(r.u1, 6), round(r.u2, 6)
    (0.275, 0.725)
    """
    a, b = _weights(weights)
    d1, d2 = _pair("disagreement", disagreement)
    s = _finite("size", size)
    surplus = s - d1 - d2
    if surplus < 0:
        raise ValueError(f"disagreement={disagreement!r} is not feasible: d1 + d2 exceeds size={size!r}")
    if surplus == 0:
        return BargainingSolution(
            d1, d2, "nash", "no surplus on the linear pie", (d1, d2), (a, b), False, None
        )
    return BargainingSolution(
        u1=d1 + a * surplus,
        u2=d2 + b * surplus,
        solution="nash",
        method="closed form on a linear pie: x1 = d1 + a (size - d1 - d2)",
        disagreement=(d1, d2),
        weights=(a, b),
        agreement=True,
        ideal=(s - d2, s - d1),
    )


def _nash_on_callable(pb: _Problem, a: float) -> tuple[float, float]:
    d1, d2 = pb.d
    f = pb.fr.f

    def neg_obj(u: float) -> float:
        gx, gy = u - d1, f(u) - d2
        if gx <= 0 or gy <= 0:
            return math.inf
        return -(a * math.log(gx) + (1 - a) * math.log(gy))

    grid = np.linspace(pb.start, pb.end, _GRID)
    gx, gy = grid - d1, pb.fr.many(grid) - d2
    ok = (gx > 0) & (gy > 0)
    vals = np.full(_GRID, math.inf)
    vals[ok] = -(a * np.log(gx[ok]) + (1 - a) * np.log(gy[ok]))
    k = int(np.argmin(vals))
    lo_b, hi_b = grid[max(k - 1, 0)], grid[min(k + 1, _GRID - 1)]
    best_u, best_v = float(grid[k]), float(vals[k])
    if hi_b > lo_b:
        res = minimize_scalar(neg_obj, bounds=(lo_b, hi_b), method="bounded", options={"xatol": 1e-13})
        if res.fun <= best_v:
            best_u = float(res.x)
    return best_u, f(best_u)


def nash_solution(
    frontier: Frontier,
    disagreement: Sequence[float] = (0.0, 0.0),
    weights: Sequence[float] = (0.5, 0.5),
    *,
    domain: tuple[float, float] | None = None,
) -> BargainingSolution:
    """Asymmetric Nash bargaining solution: maximize ``(u1 - d1)^a (u2 - d2)^(1-a)`` over the feasible set.

    ``weights = (a, 1 - a)``, both positive, summing to 1. ``frontier`` is a callable ``u2 = f(u1)`` on
    ``domain`` or an array of points (see the module docstring). Without ``domain`` a callable is taken on
    ``(0, 1)``, and a ``ValueError`` names that assumed domain when it cuts the frontier (``f`` still above
    ``d2`` beyond 1, or higher left of 0 when ``d1 < 0``): pass the domain then.

    - Point frontier: exact; on each Pareto segment the log Nash product is concave and its stationary
      point has a closed form, clamped to the segment.
    - Callable frontier that is a line (to rounding, on the check grid): the closed form
      ``u1 = d1 + a (e - d1)``, ``e`` where the line meets ``u2 = d2`` (see
      :mod:`~sco_games.theory.bargaining_exact`): 0.31 comes out 0.31.
    - Other callable frontier: numeric; a grid of 2049 points over the individually rational part of the
      frontier, bounded Brent refinement between the grid neighbours of the best point (~1e-8 in u1), then
      Brent on the first-order condition (``f'`` by a five-point difference) to ~1e-12 for smooth concave f;
      for non-concave f the grid stage is a global search, not a proof of optimality.

    No feasible point strictly better than ``d`` for both: ``agreement=False`` and ``u = d``.
    An infeasible ``d`` raises ``ValueError``.

    >>> r = nash_solution(lambda u: 1 - u, (0.0, 0.0), (0.3, 0.7))
    >>> round(r.u1, 6), round(r.u2, 6)
    (0.3, 0.7)
    >>> r = nash_solution([[0, 1], [0.75, 0.75], [1, 0]], (0, 0))   # Kalai-Smorodinsky (1975), set S
    >>> (r.u1, r.u2, r.method.split(":")[0])
    (0.75, 0.75, 'exact on a piecewise-linear frontier')
    >>> r = nash_solution(lambda u: 2 - u, (0, 0), (0.75, 0.25), domain=(0, 2))
    >>> round(r.u1, 6), round(r.u2, 6)
    (1.5, 0.5)
    >>> nash_solution(lambda u: 2 - u, (0, 0), (0.75, 0.25))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: frontier: the assumed domain=(0, 1) cuts the frontier: ... e.g. domain=(0, 2), where f ...
    """
    a, b = _weights(weights)
    pb = _problem(frontier, disagreement, domain)
    if not pb.agreement:
        return _no_agreement(pb, "nash", (a, b))
    if pb.fr.vertices is not None:
        u1, u2 = nash_on_vertices(pb.fr.vertices, pb.d, a)
        method = "exact on a piecewise-linear frontier: closed-form stationary point on each Pareto segment"
    elif pb.fr.line is not None:
        u1 = nash_on_line(*pb.fr.line, pb.d, a, pb.start, pb.end)
        u2 = pb.fr.f(u1)
        method = "closed form on a linear frontier: u1 = d1 + a (e - d1), e where the line meets u2 = d2"
    else:
        u1, _ = _nash_on_callable(pb, a)
        u1 = polish_nash(pb.fr.f, pb.d, a, u1, pb.fr.lo, pb.fr.hi, pb.start, pb.end)
        u2 = pb.fr.f(u1)
        method = (f"numeric on a callable frontier: {_GRID}-point grid + bounded Brent refinement, "
                  "polished by Brent on the first-order condition")
    return BargainingSolution(u1, u2, "nash", method, pb.d, (a, b), True, pb.ideal)


def kalai_smorodinsky(
    frontier: Frontier,
    disagreement: Sequence[float] = (0.0, 0.0),
    *,
    domain: tuple[float, float] | None = None,
) -> BargainingSolution:
    """Kalai-Smorodinsky (1975) solution: the Pareto point where ``(u_i - d_i) / (ideal_i - d_i)`` are equal.

    ``ideal_i`` is player i's best payoff among feasible points that give both at least ``d`` (the utopia
    point).
    In closed form on a linear frontier, exactly on the segment where it changes sign on a point frontier, by
    Brent's root finder on a curved callable frontier (to ~1e-14 in u1). As for
    :func:`nash_solution`, a callable frontier without ``domain`` is refused when the assumed ``(0, 1)`` cuts
    it (the ideal point would be wrong even when the solution lies inside).

    >>> r = kalai_smorodinsky([[0, 1], [1, 0.7], [1, 0]], (0, 0))   # Kalai-Smorodinsky (1975), set T
    >>> round(r.u1, 6), round(r.u2, 6), r.ideal
    (0.769231, 0.769231, (1.0, 1.0))
    """
    pb = _problem(frontier, disagreement, domain)
    if not pb.agreement:
        return _no_agreement(pb, "kalai-smorodinsky", None)
    d1, d2 = pb.d
    i1, i2 = pb.ideal
    f = pb.fr.f

    def g(u: float) -> float:
        return (u - d1) / (i1 - d1) - (f(u) - d2) / (i2 - d2)

    how = "Brent"
    if g(pb.start) >= 0:  # only when d1 < lo: the ray meets the flat (weakly Pareto) part at u1 = lo
        u1 = pb.start
    elif g(pb.end) <= 0:
        u1 = pb.end
    elif pb.fr.line is not None:
        u1, _ = ks_on_line(*pb.fr.line, pb.d, (i1, i2), pb.start, pb.end)
        how = "closed form on the line"
    elif pb.fr.vertices is not None:
        u1 = root_on_pieces(g, pb.fr.vertices[:, 0], pb.start, pb.end)
        how = "exact on the segment where it changes sign"
    else:
        u1 = float(brentq(g, pb.start, pb.end, xtol=1e-14, rtol=4 * np.finfo(float).eps))
    t = (u1 - d1) / (i1 - d1)
    return BargainingSolution(
        u1=u1,
        u2=d2 + t * (i2 - d2),
        solution="kalai-smorodinsky",
        method=f"root of the equal-relative-gain condition on the {pb.fr.kind} frontier ({how})",
        disagreement=pb.d,
        weights=None,
        agreement=True,
        ideal=(i1, i2),
    )


def egalitarian(
    frontier: Frontier,
    disagreement: Sequence[float] = (0.0, 0.0),
    *,
    domain: tuple[float, float] | None = None,
) -> BargainingSolution:
    """Egalitarian solution (Kalai 1977): the largest feasible point with equal gains ``u1 - d1 = u2 - d2``.

    >>> r = egalitarian(lambda u: 2 * (1 - u), (0, 0))
    >>> round(r.u1, 6), round(r.u2, 6)
    (0.666667, 0.666667)
    """
    pb = _problem(frontier, disagreement, domain)
    if not pb.agreement:
        return _no_agreement(pb, "egalitarian", None)
    d1, d2 = pb.d
    f = pb.fr.f

    def g(u: float) -> float:
        return (u - d1) - (f(u) - d2)

    how = "Brent"
    if g(pb.start) >= 0:  # equal-gain ray hits the flat part left of the frontier
        e = f(pb.start) - d2
    elif g(pb.end) <= 0:
        e = pb.end - d1
    elif pb.fr.line is not None:
        e = egalitarian_on_line(*pb.fr.line, pb.d)
        how = "closed form on the line"
    elif pb.fr.vertices is not None:
        e = root_on_pieces(g, pb.fr.vertices[:, 0], pb.start, pb.end) - d1
        how = "exact on the segment where it changes sign"
    else:
        e = float(brentq(g, pb.start, pb.end, xtol=1e-14, rtol=4 * np.finfo(float).eps)) - d1
    u1, u2 = d1 + e, d2 + e
    return BargainingSolution(
        u1, u2, "egalitarian", f"root of u1 - d1 = u2 - d2 on the {pb.fr.kind} frontier ({how})",
        pb.d, None, True, pb.ideal,
    )
