"""The vertices of one best-response polytope with their label sets, three ways (private module).

For an ``m x n`` game with payoffs normalized to ``[1, 2]`` (``An``, ``Bn``), von Stengel (2007),
"Equilibrium computation for two-player games in strategic and extensive form", *Algorithmic Game
Theory* ch. 3, defines

    P = {x in R^m : x >= 0, Bn^T x <= 1},        Q = {y in R^n : An y <= 1, y >= 0},

with labels ``0..m-1`` for the row strategies and ``m..m+n-1`` for the column strategies (see
:mod:`sco_games.theory.vertex`). Write each polytope's ``m + n`` constraints as equations
``E[l] . v = h[l]`` (``E`` stacks the identity and the payoff rows, ``h`` is 0 or 1): a vertex is
the unique solution of ``d`` linearly independent tight constraints (``d = m`` for ``P``, ``n`` for
``Q``), so every vertex is found by solving ``E[L] v = h[L]`` for some ``d``-subset ``L`` of labels.
The subsets come from one of:

- :func:`subset_vertices_pair`: every support pair of both polytopes at once, with the reduced
  ``k x k`` systems and the arithmetic of :mod:`sco_games.theory.vertex` (same vertices, same order,
  same bits); for small games, whose cost is then a few dozen numpy calls (index arrays cached per shape);
- :func:`hull_vertices`: qhull (``scipy.spatial.ConvexHull``). With ``c`` an interior point of the
  polytope, its vertices correspond one to one to the facets of the polar ``conv{E'_l / s_l}`` (the
  constraints written ``E'_l (v - c) <= s_l``, ``s_l > 0``; Ziegler 1995, *Lectures on Polytopes*,
  Lecture 2 on polarity; QuantEcon's ``vertex_enumeration`` does the same). A degenerate vertex (more
  than ``d`` tight constraints) is a facet that qhull triangulates into several simplices with the same
  label set, deduplicated; :func:`refine` re-solves the vertices that end up in equilibria from the
  ``d`` constraints of one simplex (one step of iterative refinement);
- :func:`reduced_vertices`: the reduced support enumeration of :mod:`sco_games.theory.vertex` (for a
  player with few strategies, and the fallback when qhull fails).

Whatever the source, a vertex's label set is computed from all ``m + n`` constraints with
``vertex.LABEL_TOL`` (so labels never depend on how the vertex was found), infeasible points are
dropped, vertices with the same label set are one vertex, and the zero vertex is never returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.spatial import ConvexHull, QhullError

from sco_games.theory import vertex

__all__ = [
    "LabelledVertices", "HullFailure", "subset_vertices_pair", "hull_vertices", "refine",
    "reduced_vertices",
]


class HullFailure(RuntimeError):
    """qhull could not build the polar hull (a ``QhullError`` or an inconsistent result)."""


@dataclass(frozen=True)
class LabelledVertices:
    """The nonzero vertices of ``P`` (side ``"x"``) or ``Q`` (side ``"y"``) of one game.

    ``points`` (K, d) in polytope coordinates, ``masks`` (K,) their label sets as int64 bitmasks,
    ``over_labelled``: some vertex has more than ``d`` labels (the game is degenerate);
    ``systems`` (K, d), if given: labels of ``d`` tight constraints that determine each vertex.
    """

    points: np.ndarray
    masks: np.ndarray
    over_labelled: bool
    systems: np.ndarray | None = None


@lru_cache(maxsize=256)
def _constant_parts(m: int, n: int, side: str):
    """For one side: the right-hand sides h (m + n,), the bit weights of the labels, and the identity."""
    d = m if side == "x" else n
    h = np.zeros(m + n)
    if side == "x":
        h[m:] = 1.0
    else:
        h[:m] = 1.0
    weights = np.left_shift(np.int64(1), np.arange(m + n, dtype=np.int64))
    eye = np.eye(d)
    for a in (h, weights, eye):
        a.setflags(write=False)
    return h, weights, eye


def _equations(Mn: np.ndarray, side: str) -> tuple[np.ndarray, np.ndarray]:
    """``E`` (m + n, d) with ``E[l] . v = h[l]`` the constraint of label ``l`` when tight, and the
    payoff matrix ``W`` with ``v @ W`` the payoff rows ((Bn^T x)_j for 'x', (An y)_i for 'y')."""
    m, n = Mn.shape
    if side == "x":
        return np.concatenate((np.eye(m), Mn.T)), Mn
    return np.concatenate((Mn, np.eye(n))), Mn.T


def _polar_points(Mn: np.ndarray, side: str) -> tuple[np.ndarray, float]:
    """The constraints ``E'_l (v - c) <= s_l`` of ``P`` or ``Q`` around the interior point
    ``c = t 1`` (``t`` puts every payoff row at most half-way to its bound), as points ``E'_l / s_l``;
    and ``t``."""
    m, n = Mn.shape
    W = Mn if side == "x" else Mn.T  # payoff rows: v @ W <= 1
    d = W.shape[0]
    t = 0.5 / W.sum(axis=0).max()
    slack = 1.0 - t * W.sum(axis=0)  # >= 1/2
    nonneg = -np.eye(d) / t  # -v_i <= 0  ->  -(v - c)_i <= t
    pay = W.T / slack[:, None]
    return (np.concatenate((nonneg, pay)) if side == "x" else np.concatenate((pay, nonneg))), t


def hull_vertices(Mn: np.ndarray, side: str) -> LabelledVertices:
    """Vertices of ``P`` or ``Q`` from the facets of the polar hull (qhull, via ``scipy.spatial``).

    A facet ``normal . p + offset = 0`` of the polar is the vertex ``c - normal / offset``; its labels
    are computed from all ``m + n`` constraints (not from the facet's points), and ``systems`` keeps
    the ``d`` constraints of one simplex of it for :func:`refine`. Raises :class:`HullFailure` if qhull
    fails (the caller falls back to :func:`reduced_vertices`).
    """
    m, n = Mn.shape
    tol = vertex.LABEL_TOL
    pts, t = _polar_points(Mn, side)
    try:
        hull = ConvexHull(pts)
    except (QhullError, ValueError) as exc:
        raise HullFailure(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
    eq = hull.equations
    d = pts.shape[1]
    if eq.ndim != 2 or eq.shape[1] != d + 1 or not (eq[:, -1] < 0).all():
        raise HullFailure(f"qhull returned facets of shape {eq.shape} not around the interior point")
    V = t - eq[:, :d] / eq[:, d:]
    V[np.abs(V) <= tol] = 0.0
    _, weights, _ = _constant_parts(m, n, side)
    W = Mn if side == "x" else Mn.T
    pay_slack = 1.0 - V @ W
    valid = (V >= -tol).all(axis=1) & (pay_slack >= -tol).all(axis=1) & V.any(axis=1)
    zero_bits, pay_bits = (weights[:m], weights[m:]) if side == "x" else (weights[m:], weights[:m])
    masks = (V <= tol) @ zero_bits + (pay_slack <= tol) @ pay_bits
    V, masks, systems = V[valid], masks[valid], hull.simplices[valid]
    over = bool((np.bitwise_count(masks) > d).any())
    if over:  # a degenerate vertex is a facet triangulated into several simplices
        _, first = np.unique(masks, return_index=True)
        V, masks, systems = V[first], masks[first], systems[first]
    return LabelledVertices(points=V, masks=masks.astype(np.int64), over_labelled=over, systems=systems)


def refine(Mn: np.ndarray, side: str, points: np.ndarray, systems: np.ndarray) -> np.ndarray:
    """Re-solve vertices from their ``d`` defining constraints (LAPACK, one step of iterative
    refinement), to rounding level; a vertex whose system is singular, or whose solution is not the
    point qhull gave (an ill-conditioned simplex), keeps its coordinates."""
    if len(points) == 0:
        return points
    m, n = Mn.shape
    h, _, eye = _constant_parts(m, n, side)
    E = np.concatenate((eye, Mn.T)) if side == "x" else np.concatenate((Mn, eye))
    M = E[systems]
    rhs = h[systems][..., None]
    try:
        z = np.linalg.solve(M, rhs)
        z += np.linalg.solve(M, rhs - M @ z)
    except np.linalg.LinAlgError:  # an exactly singular simplex (qhull's triangulation of a flat facet)
        return points
    z = z[..., 0]
    z[np.abs(z) <= vertex.LABEL_TOL] = 0.0
    good = (np.abs(z - points) <= 1e-8).all(axis=1)
    return np.where(good[:, None], z, points)


def reduced_vertices(Mn: np.ndarray, side: str) -> LabelledVertices:
    """Vertices from the reduced ``k x k`` support systems of :mod:`sco_games.theory.vertex` (cost
    ``C(m + n, m)`` small systems; cheap when one player has few strategies)."""
    V, masks, valid = vertex._vertices(Mn[None], side)
    d = V.shape[2]
    over, valid = vertex._degenerate_and_dedup(masks, valid, d)
    keep = valid[0]
    return LabelledVertices(points=V[0, keep], masks=masks[0, keep], over_labelled=bool(over[0]))


def _solve_1x1(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``vertex._solve_systems`` for a stack of 1 x 1 systems: the same operations on the same values
    (so the same bits), without the generic adjugate."""
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = 1.0 / M
    ok = (M != 0.0) & (np.abs(M) * np.abs(inv) < vertex.MAX_CONDITION)
    z = inv + inv * (1.0 - M * inv)
    return z.reshape(len(M), 1), ok.reshape(len(M))


@lru_cache(maxsize=256)
def _pair_template(m: int, n: int):
    """Cached index arrays of :func:`subset_vertices_pair` for shape (m, n), with d = max(m, n).

    For each support size k: ``gather`` (2 P_k, k, k) indices into ``[Bn.ravel(), An.ravel()]`` of
    the reduced systems of :mod:`sco_games.theory.vertex` (x side: ``(Bn[R, T])^T``, y side:
    ``An[R, T]``, P_k = C(m, k) C(n, k) pairs (R, T) each), and ``scatter`` (2 P_k, k) flat indices
    into the vertex array (2, C', d) where their solutions go. Also the label slack offsets
    (2, 1, m + n), the slack matrix template (2, d, m + n) and the label bit weights.
    """
    d = max(m, n)
    blocks = []
    start = 0
    for R, T in vertex._subset_pairs(m, n):
        P, k = R.shape
        gx = R[:, None, :] * n + T[:, :, None]  # S[p, a, b] = Bn[R[p, b], T[p, a]]
        gy = m * n + R[:, :, None] * n + T[:, None, :]  # S[p, a, b] = An[R[p, a], T[p, b]]
        rows = start + np.arange(P)[:, None]
        blocks.append((np.concatenate((gx, gy)), rows, R, T))
        start += P
    C = start
    out_blocks = []
    for gather, rows, R, T in blocks:
        # x solutions go to V[0, start + p, R[p, b]], y solutions to V[1, start + p, T[p, b]]
        scatter = np.concatenate((rows * d + R, C * d + rows * d + T))
        slots = rows[:, 0].copy()
        for a in (gather, scatter, slots):
            a.setflags(write=False)
        out_blocks.append((gather, scatter, slots))
    offsets = np.zeros((2, 1, m + n))
    offsets[0, 0, m:] = 1.0
    offsets[1, 0, :m] = 1.0
    G = np.zeros((2, d, m + n))
    G[0, :m, :m] = np.eye(m)
    G[1, :n, m:] = np.eye(n)
    weights = np.left_shift(np.int64(1), np.arange(m + n, dtype=np.int64))
    for a in (offsets, G, weights):
        a.setflags(write=False)
    return tuple(out_blocks), C, offsets, G, weights


def subset_vertices_pair(An: np.ndarray, Bn: np.ndarray) -> tuple[LabelledVertices, LabelledVertices]:
    """The vertices of ``P`` and of ``Q`` from every support pair, in one pass over both polytopes
    (they have the same number of candidates), with the reduced ``k x k`` systems and the arithmetic of
    :mod:`sco_games.theory.vertex` (same candidates, same order, same numbers); index arrays cached
    per shape, for the fixed cost of small games."""
    m, n = An.shape
    tol = vertex.LABEL_TOL
    blocks, C, offsets, G0, weights = _pair_template(m, n)
    d = G0.shape[1]
    flat = np.concatenate((Bn.ravel(), An.ravel()))
    V = np.zeros((2, C, d))
    ok = np.empty((2, C), dtype=bool)
    for gather, scatter, slots in blocks:
        z, good = _solve_1x1(flat[gather]) if gather.shape[1] == 1 else vertex._solve_systems(flat[gather])
        V.flat[scatter] = z
        ok[:, slots] = good.reshape(2, -1)
    V[np.abs(V) <= tol] = 0.0
    G = G0.copy()
    G[0, :m, m:] = -Bn
    G[1, :n, :m] = -An.T
    slack = V @ G + offsets  # x side [x_i, 1 - (Bn^T x)_j]; y side [1 - (An y)_i, y_j]
    valid = ok & (slack >= -tol).all(axis=2)
    masks = (slack <= tol) @ weights
    out = []
    for side, dim in ((0, m), (1, n)):
        v = valid[side]
        pts, msk = V[side, v, :dim], masks[side, v]
        over = bool((np.bitwise_count(msk) > dim).any())
        if over:
            _, first = np.unique(msk, return_index=True)
            first.sort()
            pts, msk = pts[first], msk[first]
        out.append(LabelledVertices(points=pts, masks=msk, over_labelled=over))
    return out[0], out[1]
