"""The extreme equilibria of one bimatrix game: vertices, complementary pairs, regret check (private).

A pair of nonzero vertices ``(x, y)`` of the best-response polytopes ``P x Q`` is completely
labelled (every label on ``x`` or on ``y``) iff ``(x / 1'x, y / 1'y)`` is an extreme Nash
equilibrium (von Stengel 2007, *Algorithmic Game Theory* ch. 3; Avis, Rosenberg, Savani and von
Stengel 2010, *Economic Theory* 42). A 2 x 2 game goes to the plain-Python
:mod:`sco_games.theory.two_by_two`; otherwise the vertices come from
:mod:`sco_games.theory.labelled_vertices`, by the cheapest of its three methods for the game's shape:

- every subset of labels at once when ``C(m + n, m) <= SUBSET_LIMIT`` (small games: fixed cost only);
- the reduced support systems when one player has at most ``REDUCED_MAX_SIDE`` strategies (qhull
  would work in the other player's high dimension);
- qhull of the polar polytopes otherwise; if qhull fails, the reduced support systems (up to
  ``MAX_REDUCED_CANDIDATES`` candidates; beyond that a clear error).

Matching: a vertex with exactly ``d`` labels can only complete a vertex carrying exactly the other
labels, found by sorting and binary search of the bitmasks; only pairs involving an over-labelled
vertex (degenerate games) are compared all against all. Each pair is then checked by its regret on the
original payoffs.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import comb

import numpy as np

from sco_games.theory import vertex
from sco_games.theory.labelled_vertices import (
    HullFailure,
    LabelledVertices,
    hull_vertices,
    reduced_vertices,
    refine,
    subset_vertices_pair,
)
from sco_games.theory.two_by_two import solve_2x2

__all__ = ["Extreme", "extreme_equilibria", "SUBSET_LIMIT", "REDUCED_MAX_SIDE", "MAX_REDUCED_CANDIDATES"]

#: Largest C(m + n, m) for which every label subset is solved at once (small games).
SUBSET_LIMIT = 252
#: A game whose smaller side has at most this many strategies uses the reduced support systems.
REDUCED_MAX_SIDE = 3
#: Largest C(m + n, m) accepted by the reduced support systems (the fallback when qhull fails).
MAX_REDUCED_CANDIDATES = 1_000_000


@dataclass(frozen=True)
class Extreme:
    """Verified extreme equilibria of one game, in order: ``row`` (E, m), ``col`` (E, n),
    ``payoffs`` (E, 2), ``regrets`` (E, 2) on the original payoffs; ``degenerate``; ``rejected``
    (completely labelled pairs dropped by the regret check, expected 0); ``vertices``: which method
    gave the vertices (``"2x2"``, ``"subsets"``, ``"reduced"``, ``"qhull"`` or
    ``"reduced (qhull failed: ...)"``)."""

    row: np.ndarray
    col: np.ndarray
    payoffs: np.ndarray
    regrets: np.ndarray
    degenerate: bool
    rejected: int
    vertices: str


def _normalize(M: np.ndarray) -> np.ndarray:
    """``vertex.normalize`` of one matrix (the same values), with fewer numpy calls."""
    lo = M.min()
    rng = M.max() - lo
    return 1.0 + (M - lo) / rng if rng > 0 else np.ones_like(M)


def _method(m: int, n: int) -> str:
    if comb(m + n, m) <= SUBSET_LIMIT:
        return "subsets"
    if min(m, n) <= REDUCED_MAX_SIDE:
        return "reduced"
    return "qhull"


def _both_sides(
    An: np.ndarray, Bn: np.ndarray, method: str
) -> tuple[LabelledVertices, LabelledVertices, str]:
    m, n = An.shape
    if method == "subsets":
        X, Y = subset_vertices_pair(An, Bn)
        return X, Y, method
    if method == "qhull":
        try:
            return hull_vertices(Bn, "x"), hull_vertices(An, "y"), method
        except HullFailure as exc:
            method = f"reduced (qhull failed: {exc})"
    if comb(m + n, m) > MAX_REDUCED_CANDIDATES:
        raise ValueError(
            f"game_or_A ({m} x {n}) could not be solved: qhull failed on its best-response polytopes "
            f"and the support enumeration would need C(m+n, m) = {comb(m + n, m)} > "
            f"{MAX_REDUCED_CANDIDATES} linear systems"
        )
    return reduced_vertices(Bn, "x"), reduced_vertices(An, "y"), method


def _complete_pairs(
    X: LabelledVertices, Y: LabelledVertices, m: int, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Indices (ix, iy) of the completely labelled pairs, sorted by (ix, iy)."""
    full = np.int64((1 << (m + n)) - 1)
    Lx, Ly = X.masks, Y.masks
    if len(Lx) * len(Ly) <= 4096 or X.over_labelled and Y.over_labelled:
        ix, iy = np.nonzero((Lx[:, None] | Ly[None, :]) == full)
        return ix, iy
    parts_x, parts_y = [], []
    exact_x = np.bitwise_count(Lx) == m
    exact_y = np.bitwise_count(Ly) == n
    # exactly labelled x and exactly labelled y: the labels must be complementary
    ey = np.flatnonzero(exact_y)
    order = np.argsort(Ly[ey], kind="stable")
    sorted_y = Ly[ey][order]
    ex = np.flatnonzero(exact_x)
    want = full ^ Lx[ex]
    pos = np.minimum(np.searchsorted(sorted_y, want), max(len(sorted_y) - 1, 0))
    if len(sorted_y):
        hit = sorted_y[pos] == want
        parts_x.append(ex[hit])
        parts_y.append(ey[order[pos[hit]]])
    # pairs with an over-labelled vertex on either side: all against all, in slices
    for xs, ys in ((np.flatnonzero(~exact_x), np.arange(len(Ly))), (ex, np.flatnonzero(~exact_y))):
        if len(xs) == 0 or len(ys) == 0:
            continue
        step = max(1, 4_000_000 // len(ys))
        for s in range(0, len(xs), step):
            blk = xs[s:s + step]
            i, j = np.nonzero((Lx[blk, None] | Ly[None, ys]) == full)
            parts_x.append(blk[i])
            parts_y.append(ys[j])
    ix = np.concatenate(parts_x) if parts_x else np.zeros(0, np.intp)
    iy = np.concatenate(parts_y) if parts_y else np.zeros(0, np.intp)
    order = np.lexsort((iy, ix))
    return ix[order], iy[order]


def _first_regular(
    Mn: np.ndarray, support: tuple[int, ...], best: tuple[int, ...], side: str
) -> tuple[int, ...]:
    """The first ``k``-subset (lexicographic) of the best replies whose square system with the support
    is regular, as :mod:`sco_games.theory.vertex` meets it (``k`` = support size)."""
    k = len(support)
    if len(best) == k:
        return best
    for sub in combinations(best, k):
        S = Mn[np.ix_(support, sub)] if side == "x" else Mn[np.ix_(sub, support)]
        if np.linalg.det(S) != 0.0 and np.linalg.cond(S, 1) < vertex.MAX_CONDITION:
            return sub
    return best


def _order_key(mask: int, Mn: np.ndarray, side: str) -> tuple:
    """The order of :mod:`sco_games.theory.vertex`'s candidates for a vertex with label set ``mask``:
    support size, then (x) the support and the best replies or (y) the best replies and the support."""
    m, n = Mn.shape
    zero_lo, pay_lo, d, p = (0, m, m, n) if side == "x" else (m, 0, n, m)
    support = tuple(i for i in range(d) if not mask >> (zero_lo + i) & 1)
    best = _first_regular(Mn, support, tuple(j for j in range(p) if mask >> (pay_lo + j) & 1), side)
    return (len(support), support, best) if side == "x" else (len(support), best, support)


def extreme_equilibria(
    A: np.ndarray, B: np.ndarray, tol: float, scale_a: float, scale_b: float, vertices: str | None = None
) -> Extreme:
    """The verified extreme equilibria of the game ``(A, B)`` (each player's regret at most
    ``tol * scale``), listed by support size, pure ones first (the order of
    :mod:`sco_games.theory.vertex`). ``vertices`` forces a method (``"subsets"``, ``"reduced"`` or
    ``"qhull"``; tests compare them), otherwise the cheapest one for the shape is used."""
    m, n = A.shape
    if m == 2 and n == 2 and vertices is None:
        row, col, payoffs, regrets, degenerate, rejected = solve_2x2(A, B, tol, scale_a, scale_b)
        return Extreme(row, col, payoffs, regrets, degenerate, rejected, "2x2")
    An, Bn = _normalize(A), _normalize(B)
    X, Y, method = _both_sides(An, Bn, vertices or _method(m, n))
    ix, iy = _complete_pairs(X, Y, m, n)
    if method == "qhull" and len(ix) > 1:  # put the pairs in the canonical order (the others list them so)
        kx = {i: _order_key(int(X.masks[i]), Bn, "x") for i in set(ix.tolist())}
        ky = {j: _order_key(int(Y.masks[j]), An, "y") for j in set(iy.tolist())}
        order = sorted(range(len(ix)), key=lambda e: (kx[int(ix[e])], ky[int(iy[e])]))
        ix, iy = ix[order], iy[order]
    x = X.points[ix]
    y = Y.points[iy]
    if X.systems is not None:  # qhull's coordinates, re-solved to rounding level
        x = refine(Bn, "x", x, X.systems[ix])
        y = refine(An, "y", y, Y.systems[iy])
    with np.errstate(invalid="ignore", divide="ignore"):  # a zero sum could only come from a bad candidate
        x = x / x.sum(axis=1, keepdims=True)
        y = y / y.sum(axis=1, keepdims=True)
    Ay = y @ A.T
    xB = x @ B
    pa = (x * Ay).sum(axis=1)
    pb = (xB * y).sum(axis=1)
    ra = Ay.max(axis=1, initial=-np.inf) - pa  # (initial: no pair at all is an empty array, not an error)
    rb = xB.max(axis=1, initial=-np.inf) - pb
    # (vertices are finite and >= 0 by construction; a NaN regret, from a zero vertex that only an absurd
    # LABEL_TOL lets through, fails the comparison and is rejected)
    good = (ra <= tol * scale_a) & (rb <= tol * scale_b)
    return Extreme(
        row=x[good],
        col=y[good],
        payoffs=np.stack((pa[good], pb[good]), axis=1),
        regrets=np.stack((ra[good], rb[good]), axis=1),
        degenerate=X.over_labelled or Y.over_labelled,
        rejected=int((~good).sum()),
        vertices=method,
    )
