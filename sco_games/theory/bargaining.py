"""Two-player bargaining: axiomatic solutions, alternating offers, and Fearon's bargaining range.

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
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import brentq, minimize_scalar

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

Frontier = Callable[[float], float] | ArrayLike

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
class RubinsteinSolution:
    """The subgame-perfect split of a unit pie in alternating offers, when player 1 proposes first.

    ``proposer`` / ``responder`` are the shares of the first proposer and the first responder, agreed at once.
    ``binding`` says which outside option binds: None, "responder", "proposer" or "both".
    ``agreement`` is False only when the outside options sum to more than the pie (then each takes its option
    and ``proposer, responder`` are those options).
    """

    proposer: float
    responder: float
    delta1: float
    delta2: float
    outside_options: tuple[float, float]
    binding: str | None
    agreement: bool
    method: str


@dataclass(frozen=True)
class FearonRange:
    """Fearon's (1995) bargaining range for A's share ``x`` of a unit good.

    War gives A ``p - cost_a`` and B ``1 - p - cost_b``; every ``x`` in the open interval
    ``(p - cost_a, p + cost_b)`` is strictly preferred to war by both. ``raw_lower, raw_upper`` are those
    ends; ``lower, upper`` are clipped to ``[0, 1]``; ``clipped`` says whether clipping changed an end;
    ``empty`` is True when no share in ``[0, 1]`` beats war for both (e.g. negative total costs, i.e. war
    gains).
    """

    p: float
    cost_a: float
    cost_b: float
    raw_lower: float
    raw_upper: float
    lower: float
    upper: float
    clipped: bool
    empty: bool
    method: str = "Fearon (1995): x in (p - c_A, p + c_B) ∩ [0, 1]"

    @property
    def width(self) -> float:
        """Length of the (clipped) range; 0 when empty."""
        return 0.0 if self.empty else self.upper - self.lower

    def contains(self, x: float) -> bool:
        """Whether A's share ``x`` is strictly preferred to war by both sides (and lies in [0, 1])."""
        return (not self.empty) and self.raw_lower < x < self.raw_upper and 0.0 <= x <= 1.0


# ----------------------------------------------------------------------------------------------------
# validation helpers


def _finite(name: str, value: float) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a real number, got {value!r}") from exc
    if not math.isfinite(x):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return x


def _pair(name: str, value: Sequence[float]) -> tuple[float, float]:
    try:
        items = list(value)
    except TypeError as exc:
        raise ValueError(f"{name} must be a pair of numbers, got {value!r}") from exc
    if len(items) != 2:
        raise ValueError(f"{name} must be a pair of numbers, got {len(items)} entries")
    return (_finite(f"{name}[0]", items[0]), _finite(f"{name}[1]", items[1]))


def _weights(weights: Sequence[float]) -> tuple[float, float]:
    a, b = _pair("weights", weights)
    if a <= 0 or b <= 0:
        raise ValueError(f"weights must both be positive, got {weights!r}")
    if abs(a + b - 1.0) > 1e-9:
        raise ValueError(f"weights must sum to 1, got {weights!r} (sum {a + b!r})")
    return a, b


def _delta(name: str, value: float) -> float:
    x = _finite(name, value)
    if not 0.0 < x < 1.0:
        raise ValueError(f"{name} must be a discount factor in the open interval (0, 1), got {value!r}")
    return x


# ----------------------------------------------------------------------------------------------------
# frontiers


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
        return _Frontier(f=f, lo=lo, hi=hi, vertices=None, fv=fv)
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


