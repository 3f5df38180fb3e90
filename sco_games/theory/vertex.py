"""Batched vertex enumeration of the best-response polytopes of bimatrix games (private core).

The algorithm is the one of von Stengel (2007), "Equilibrium computation for two-player games in
strategic and extensive form", in Nisan et al. (eds.), *Algorithmic Game Theory*, ch. 3,
and Avis, Rosenberg, Savani and von Stengel (2010), "Enumeration of Nash equilibria for two-player
games", *Economic Theory* 42: 9-37. For an ``m x n`` game with payoff matrices ``A, B > 0``:

    P = {x in R^m : x >= 0, B^T x <= 1},        Q = {y in R^n : A y <= 1, y >= 0}.

Labels are numbered ``0..m-1`` (row strategies) and ``m..m+n-1`` (column strategies). A point
``x`` of ``P`` has label ``i`` if ``x_i = 0`` and label ``m + j`` if ``(B^T x)_j = 1`` (``j`` is a
best response); a point ``y`` of ``Q`` has label ``i`` if ``(A y)_i = 1`` and label ``m + j`` if
``y_j = 0``. A pair ``(x, y) != (0, 0)`` is *completely labelled* (every label appears on ``x``
or ``y``) iff ``(x / 1'x, y / 1'y)`` is a Nash equilibrium (von Stengel 2007, ch. 3). The
extreme equilibria are exactly the completely labelled pairs of *vertices* of ``P x Q``; in a
nondegenerate game these are all the equilibria (ibid.; Avis et al. 2010).

Vertices are enumerated robustly rather than by pivoting: a vertex of ``P`` other than 0 has a
support ``R`` and a set ``T`` of best-response columns with ``|R| = |T| = k`` whose constraints
determine it, so for every ``k`` and every pair ``(R, T)`` we solve ``B[R, T]^T x_R = 1`` (all pairs
of all games at once: closed-form inverses for k <= 3, batched LAPACK otherwise, each followed by
one step of iterative refinement; ill-conditioned systems are skipped), keep the feasible solutions, compute
their full label sets with a tolerance, and deduplicate vertices by label set (a vertex is
determined by its tight constraints, so two vertices with the same label set are the same).
A game is degenerate (von Stengel 2007, ch. 3) iff some vertex has more labels than its
dimension (``> m`` in ``P`` or ``> n`` in ``Q``).

Payoffs are first mapped to ``[1, 2]`` by a positive affine map per player, which changes no
equilibrium and makes every tolerance scale-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np

__all__ = ["LABEL_TOL", "BatchArrays", "enumerate_batch", "normalize"]

#: Tolerance (on the normalized payoffs in [1, 2] and on P, Q coordinates in [0, 1]) used to decide
#: feasibility and which labels a vertex has.
LABEL_TOL = 1e-10
#: A square subsystem (normalized payoffs) is treated as singular if its condition number exceeds this.
MAX_CONDITION = 1e11
#: Bound on (games per chunk) x (candidate vertices) to keep memory small.
_CHUNK_BUDGET = 2_000_000
#: Bound on (games per slice) x (x vertices) x (y vertices) when matching labels.
_PAIR_BUDGET = 4_000_000


def normalize(M: np.ndarray) -> np.ndarray:
    """Map each game's matrix (last two axes) to ``1 + (M - min) / (max - min)`` in ``[1, 2]``.

    A constant matrix maps to all ones. This is a positive affine map, so best responses and
    equilibria are unchanged.
    """
    lo = M.min(axis=(-2, -1), keepdims=True)
    hi = M.max(axis=(-2, -1), keepdims=True)
    rng = hi - lo
    safe = np.where(rng > 0, rng, 1.0)
    return np.where(rng > 0, 1.0 + (M - lo) / safe, 1.0)


@lru_cache(maxsize=64)
def _subset_pairs(m: int, n: int) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """For k = 1..min(m, n): index arrays (R, T) of shape (C(m,k) C(n,k), k) of all subset pairs."""
    out = []
    for k in range(1, min(m, n) + 1):
        rows = np.array(list(combinations(range(m), k)), dtype=np.intp)
        cols = np.array(list(combinations(range(n), k)), dtype=np.intp)
        R = np.repeat(rows, len(cols), axis=0)
        T = np.tile(cols, (len(rows), 1))
        R.setflags(write=False)
        T.setflags(write=False)
        out.append((R, T))
    return tuple(out)


_ADJ2 = (np.array([[1, 0], [1, 0]]), np.array([[1, 1], [0, 0]]), np.array([[1.0, -1.0], [-1.0, 1.0]]))
_COF3 = tuple(
    np.array([[(i + di) % 3 for j in range(3)] for i in range(3)]) if axis == "i"
    else np.array([[(j + dj) % 3 for j in range(3)] for i in range(3)])
    for axis, di, dj in (("i", 1, 0), ("j", 0, 1), ("i", 2, 0), ("j", 0, 2))
)


def _adjugate_det(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Closed-form adjugate and determinant of a stack of k x k matrices, k <= 3 (faster than LAPACK
    for millions of tiny systems); the cofactors are gathered with index arrays, all at once."""
    k = M.shape[-1]
    if k == 1:
        return np.ones_like(M), M[..., 0, 0]
    if k == 2:
        rows, cols, sign = _ADJ2  # [[d, -b], [-c, a]]
        det = M[..., 0, 0] * M[..., 1, 1] - M[..., 0, 1] * M[..., 1, 0]
        return np.ascontiguousarray(M[..., rows, cols] * sign), det
    i1, j1, i2, j2 = _COF3  # cof[i, j] = M[i1, j1] M[i2, j2] - M[i1, j2] M[i2, j1] (indices mod 3)
    cof = np.ascontiguousarray(M[..., i1, j1] * M[..., i2, j2] - M[..., i1, j2] * M[..., i2, j1])
    det = (M[..., 0, :] * cof[..., 0, :]).sum(-1)
    return np.swapaxes(cof, -1, -2), det


