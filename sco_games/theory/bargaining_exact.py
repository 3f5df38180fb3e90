"""Exact axiomatic bargaining solutions where a closed form exists, and the first-order polish where it does
not (helpers of :mod:`~sco_games.theory.bargaining`; private).

On a *line* ``u2 = c + s u1`` (``s < 0``) with disagreement point ``d``:

- asymmetric Nash (weights ``(a, 1 - a)``): maximizing ``a log(u1 - d1) + (1 - a) log(c + s u1 - d2)`` gives
  ``a / (u1 - d1) = -(1 - a) s / (c + s u1 - d2)``, i.e. ``u1 = d1 + a (e - d1)`` with ``e = (d2 - c) / s``
  the ``u1`` where the line meets ``u2 = d2`` (Nash 1950; Kalai 1977, Roth 1979 for the weights): player 1
  gets the share ``a`` of the surplus, as on the linear pie;
- Kalai-Smorodinsky (1975): the point of the line on the segment from ``d`` to the ideal point ``I``,
  ``u = d + t (I - d)`` with ``t = (c + s d1 - d2) / ((I2 - d2) - s (I1 - d1))``;
- egalitarian (Kalai 1977): equal gains ``e = u1 - d1 = u2 - d2``, ``e = (c + s d1 - d2) / (1 - s)``.

Each is clamped to the individually rational part ``[start, end]`` of the frontier (the caller's problem).
A callable frontier counts as a line when its values on the 257-point check grid of
:func:`~sco_games.theory.frontier._make_frontier` lie on the chord through its end points to rounding
(``LINE_RTOL`` of the larger of 1 and its largest value).

On a curved callable frontier the Nash point is polished by solving the first-order condition
``a / (u1 - d1) + (1 - a) f'(u1) / (f(u1) - d2) = 0`` with Brent's method (``xtol`` ``1e-15``) in a small
bracket around the grid + Brent estimate, ``f'`` by the five-point central difference (error ``O(h^4)``,
``h`` = 1e-3 of the domain's width); the root is kept only if its Nash product is no lower (at a kink the
difference quotient is smeared).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from scipy.optimize import brentq

__all__ = ["LINE_RTOL", "line_of", "nash_on_line", "nash_on_vertices", "ks_on_line", "egalitarian_on_line",
           "polish_nash", "root_on_pieces"]

#: Largest deviation from the chord (relative) for which a callable frontier is taken as a line.
LINE_RTOL = 1e-13


def line_of(grid: np.ndarray, vals: np.ndarray) -> tuple[float, float] | None:
    """``(c, s)`` with ``u2 = c + s u1`` if the sampled frontier is a line (to ``LINE_RTOL``), else None."""
    lo, hi = float(grid[0]), float(grid[-1])
    s = (float(vals[-1]) - float(vals[0])) / (hi - lo)
    c = float(vals[0]) - s * lo
    scale = max(1.0, float(np.max(np.abs(vals))))
    if s >= 0 or np.max(np.abs(vals - (c + s * grid))) > LINE_RTOL * scale:
        return None
    return c, s


def _clamp(u: float, start: float, end: float) -> float:
    return min(max(u, start), end)


def nash_on_line(c: float, s: float, d: tuple[float, float], a: float, start: float, end: float) -> float:
    """``u1`` of the asymmetric Nash point on the line ``u2 = c + s u1`` (module docstring)."""
    d1, d2 = d
    e = (d2 - c) / s
    return _clamp(d1 + a * (e - d1), start, end)


def ks_on_line(c: float, s: float, d: tuple[float, float], ideal: tuple[float, float], start: float,
               end: float) -> tuple[float, float]:
    """``(u1, t)``: the Kalai-Smorodinsky point ``d + t (I - d)`` on the line (module docstring)."""
    d1, d2 = d
    i1, i2 = ideal
    t = (c + s * d1 - d2) / ((i2 - d2) - s * (i1 - d1))
    u1 = d1 + t * (i1 - d1)
    if not start <= u1 <= end:
        u1 = _clamp(u1, start, end)
        t = (u1 - d1) / (i1 - d1)
    return u1, t


def egalitarian_on_line(c: float, s: float, d: tuple[float, float]) -> float:
    """The common gain ``e`` of the egalitarian point ``d + (e, e)`` on the line:
    ``e (1 - s) = c + s d1 - d2``."""
    d1, d2 = d
    return (c + s * d1 - d2) / (1.0 - s)


def root_on_pieces(g: Callable[[float], float], xs: np.ndarray, start: float, end: float) -> float:
    """The root in ``[start, end]`` of an increasing ``g`` that is linear between consecutive ``xs`` (a
    function of a piecewise-linear frontier): find the piece where ``g`` changes sign, then the root of the
    line through its ends (exact up to rounding). Assumes ``g(start) < 0 < g(end)``."""
    knots = [start] + [float(x) for x in xs if start < x < end] + [end]
    vals = [g(u) for u in knots]
    for k in range(len(knots) - 1):
        u0, g0, u1, g1 = knots[k], vals[k], knots[k + 1], vals[k + 1]
        if g0 <= 0 <= g1:
            if g1 == g0:
                return u0
            return _clamp(u0 - g0 * (u1 - u0) / (g1 - g0), u0, u1)
    raise ValueError("root_on_pieces: no sign change in [start, end]")  # pragma: no cover - caller checks


def nash_on_vertices(verts: np.ndarray, d: tuple[float, float], a: float) -> tuple[float, float]:
    """Exact maximizer of a log(u1-d1) + (1-a) log(u2-d2) over a piecewise-linear Pareto frontier."""
    d1, d2 = d
    best, best_pt = -math.inf, None

    def value(x: float, y: float) -> float:
        gx, gy = x - d1, y - d2
        if gx <= 0 or gy <= 0:
            return -math.inf
        return a * math.log(gx) + (1 - a) * math.log(gy)

    candidates = [tuple(v) for v in verts]
    for (px, py), (qx, qy) in zip(verts[:-1], verts[1:], strict=True):
        dx, dy = qx - px, qy - py  # dx > 0, dy < 0 on a strict Pareto frontier
        x0, y0 = px - d1, py - d2
        t = -(a * dx * y0 + (1 - a) * dy * x0) / (dx * dy)
        t = min(1.0, max(0.0, t))
        candidates.append((px + t * dx, py + t * dy))
    for x, y in candidates:
        val = value(float(x), float(y))
        if val > best:
            best, best_pt = val, (float(x), float(y))
    assert best_pt is not None
    return best_pt


def _slope(f: Callable[[float], float], u: float, h: float) -> float:
    """Five-point central difference ``f'(u)``: error ``h^4 f^(5) / 30`` plus rounding ``~ eps |f| / h``."""
    return (f(u - 2 * h) - 8 * f(u - h) + 8 * f(u + h) - f(u + 2 * h)) / (12 * h)


