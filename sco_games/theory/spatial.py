"""Spatial veto players in 2-D: the unanimity winset of a status quo and the unanimity core (Pareto set).

Private helper of :mod:`sco_games.theory.coalitions` (import from there). Knows nothing of the SCO.

With Euclidean preferences a member with ideal point ``p_i`` prefers ``x`` to the status quo ``q`` iff
``|x - p_i| < |q - p_i|``: the open disc centred at ``p_i`` through ``q``. Under unanimity the winset
``W(q)`` is the intersection of all members' discs (Tsebelis 2002, *Veto Players*, ch. 1). It is convex and
bounded by circular arcs, so its area and centroid have closed forms by Green's theorem once the arcs are
known: each circle contributes the arcs of its boundary lying inside every other disc (an intersection of
angular intervals), and an arc of the circle with centre ``(a, b)``, radius ``r`` from angle ``t1`` to ``t2``
contributes ``(1/2) [r^2 (t2 - t1) + a r (sin t2 - sin t1) - b r (cos t2 - cos t1)]`` to the area (in
coordinates centred on the status quo). Every circle passes through the status quo, so the arcs' end angles
are angles between vectors from a centre (``atan2``, well-conditioned even for nearly tangent circles), and
ideal points collinear with the status quo (nested discs tangent there, or discs touching only there) give
the smaller disc's exact area, or nothing. The area is therefore exact up to floating-point rounding (no
polygon or sampling error: the absolute error is about 1e-12 times the squared radius, so a sliver's
*relative* error can be larger); :func:`winset_area_monte_carlo` is an independent, seeded estimate with a
standard error, used to test it.

Because ``|x - p|^2 < |q - p|^2`` is affine in ``p``, a member whose ideal point lies in the convex hull of
the others' is implied by them and never shrinks the winset ("absorbed", Tsebelis 2002); the unanimity core
(the set of points no unanimous move can beat) is the Pareto set, the convex hull of the ideal points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import linprog

__all__ = [
    "Winset",
    "unanimity_winset",
    "winset_area_monte_carlo",
    "unanimity_core_contains",
    "is_absorbed",
    "absorbed_members",
    "pareto_set_vertices",
]

_TWO_PI = 2.0 * math.pi


@dataclass(frozen=True)
class Winset:
    """The unanimity winset of ``status_quo`` for members with ``ideal_points`` (Euclidean preferences).

    ``area`` is exact up to rounding (Green's theorem on the boundary arcs); ``point`` is a point every member
    strictly prefers to the status quo (checked): the winset's centroid (inside, as the set is convex), or for
    a sliver where rounding spoils the centroid, the mean of points along its boundary; None when ``empty``.
    ``empty`` means no point other than the status quo beats it for everyone (area 0: e.g. the status quo
    lies in the Pareto set). ``arcs`` lists the
    boundary as ``(member, angle_from, angle_to)`` on each member's circle.
    """

    ideal_points: tuple[tuple[float, float], ...]
    status_quo: tuple[float, float]
    area: float
    point: tuple[float, float] | None
    empty: bool
    arcs: tuple[tuple[int, float, float], ...]
    method: str = "exact: boundary arcs of the disc intersection, area and centroid by Green's theorem"


def _points(ideal_points: ArrayLike, name: str = "ideal_points") -> np.ndarray:
    pts = np.asarray(ideal_points, dtype=float)
    if pts.ndim != 2 or pts.shape[1] != 2 or pts.shape[0] == 0:
        raise ValueError(f"{name} must have shape (k, 2) with k >= 1 (2-D points), got shape {pts.shape}")
    if not np.all(np.isfinite(pts)):
        raise ValueError(f"{name} must be finite")
    return pts


def _point(x: ArrayLike, name: str) -> np.ndarray:
    p = np.asarray(x, dtype=float)
    if p.shape != (2,) or not np.all(np.isfinite(p)):
        raise ValueError(f"{name} must be a finite 2-D point (x, y), got {x!r}")
    return p


Intervals = list[tuple[float, float]]


def _intersect_intervals(a: Intervals, b: Intervals) -> Intervals:
    out = []
    for lo1, hi1 in a:
        for lo2, hi2 in b:
            lo, hi = max(lo1, lo2), min(hi1, hi2)
            if hi > lo:
                out.append((lo, hi))
    return out


def _circular_interval(center: float, half: float) -> list[tuple[float, float]]:
    """The angles within ``half`` of ``center``, as sub-intervals of [0, 2 pi)."""
    lo = (center - half) % _TWO_PI
    hi = lo + 2 * half
    if hi <= _TWO_PI:
        return [(lo, hi)]
    return [(lo, _TWO_PI), (0.0, hi - _TWO_PI)]


#: When the angle at one centre between the other centre and the status quo is within this many radians
#: of 0 or pi (the three are collinear to that accuracy), the two circles are treated as tangent at the
#: status quo: nested, or touching only there. The sliver this ignores has an area of order r^2 angle^3
#: (1e-27 r^2), far below rounding; the law of cosines (acos of a number near +-1) lost half the digits of
#: such arcs' end angles and spoilt the area by ~1e-8 relative (issue 9).
_TANGENT = 1e-9


def _arcs(centres: np.ndarray, radii: np.ndarray) -> list[tuple[int, float, float]]:
    """Arcs of each circle's boundary lying inside every other disc.

    Every circle passes through the origin (the status quo; callers shift coordinates so), which makes
    the arcs' end angles well-conditioned: circle i's arc inside disc j runs between the origin and its
    mirror image across the line of centres, i.e. within ``half`` of the direction of ``c_j - c_i``,
    where ``half`` is the angle between ``c_j - c_i`` and ``-c_i`` (the direction of the origin from
    ``c_i``), computed with ``atan2`` rather than from the law of cosines. ``half`` = pi: disc i lies
    inside disc j (nested, tangent at the origin); ``half`` = 0: circle i has only the origin inside disc
    j (disc j nested inside disc i, or the two touch from outside).
    """
    arcs = []
    k = len(radii)
    for i in range(k):
        allowed = [(0.0, _TWO_PI)]
        ci = centres[i]
        for j in range(k):
            if j == i:
                continue
            e = centres[j] - ci
            if e[0] == 0.0 and e[1] == 0.0:
                if radii[j] >= radii[i]:
                    continue  # circle i inside disc j
                allowed = []
                break
            v = -ci  # from c_i towards the origin, which is on both circles
            cross = float(e[0] * v[1] - e[1] * v[0])
            dot = float(e[0] * v[0] + e[1] * v[1])
            half = math.atan2(abs(cross), dot)  # the angle between e and v, in [0, pi]
            if half >= math.pi - _TANGENT:
                continue  # whole circle i inside disc j (tangent at the origin)
            if half <= _TANGENT:
                allowed = []  # only the origin of circle i is in the closed disc j
                break
            phi = math.atan2(e[1], e[0])
            allowed = _intersect_intervals(allowed, _circular_interval(phi, half))
            if not allowed:
                break
        arcs.extend((i, lo, hi) for lo, hi in allowed)
    return arcs


def _green(
    centres: np.ndarray, radii: np.ndarray, arcs: list[tuple[int, float, float]]
) -> tuple[float, float, float]:
    """Area and first moments (integrals of x and y) of the region bounded counter-clockwise by ``arcs``."""
    area = mx = my = 0.0
    for i, t1, t2 in arcs:
        a, b = float(centres[i][0]), float(centres[i][1])
        r = float(radii[i])
        s1, s2, c1, c2 = math.sin(t1), math.sin(t2), math.cos(t1), math.cos(t2)
        dt = t2 - t1
        area += 0.5 * (r * r * dt + a * r * (s2 - s1) - b * r * (c2 - c1))
        # Mx = (1/2) oint x^2 dy, x = a + r cos t, dy = r cos t dt
        cos2 = dt / 2 + (math.sin(2 * t2) - math.sin(2 * t1)) / 4
        cos3 = (s2 - s2**3 / 3) - (s1 - s1**3 / 3)
        mx += 0.5 * r * (a * a * (s2 - s1) + 2 * a * r * cos2 + r * r * cos3)
        # My = -(1/2) oint y^2 dx, y = b + r sin t, dx = -r sin t dt
        sin2 = dt / 2 - (math.sin(2 * t2) - math.sin(2 * t1)) / 4
        sin3 = (-c2 + c2**3 / 3) - (-c1 + c1**3 / 3)
        my += 0.5 * r * (b * b * (-(c2 - c1)) + 2 * b * r * sin2 + r * r * sin3)
    return area, mx, my


def unanimity_winset(ideal_points: ArrayLike, status_quo: ArrayLike) -> Winset:
    """The unanimity winset of ``status_quo``: the intersection of the discs centred at each ideal point
    through the status quo (Euclidean preferences; Tsebelis 2002).

    >>> w = unanimity_winset([[1, 1], [1, -1]], [0, 0])      # lens of two circles of radius sqrt(2): pi - 2
    >>> round(w.area, 12) == round(math.pi - 2, 12), [round(c, 12) + 0.0 for c in w.point]
    (True, [1.0, 0.0])
    >>> unanimity_winset([[1, 0], [-1, 0]], [0, 0]).empty    # status quo between the two: nothing beats it
    True
    """
    pts = _points(ideal_points)
    q = _point(status_quo, "status_quo")
    radii = np.hypot(pts[:, 0] - q[0], pts[:, 1] - q[1])
    as_tuple = tuple((float(x), float(y)) for x, y in pts)
    sq = (float(q[0]), float(q[1]))
    scale = float(radii.max()) if radii.size else 0.0
    if np.any(radii <= 1e-12 * max(1.0, scale)):  # a member's ideal point is the status quo
        return Winset(as_tuple, sq, 0.0, None, True, ())
    # identical discs add nothing: keep the first of each
    uniq: list[int] = []
    for i in range(len(pts)):
        if not any(np.allclose(pts[i], pts[j], rtol=0, atol=1e-14 * max(1.0, scale)) for j in uniq):
            uniq.append(i)
    centres, rad = pts[uniq], radii[uniq]
    # in coordinates centred on the status quo (every circle passes through it): well-conditioned arc
    # angles, and Green's sums without the cancellation of large centre coordinates
    shifted = centres - q
    arcs_local = _arcs(shifted, rad)
    area, mx, my = _green(shifted, rad, arcs_local)
    mx, my = mx + q[0] * area, my + q[1] * area
    arcs = tuple((uniq[i], lo, hi) for i, lo, hi in arcs_local)
    tol = 1e-12 * max(1.0, scale) ** 2
    if area <= tol:
        return Winset(as_tuple, sq, 0.0, None, True, arcs)
    point = _inside_point(centres, rad, arcs_local, (mx / area, my / area))
    return Winset(as_tuple, sq, float(area), point, point is None, arcs)


def _inside_point(
    centres: np.ndarray,
    radii: np.ndarray,
    arcs: list[tuple[int, float, float]],
    centroid: tuple[float, float],
) -> tuple[float, float] | None:
    """The centroid if every member strictly prefers it to the status quo (it may be inaccurate for a tiny
    winset: moments divided by a small area); otherwise the mean of points spread along the boundary arcs,
    which lies inside because the winset is convex."""

    def strictly_inside(p: np.ndarray) -> bool:
        return bool(np.all(np.hypot(p[0] - centres[:, 0], p[1] - centres[:, 1]) < radii))

    c = np.asarray(centroid)
    if np.all(np.isfinite(c)) and strictly_inside(c):
        return (float(c[0]), float(c[1]))
    boundary = [
        centres[i] + radii[i] * np.array([math.cos(t), math.sin(t)])
        for i, lo, hi in arcs
        for t in np.linspace(lo, hi, 9)
    ]
    if boundary:
        m = np.mean(boundary, axis=0)
        if strictly_inside(m):
            return (float(m[0]), float(m[1]))
    return None


def winset_area_monte_carlo(
    ideal_points: ArrayLike, status_quo: ArrayLike, n_samples: int = 200_000, seed: int | None = 0
) -> tuple[float, float]:
    """Monte Carlo estimate of the winset area and its standard error (an independent check of
    :func:`unanimity_winset`). Samples uniformly in the intersection of the discs' bounding boxes; ``seed``
    feeds ``numpy.random.default_rng``.

    >>> est, se = winset_area_monte_carlo([[1, 1], [1, -1]], [0, 0], 100_000, seed=1)
    >>> abs(est - (math.pi - 2)) < 4 * se
    True
    """
    pts = _points(ideal_points)
    q = _point(status_quo, "status_quo")
    if isinstance(n_samples, bool) or not isinstance(n_samples, int) or n_samples < 1:
        raise ValueError(f"n_samples must be a positive integer, got {n_samples!r}")
    rng = np.random.default_rng(seed)
    radii = np.hypot(pts[:, 0] - q[0], pts[:, 1] - q[1])
    lo = np.max(pts - radii[:, None], axis=0)  # the intersection of the discs' bounding boxes
    hi = np.min(pts + radii[:, None], axis=0)
    if np.any(hi <= lo):
        return 0.0, 0.0
    xy = lo + (hi - lo) * rng.random((n_samples, 2))
    inside = np.ones(n_samples, dtype=bool)
    for p, rad in zip(pts, radii, strict=True):
        inside &= np.hypot(xy[:, 0] - p[0], xy[:, 1] - p[1]) < rad
    box = float(np.prod(hi - lo))
    frac = inside.mean()
    return float(box * frac), float(box * math.sqrt(frac * (1 - frac) / n_samples))


def unanimity_core_contains(ideal_points: ArrayLike, x: ArrayLike, tol: float = 1e-9) -> bool:
    """Whether ``x`` is in the unanimity core (the Pareto set) of members with these ideal points: with
    Euclidean preferences, the convex hull of the ideal points (checked by a linear program).

    >>> unanimity_core_contains([[0, 0], [2, 0], [0, 2]], [0.5, 0.5])
    True
    >>> unanimity_core_contains([[0, 0], [2, 0]], [1, 1])
    False
    """
    pts = _points(ideal_points)
    p = _point(x, "x")
    k = len(pts)
    # find lambda >= 0, sum lambda = 1, sum lambda_i p_i = x (minimize the L1 residual)
    A_eq = np.zeros((3, k + 4))
    A_eq[0, :k] = 1.0
    A_eq[1, :k], A_eq[2, :k] = pts[:, 0], pts[:, 1]
    A_eq[1, k], A_eq[1, k + 1] = 1.0, -1.0
    A_eq[2, k + 2], A_eq[2, k + 3] = 1.0, -1.0
    c = np.r_[np.zeros(k), np.ones(4)]
    res = linprog(c, A_eq=A_eq, b_eq=[1.0, p[0], p[1]], bounds=[(0, None)] * (k + 4), method="highs")
    scale = max(1.0, float(np.abs(pts).max()), float(np.abs(p).max()))
    return bool(res.status == 0 and res.fun <= tol * scale)


def is_absorbed(ideal_point: ArrayLike, others: ArrayLike, tol: float = 1e-9) -> bool:
    """Whether a member with ``ideal_point`` is absorbed by members with ideal points ``others`` (it lies in
    their Pareto set, so under unanimity it changes no winset; Tsebelis 2002).

    >>> is_absorbed([1, 1], [[0, 0], [3, 0], [0, 3]]), is_absorbed([3, 3], [[0, 0], [3, 0], [0, 3]])
    (True, False)
    """
    return unanimity_core_contains(others, ideal_point, tol)


def absorbed_members(ideal_points: ArrayLike, tol: float = 1e-9) -> list[int]:
    """Indices of members whose ideal point lies in the convex hull of the *others'* ideal points.

    >>> absorbed_members([[0, 0], [4, 0], [0, 4], [1, 1]])
    [3]
    """
    pts = _points(ideal_points)
    return [
        i for i in range(len(pts)) if len(pts) > 1 and is_absorbed(pts[i], np.delete(pts, i, axis=0), tol)
    ]


def pareto_set_vertices(ideal_points: ArrayLike) -> np.ndarray:
    """Vertices of the convex hull of the ideal points (the Pareto set), counter-clockwise (monotone chain).

    >>> pareto_set_vertices([[0, 0], [2, 0], [1, 1], [0, 2], [2, 2]]).tolist()
    [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]]
    """
    pts = _points(ideal_points)
    uniq = sorted({(float(x), float(y)) for x, y in pts})
    if len(uniq) <= 2:
        return np.array(uniq, dtype=float)

    def cross(o: Sequence[float], a: Sequence[float], b: Sequence[float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in uniq:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(uniq):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return np.array(lower[:-1] + upper[:-1], dtype=float)