def _solve_systems(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``M z = 1`` for a stack ``M`` of shape (..., k, k); return (z, well-conditioned mask).

    A system counts as singular if its 1-norm condition number ``||M||_1 ||M^-1||_1`` exceeds
    ``MAX_CONDITION`` (exactly singular ones, ``det = 0``, are set aside before inverting). One step
    of iterative refinement brings the residual of the inverse-based solution down to rounding level.
    """
    k = M.shape[-1]
    if k <= 3:
        adj, det = _adjugate_det(M)
        exact_ok = det != 0.0
        inv = adj / np.where(exact_ok, det, 1.0)[..., None, None]
        Msafe = M
    else:
        exact_ok = np.linalg.det(M) != 0.0
        eye = np.broadcast_to(np.eye(k), M.shape)
        Msafe = np.where(exact_ok[..., None, None], M, eye)
        inv = np.linalg.inv(Msafe)
    cond = np.abs(Msafe).sum(axis=-2).max(axis=-1) * np.abs(inv).sum(axis=-2).max(axis=-1)
    ok = exact_ok & (cond < MAX_CONDITION)
    z = inv.sum(axis=-1)
    resid = 1.0 - np.einsum("...ij,...j->...i", Msafe, z)
    z = z + np.einsum("...ij,...j->...i", inv, resid)
    return z, ok


def _popcount(masks: np.ndarray) -> np.ndarray:
    return np.bitwise_count(masks.astype(np.uint64)).astype(np.int64)


def _dedup_by_mask(masks: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Return ``valid`` with all but the first occurrence (lowest index) of each label mask removed."""
    G, C = masks.shape
    key = np.where(valid, masks, -1 - np.arange(C, dtype=np.int64)[None, :])
    order = np.argsort(key, axis=1, kind="stable")
    skey = np.take_along_axis(key, order, axis=1)
    dup_sorted = np.zeros_like(valid)
    dup_sorted[:, 1:] = skey[:, 1:] == skey[:, :-1]
    dup = np.zeros_like(valid)
    np.put_along_axis(dup, order, dup_sorted, axis=1)
    return valid & ~dup


def _vertices(Mn: np.ndarray, side: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate vertices (other than 0) of P (side 'x', Mn = normalized B) or Q (side 'y', Mn = A).

    Returns (V, labels, valid): V of shape (G, C, d) with d = m for 'x' and n for 'y'; labels are
    int64 bitmasks over m + n labels; valid marks feasible, nonsingular, deduplicated vertices.
    """
    G, m, n = Mn.shape
    blocks_V, blocks_ok = [], []
    for R, T in _subset_pairs(m, n):
        P, k = R.shape
        if side == "x":
            # rows a over T, cols b over R: (B[R, T])^T
            S = Mn[:, R[:, None, :], T[:, :, None]]
            z, ok = _solve_systems(S)
            V = np.zeros((G, P, m))
            V[:, np.arange(P)[:, None], R] = z
        else:
            S = Mn[:, R[:, :, None], T[:, None, :]]
            z, ok = _solve_systems(S)
            V = np.zeros((G, P, n))
            V[:, np.arange(P)[:, None], T] = z
        blocks_V.append(V)
        blocks_ok.append(ok)
    V = np.concatenate(blocks_V, axis=1)
    ok = np.concatenate(blocks_ok, axis=1)
    tol = LABEL_TOL
    V[np.abs(V) <= tol] = 0.0
    payoff = V @ Mn if side == "x" else V @ np.swapaxes(Mn, 1, 2)  # (B^T x)_j  or  (A y)_i
    # labels as bitmasks; explicit loops over the few coordinates beat reductions over a tiny last axis
    d_zero, d_pay = V.shape[2], payoff.shape[2]
    off_zero, off_pay = (0, m) if side == "x" else (m, 0)
    valid = ok.copy()
    masks = np.zeros(ok.shape, dtype=np.int64)
    for i in range(d_zero):
        v = V[:, :, i]
        valid &= v >= -tol
        masks |= (v <= tol).astype(np.int64) << (off_zero + i)
    for j in range(d_pay):
        p = payoff[:, :, j]
        valid &= p <= 1.0 + tol
        masks |= (p >= 1.0 - tol).astype(np.int64) << (off_pay + j)
    masks[~valid] = 0
    return V, masks, valid


def _degenerate_and_dedup(masks: np.ndarray, valid: np.ndarray, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Per game: is some vertex over-labelled (> dim labels, i.e. the game is degenerate)? Then remove
    repeated vertices (same label set), which can only occur in such games."""
    over = ((_popcount(masks) > dim) & valid).any(axis=1)
    if over.any():
        idx = np.flatnonzero(over)
        valid = valid.copy()
        valid[idx] = _dedup_by_mask(masks[idx], valid[idx])
    return over, valid


@dataclass(frozen=True)
class BatchArrays:
    """Raw result of :func:`enumerate_batch` (flat list of equilibria over all games)."""

    game: np.ndarray  # (E,) index of the game of each equilibrium
    row: np.ndarray  # (E, m)
    col: np.ndarray  # (E, n)
    degenerate: np.ndarray  # (N,) bool
    rejected: np.ndarray  # (N,) completely labelled pairs that failed the regret check (expected 0)


def _pack_valid(V: np.ndarray, masks: np.ndarray, valid: np.ndarray):
    """Move the valid vertices of each game to the front (keeping their order) and trim."""
    K = max(int(valid.sum(axis=1).max(initial=0)), 1)
    order = np.argsort(~valid, axis=1, kind="stable")[:, :K]
    Vp = np.take_along_axis(V, order[:, :, None], axis=1)
    Mp = np.take_along_axis(masks, order, axis=1)
    vp = np.take_along_axis(valid, order, axis=1)
    return Vp, Mp, vp


def _complete_pairs(Lx, vx, Ly, vy, full: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indices (game, x vertex, y vertex) of the completely labelled pairs, in that lexicographic
    order; the (games x Kx x Ky) comparison is done in slices of bounded size."""
    G, Kx = Lx.shape
    Ky = Ly.shape[1]
    step = max(1, _PAIR_BUDGET // max(Kx * Ky, 1))
    parts = []
    for s0 in range(0, G, step):
        s1 = min(G, s0 + step)
        comp = ((Lx[s0:s1, :, None] | Ly[s0:s1, None, :]) == full) & vx[s0:s1, :, None] & vy[s0:s1, None, :]
        g, ix, iy = np.nonzero(comp)
        parts.append((g + s0, ix, iy))
    return tuple(np.concatenate(p) for p in zip(*parts, strict=True))  # type: ignore[return-value]


def enumerate_batch(A: np.ndarray, B: np.ndarray, tol: float, scale_a: np.ndarray, scale_b: np.ndarray):
    """Extreme equilibria of each game of the stacks ``A, B`` of shape (N, m, n).

    ``scale_a``, ``scale_b`` (shape (N,)) are the payoff scales used by the regret check:
    an equilibrium is kept only if each player's regret on the original payoffs is at most
    ``tol * scale``. Returns a :class:`BatchArrays`.
    """
    N, m, n = A.shape
    n_cand = sum(len(R) for R, _ in _subset_pairs(m, n))
    chunk = max(1, _CHUNK_BUDGET // max(n_cand, 1))
    games, rows, cols = [], [], []
    degenerate = np.zeros(N, dtype=bool)
    rejected = np.zeros(N, dtype=np.int64)
    full = (1 << (m + n)) - 1
    for start in range(0, N, chunk):
        sl = slice(start, min(N, start + chunk))
        a, b = A[sl], B[sl]
        X, Lx, vx = _vertices(normalize(b), "x")
        Y, Ly, vy = _vertices(normalize(a), "y")
        deg_x, vx = _degenerate_and_dedup(Lx, vx, m)
        deg_y, vy = _degenerate_and_dedup(Ly, vy, n)
        degenerate[sl] = deg_x | deg_y
        X, Lx, vx = _pack_valid(X, Lx, vx)
        Y, Ly, vy = _pack_valid(Y, Ly, vy)
        g, ix, iy = _complete_pairs(Lx, vx, Ly, vy, full)
        x = X[g, ix]
        y = Y[g, iy]
        with np.errstate(invalid="ignore", divide="ignore"):  # a zero sum can only come from a bad candidate
            x = x / x.sum(axis=1, keepdims=True)
            y = y / y.sum(axis=1, keepdims=True)
        ga = a[g]
        gb = b[g]
        Ay = np.einsum("eij,ej->ei", ga, y)
        xB = np.einsum("ei,eij->ej", x, gb)
        reg_a = Ay.max(axis=1) - (x * Ay).sum(axis=1)
        reg_b = xB.max(axis=1) - (xB * y).sum(axis=1)
        good = (
            np.isfinite(x).all(axis=1) & np.isfinite(y).all(axis=1)
            & (x >= 0).all(axis=1) & (y >= 0).all(axis=1)
            & (reg_a <= tol * scale_a[sl][g]) & (reg_b <= tol * scale_b[sl][g])
        )
        np.add.at(rejected, g[~good] + start, 1)
        games.append(g[good] + start)
        rows.append(x[good])
        cols.append(y[good])
    return BatchArrays(
        game=np.concatenate(games) if games else np.zeros(0, dtype=np.intp),
        row=np.concatenate(rows) if rows else np.zeros((0, m)),
        col=np.concatenate(cols) if cols else np.zeros((0, n)),
        degenerate=degenerate,
        rejected=rejected,
    )