def polish_nash(f: Callable[[float], float], d: tuple[float, float], a: float, u: float, lo: float,
                hi: float, start: float, end: float) -> float:
    """The root of the first-order condition of the log Nash product within ``1e-6`` of the domain's width
    of ``u`` (module docstring), or ``u`` itself where there is no sign change in that bracket, the stencil
    would leave the domain, or the root's Nash product is lower (a corner or a kink)."""
    d1, d2 = d
    width = hi - lo
    h = 1e-3 * width

    def foc(v: float) -> float:
        gy = f(v) - d2
        if v - d1 <= 0 or gy <= 0:
            return math.nan
        return a / (v - d1) + (1 - a) * _slope(f, v, h) / gy

    def value(v: float) -> float:
        return a * math.log(v - d1) + (1 - a) * math.log(f(v) - d2)

    r = 1e-6  # the grid + Brent estimate is within ~1e-8 of the optimum on a smooth frontier
    left, right = max(u - r * width, start), min(u + r * width, end)
    if left - 2 * h < lo or right + 2 * h > hi or not left < right:
        return u
    fl, fr = foc(left), foc(right)
    if not (math.isfinite(fl) and math.isfinite(fr) and fl > 0 > fr):
        return u
    v = float(brentq(foc, left, right, xtol=1e-15, rtol=4 * np.finfo(float).eps))
    # a kink (e.g. a piecewise-linear callable) smears the difference quotient: keep v only if no worse
    base = value(u)
    return v if value(v) >= base - 1e-13 * max(1.0, abs(base)) else u
