"""Bargaining frontiers: the Pareto frontier of a set of utility pairs, and the checked frontier object the
axiomatic solutions of :mod:`~sco_games.theory.bargaining` work on.

A frontier is a callable ``u2 = f(u1)`` on a domain or an array of points; see the module docstring of
:mod:`~sco_games.theory.bargaining` for what the feasible set is in each case and when an assumed domain is
rejected.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import brentq

from sco_games.theory._bargaining_input import _pair
from sco_games.theory.bargaining_exact import line_of

__all__ = ["Frontier", "pareto_frontier"]

Frontier = Callable[[float], float] | ArrayLike


def pareto_frontier(points: ArrayLike) -> np.ndarray:
    """Vertices of the strict Pareto frontier of the comprehensive convex hull of ``points``.

    Returns an array of shape ``(m, 2)`` sorted by increasing ``u1`` (so ``u2`` strictly decreasing);
    consecutive vertices are joined by segments of negative slope. Dominated points and points below the
    hull are dropped.

    >>> pareto_frontier([[0, 0], [1, 0], [0, 1], [0.75, 0.75], [0.2, 0.2]]).tolist()
    [[0.0, 1.0], [0.75, 0.75], [1.0, 0.0]]
    """
    pts = np.asarray(points, dtype=float)
    if pts.ndim != 2 or pts.shape[1] != 2 or pts.shape[0] == 0:
        raise ValueError(f"frontier points must have shape (k, 2) with k >= 1, got shape {pts.shape}")
    if not np.all(np.isfinite(pts)):
        raise ValueError("frontier points must be finite")
    # sort by u1 descending, then u2 descending; keep points with u2 strictly above every point to their right
    order = np.lexsort((-pts[:, 1], -pts[:, 0]))
    nondominated: list[tuple[float, float]] = []
    best_u2 = -math.inf
    for x, y in pts[order]:
        if y > best_u2:
            nondominated.append((x, y))
            best_u2 = y
    nondominated.reverse()  # increasing u1, decreasing u2
    # upper concave hull (monotone chain): drop a middle vertex that is not strictly above the chord
    hull: list[tuple[float, float]] = []
    for p in nondominated:
        while len(hull) >= 2:
            (x1, y1), (x2, y2) = hull[-2], hull[-1]
            cross = (x2 - x1) * (p[1] - y1) - (y2 - y1) * (p[0] - x1)
            if cross >= 0:  # middle vertex on or below the chord from hull[-2] to p
                hull.pop()
            else:
                break
        hull.append(p)
    return np.array(hull, dtype=float)


@dataclass(frozen=True)
class _Frontier:
    f: Callable[[float], float]
    lo: float
    hi: float
    vertices: np.ndarray | None  # set for point frontiers (exact piecewise linear)
    fv: Callable[[np.ndarray], np.ndarray] | None = None  # f on an array of u1 values
    line: tuple[float, float] | None = None  # (c, s): the callable is the line u2 = c + s u1 (to rounding)

    def many(self, us: np.ndarray) -> np.ndarray:
        """f evaluated on an array (vectorized when the callable accepts arrays, else a loop)."""
        if self.fv is not None:
            return self.fv(us)
        return np.array([self.f(float(u)) for u in us])

    @property
    def kind(self) -> str:
        return "points" if self.vertices is not None else "callable"


def _make_frontier(frontier: Frontier, domain: tuple[float, float] | None) -> _Frontier:
    if callable(frontier):
        lo, hi = _pair("domain", (0.0, 1.0) if domain is None else domain)
        if not lo < hi:
            raise ValueError(f"domain must be an interval (lo, hi) with lo < hi, got {domain!r}")

        def f(u: float) -> float:
            val = float(frontier(u))
            if not math.isfinite(val):
                raise ValueError(f"frontier returned a non-finite value {val!r} at u1={u!r}")
            return val

        grid = np.linspace(lo, hi, 257)
        vals = np.array([f(u) for u in grid])
        scale = max(1.0, float(np.max(np.abs(vals))))
        if np.any(np.diff(vals) > 1e-9 * scale):
            raise ValueError(
                "frontier must be non-increasing in u1 on domain (it is the Pareto frontier u2 = f(u1))"
            )
        fv = None
        try:  # use the callable on arrays if it gives the same numbers as scalar calls
            arr = np.asarray(frontier(grid), dtype=float)
            if arr.shape == grid.shape and np.allclose(arr, vals, rtol=1e-12, atol=1e-12 * scale):

                def fv(us: np.ndarray) -> np.ndarray:
                    out = np.asarray(frontier(us), dtype=float)
                    if not np.all(np.isfinite(out)):
                        raise ValueError("frontier returned non-finite values on domain")
                    return out

        except Exception:  # noqa: BLE001 - scalar-only callables fall back to a loop
            fv = None
        return _Frontier(f=f, lo=lo, hi=hi, vertices=None, fv=fv, line=line_of(grid, vals))
    if domain is not None:
        raise ValueError("domain is only used with a callable frontier; a point frontier defines its own")
    verts = pareto_frontier(frontier)
    xs, ys = verts[:, 0].copy(), verts[:, 1].copy()

    def interp(u: float) -> float:
        return float(np.interp(u, xs, ys))

    return _Frontier(f=interp, lo=float(xs[0]), hi=float(xs[-1]), vertices=verts)


def _probe(frontier: Callable[[float], float], u: float) -> float | None:
    """``frontier(u)`` as a finite float, or None where the callable is not defined (raises, complex, NaN)."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            v = float(frontier(u))
    except Exception:  # noqa: BLE001 - outside its domain a callable may fail in any way
        return None
    return v if math.isfinite(v) else None