def _nash_on_vertices(verts: np.ndarray, d: tuple[float, float], a: float) -> tuple[float, float]:
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
    - Callable frontier: numeric; a grid of 2049 points over the individually rational part of the frontier,
      then bounded Brent refinement between the grid neighbours of the best point (accurate to ~1e-8 in u1 for
      smooth concave f; for non-concave f this is a global grid search, not a proof of optimality).

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
        u1, u2 = _nash_on_vertices(pb.fr.vertices, pb.d, a)
        method = "exact on a piecewise-linear frontier: closed-form stationary point on each Pareto segment"
    else:
        u1, u2 = _nash_on_callable(pb, a)
        method = f"numeric on a callable frontier: {_GRID}-point grid + bounded Brent refinement"
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
    Found by Brent's root finder on the frontier (exact to ~1e-12 on a point frontier). As for
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

    if g(pb.start) >= 0:  # only when d1 < lo: the ray meets the flat (weakly Pareto) part at u1 = lo
        u1 = pb.start
    elif g(pb.end) <= 0:
        u1 = pb.end
    else:
        u1 = float(brentq(g, pb.start, pb.end, xtol=1e-14, rtol=4 * np.finfo(float).eps))
    t = (u1 - d1) / (i1 - d1)
    return BargainingSolution(
        u1=u1,
        u2=d2 + t * (i2 - d2),
        solution="kalai-smorodinsky",
        method=f"root of the equal-relative-gain condition on the {pb.fr.kind} frontier (Brent)",
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

    if g(pb.start) >= 0:  # equal-gain ray hits the flat part left of the frontier
        e = f(pb.start) - d2
        u1, u2 = d1 + e, d2 + e
    else:
        if g(pb.end) <= 0:
            u1 = pb.end
        else:
            u1 = float(brentq(g, pb.start, pb.end, xtol=1e-14, rtol=4 * np.finfo(float).eps))
        e = u1 - d1
        u1, u2 = d1 + e, d2 + e
    return BargainingSolution(
        u1, u2, "egalitarian", f"root of u1 - d1 = u2 - d2 on the {pb.fr.kind} frontier (Brent)",
        pb.d, None, True, pb.ideal,
    )


# ----------------------------------------------------------------------------------------------------
# Rubinstein alternating offers


def rubinstein(
    delta1: float, delta2: float, outside_options: Sequence[float] = (0.0, 0.0)
) -> RubinsteinSolution:
    """Unique SPE of Rubinstein's (1982) alternating-offers game over a unit pie, player 1 proposing first.

    Without outside options the first proposer gets ``(1 - delta2) / (1 - delta1 delta2)`` and the responder
    ``delta2 (1 - delta1) / (1 - delta1 delta2)`` (Rubinstein 1982; Osborne & Rubinstein 1990, ch. 3).

    Outside options ``(w1, w2)`` (proposer's, responder's): a player may opt out only when *responding* to an
    offer, after rejecting it, ending the game with payoff ``w_i`` to him and 0 to the other (the model of
    Osborne & Rubinstein 1990, ch. 3, and Muthoo 1999, ch. 5; tested experimentally by Binmore, Shaked &
    Sutton 1989). The *outside option principle*: an option affects the outcome only if it binds, i.e.
    exceeds what its holder gets as a responder without it. Stationary SPE shares ``x1`` (player 1's when
    proposing) and ``y2`` (player 2's when proposing) solve::

        x1 = 1 - max(w2, delta2 * y2),     y2 = 1 - max(w1, delta1 * x1)

    (a contraction with modulus ``delta1 delta2``, so its solution is unique; we solve it exactly by cases).
    With one option (``w1 = 0``) this is the unique SPE (Osborne & Rubinstein 1990, ch. 3). With two options
    we report this stationary SPE of the responder-only opt-out model; if instead *either* player may quit
    after any rejection, Ponsati & Sakovics (1998, Economic Theory 11:667-672) show a continuum of SPE
    outcomes, some with delay, so two-sided results are model-specific.
    With ``w1 = 0``: the responder's option binds iff ``w2 > delta2 (1 - delta1) / (1 - delta1 delta2)`` (its
    Rubinstein share as responder), and then the proposer gets ``1 - w2``. If ``w1 + w2 > 1`` no split beats
    both options: ``agreement=False`` and the shares reported are the options.

    >>> r = rubinstein(0.9, 0.9)
    >>> round(r.proposer, 6), round(r.responder, 6)
    (0.526316, 0.473684)
    >>> rubinstein(0.9, 0.9, outside_options=(0, 0.6)).proposer
    0.4
    """
    d1 = _delta("delta1", delta1)
    d2 = _delta("delta2", delta2)
    w1, w2 = _pair("outside_options", outside_options)
    if w1 + w2 > 1.0:
        return RubinsteinSolution(
            w1, w2, d1, d2, (w1, w2), "both", False,
            "outside options sum to more than the pie: no agreement, each takes its option",
        )
    # candidate x1 (proposer's share) for each case of which max() is attained by the outside option
    cases = {
        None: (1 - d2) / (1 - d1 * d2),
        "responder": 1 - w2,
        "proposer": 1 - d2 * (1 - w1),
        "both": 1 - w2,
    }

    def F(x1: float) -> tuple[float, float]:
        y2 = 1 - max(w1, d1 * x1)
        return 1 - max(w2, d2 * y2), y2

    chosen: tuple[str | None, float] | None = None
    for label, x1 in cases.items():
        fx, y2 = F(x1)
        if abs(fx - x1) <= 1e-12:
            binds_r = w2 > d2 * y2
            binds_p = w1 > d1 * x1
            actual = {(False, False): None, (False, True): "responder", (True, False): "proposer",
                      (True, True): "both"}[(binds_p, binds_r)]
            chosen = (actual, x1)
            if actual == label:
                break
    assert chosen is not None, "the stationary-SPE map is a contraction; one case must be a fixed point"
    binding, x1 = chosen
    method = "Rubinstein (1982) closed form" if binding is None else (
        "outside option principle (Osborne & Rubinstein 1990 ch. 3; Muthoo 1999 ch. 5): "
        f"{binding} option binds"
    )
    return RubinsteinSolution(x1, 1 - x1, d1, d2, (w1, w2), binding, True, method)


def discount_factor(rate: float, dt: float) -> float:
    """``delta = exp(-rate * dt)``: the per-round discount factor for a continuous discount ``rate`` > 0 and a
    delay ``dt`` > 0 between offers.

    >>> round(discount_factor(0.1, 1.0), 6)
    0.904837
    """
    r = _finite("rate", rate)
    t = _finite("dt", dt)
    if r <= 0:
        raise ValueError(f"rate must be positive, got {rate!r}")
    if t <= 0:
        raise ValueError(f"dt must be positive, got {dt!r}")
    return math.exp(-r * t)


def rubinstein_continuous(
    r1: float, r2: float, dt: float, outside_options: Sequence[float] = (0.0, 0.0)
) -> RubinsteinSolution:
    """Rubinstein's split with ``delta_i = exp(-r_i dt)`` (rates ``r_i``, delay ``dt`` between offers)."""
    return rubinstein(discount_factor(r1, dt), discount_factor(r2, dt), outside_options)


def rubinstein_limit(r1: float, r2: float) -> tuple[float, float]:
    """The ``dt -> 0`` limit of the split with ``delta_i = exp(-r_i dt)``: ``(r2/(r1+r2), r1/(r1+r2))``.

    This equals the asymmetric Nash solution of the unit pie with weights ``(r2/(r1+r2), r1/(r1+r2))``
    (Binmore, Rubinstein & Wolinsky 1986): the more patient player (smaller rate) gets more.

    >>> rubinstein_limit(1.0, 3.0)
    (0.75, 0.25)
    """
    a = _finite("r1", r1)
    b = _finite("r2", r2)
    if a <= 0 or b <= 0:
        raise ValueError(f"rates r1, r2 must be positive, got r1={r1!r}, r2={r2!r}")
    return (b / (a + b), a / (a + b))


# ----------------------------------------------------------------------------------------------------
# Fearon


def fearon_range(p: float, cost_a: float, cost_b: float) -> FearonRange:
    """Fearon's (1995) bargaining range of A's share ``x``: ``(p - cost_a, p + cost_b)`` within ``[0, 1]``.

    ``p`` is A's probability of winning a war over the whole good (in [0, 1]); ``cost_a, cost_b`` are the war
    costs as shares of the good. Costs are usually positive; negative costs (war gains) are allowed and can
    make the range empty.

    >>> r = fearon_range(0.998, 0.05, 0.2)
    >>> round(r.lower, 3), r.upper, r.clipped, r.empty
    (0.948, 1.0, True, False)
    """
    pp = _finite("p", p)
    if not 0.0 <= pp <= 1.0:
        raise ValueError(f"p must be a probability in [0, 1], got {p!r}")
    ca = _finite("cost_a", cost_a)
    cb = _finite("cost_b", cost_b)
    raw_lo, raw_hi = pp - ca, pp + cb
    lo, hi = max(raw_lo, 0.0), min(raw_hi, 1.0)
    clipped = lo != raw_lo or hi != raw_hi
    # the set {x in [0,1]: raw_lo < x < raw_hi}; at a clipped end the end point itself is inside
    empty = not (raw_lo < raw_hi and raw_lo < 1.0 and raw_hi > 0.0)
    return FearonRange(pp, ca, cb, raw_lo, raw_hi, lo, hi, clipped, empty)