def _where_frontier_falls_to(frontier: Callable[[float], float], d2: float, hi: float, width: float
                             ) -> float | None:
    """The least ``u1 > hi`` with ``frontier(u1) = d2`` (found by doubling steps, then Brent), or None."""
    a, step = hi, width
    for _ in range(40):
        b = a + step
        fb = _probe(frontier, b)
        if fb is None:
            return None
        if fb <= d2:
            try:
                return float(brentq(lambda u: (_probe(frontier, u) or 0.0) - d2, a, b, xtol=1e-12))
            except ValueError:
                return b
        a, step = b, 2 * step
    return None


def _check_assumed_domain(frontier: Callable[[float], float], fr: _Frontier, d: tuple[float, float]) -> None:
    """Raise if the default domain ``(lo, hi)`` cuts the individually rational part of the frontier."""
    lo, hi, d1, d2 = fr.lo, fr.hi, d[0], d[1]
    width = hi - lo
    f_lo, f_hi = fr.f(lo), fr.f(hi)
    tol = 1e-9 * max(1.0, abs(f_lo), abs(f_hi), abs(d2))
    eps = 1e-6 * width
    beyond = _probe(frontier, hi + eps)
    if beyond is not None and beyond <= f_hi + tol and beyond > d2 + tol:
        end = _where_frontier_falls_to(frontier, d2, hi, width)
        hint = (f"e.g. domain=({lo:g}, {end:.6g}), where f falls to d2" if end is not None
                else "up to where the frontier (or the feasible set) really ends")
        raise ValueError(
            f"frontier: the assumed domain=({lo:g}, {hi:g}) cuts the frontier: f({hi:g}) = {f_hi:.6g} and "
            f"f is still above d2 = {d2:g} beyond u1 = {hi:g}, so the solution would depend on where the "
            f"default domain ends; pass domain= explicitly, {hint}"
        )
    if d1 < lo - eps:
        for u in (d1, lo - eps):
            left = _probe(frontier, u)
            if left is not None and left > f_lo + tol:
                raise ValueError(
                    f"frontier: the assumed domain=({lo:g}, {hi:g}) cuts the frontier: d1 = {d1:g} lies left "
                    f"of it and f({u:.6g}) = {left:.6g} > f({lo:g}) = {f_lo:.6g}, so the solution would "
                    f"depend on where the default domain starts; pass domain= explicitly, e.g. "
                    f"domain=({d1:g}, {hi:g})"
                )

