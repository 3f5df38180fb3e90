"""Closed-form equilibria of many small bimatrix games at once (``m, n <= 3``): the fast path of
:func:`~sco_games.theory.batch_solve.solve_batch` (private).

Method: the same vertices of the best-response polytopes as :mod:`sco_games.theory.vertex` (von Stengel
2007, "Equilibrium computation for two-player games in strategic and extensive form", *Algorithmic Game
Theory* ch. 3): with payoffs mapped to ``[1, 2]``, a vertex of ``P = {x >= 0 : B^T x <= 1}`` other than 0 is
the solution ``x_R`` of ``B[R, T]^T x_R = 1`` for a support ``R`` and a set ``T`` of tight columns,
``|R| = |T| = k``, and likewise for ``Q = {y >= 0 : A y <= 1}`` (``A[R, T] y_T = 1``). In a *nondegenerate*
game (no vertex with more than ``m`` labels in ``P`` or ``n`` in ``Q``) the equilibria are exactly the pairs
``(R, T)`` for which both solutions are feasible vertices with positive coordinates and strict slack on every
other constraint (support enumeration; ibid., Theorem 3.4 and the proof of Theorem 3.5), listed in the
order in which :mod:`~sco_games.theory.vertex` enumerates ``(R, T)`` (support size, then ``R``, then ``T``,
lexicographically), which is the order of :func:`~sco_games.theory.games.solve`.

Every ``k x k`` system (``k <= 3``) is solved by Cramer's rule on whole columns of games (one numpy array
per matrix entry), so the cost is a few hundred vectorized operations per chunk of games, independent of the
number of games.

Which games are left to the general path: the kernel decides a game only if every candidate ``(R, T)`` of
both players is *clearly* a nondegenerate vertex or *clearly* no vertex, i.e. every coordinate and every
slack is farther than ``BAND_FACTOR x LABEL_TOL`` (plus a bound on the difference between the two
computations, ``1e-13 (1 + |z|) / |det|``) from the label tolerance of :mod:`~sco_games.theory.vertex`, and
every system's condition number is clearly on one side of ``vertex.MAX_CONDITION``. Every other game
(degenerate, within that band of degenerate, or with an ill-conditioned system) is returned in ``rest`` for
the general vertex enumeration, which then decides it exactly as :func:`~sco_games.theory.games.solve` does.
A game whose closed-form equilibrium does not pass the regret check with room to spare (half of ``tol``) is
handed on too. So a game decided here gets the list the general path would give (up to rounding).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

import numpy as np

from sco_games.theory import vertex

__all__ = ["BAND_FACTOR", "MAX_EQUILIBRIA", "MAX_SIZE", "Padded", "solve_small"]

#: Largest number of strategies per player the closed-form kernel takes.
MAX_SIZE = 3
#: A coordinate or slack within BAND_FACTOR x vertex.LABEL_TOL of a label decision sends the game on.
BAND_FACTOR = 100.0
#: Games per chunk: the temporaries (one array per matrix entry and candidate) stay in cache.
CHUNK = 16384
_ERR = 1e-13  # bound factor on |z_ours - z_vertex| * |det| / (1 + |z|), see the module docstring
_DET_FLOOR = 1e-11  # below it the determinant's rounding (~1e-14 on [1, 2] entries) could flip decisions
_COND_LO, _COND_HI = 0.98, 1.02  # x MAX_CONDITION: the band around vertex's singularity threshold


@lru_cache(maxsize=16)
def candidates(m: int, n: int) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """``(R, T)`` pairs in :func:`vertex._subset_pairs` order: by size ``k``, then ``R``, then ``T``."""
    out = []
    for k in range(1, min(m, n) + 1):
        for R in combinations(range(m), k):
            for T in combinations(range(n), k):
                out.append((R, T))
    return tuple(out)


class Padded:
    """The output buffers of a batch (``N`` games of size ``m x n``, ``K`` slots each), filled in place by
    the kernels and the general path: strategies ``row`` ``(N, K, m)`` and ``col`` ``(N, K, n)``, ``mask``,
    ``pure``, ``payoffs`` ``(N, K, 2)`` and ``regret`` on the original payoffs (NaN / False beyond a game's
    count), ``counts``, ``degenerate``, ``rejected``."""

    def __init__(self, N: int, m: int, n: int, K: int):
        self.K = K
        self.row = np.empty((N, K, m))
        self.col = np.empty((N, K, n))
        self.mask = np.empty((N, K), dtype=bool)
        self.pure = np.empty((N, K), dtype=bool)
        self.payoffs = np.empty((N, K, 2))
        self.regret = np.empty((N, K))
        self.counts = np.zeros(N, dtype=np.int64)
        self.degenerate = np.zeros(N, dtype=bool)
        self.rejected = np.zeros(N, dtype=np.int64)

    def clear(self, games) -> None:
        """Empty the slots of ``games`` (a slice or an index array)."""
        for arr in (self.row, self.col, self.payoffs, self.regret):
            arr[games] = np.nan
        self.mask[games] = False
        self.pure[games] = False
        self.counts[games] = 0

    def grow(self, K: int) -> None:
        """More slots per game (kept contents, the new ones empty)."""
        if K <= self.K:
            return
        for name in ("row", "col", "mask", "pure", "payoffs", "regret"):
            old = getattr(self, name)
            new = np.full(old.shape[:1] + (K,) + old.shape[2:], False if old.dtype == bool else np.nan,
                          dtype=old.dtype)
            new[:, : self.K] = old
            setattr(self, name, new)
        self.K = K


#: Most equilibria a nondegenerate game of size min(m, n) = 1, 2, 3 (m, n <= 3) can have (3 x 3: 7, the
#: identity coordination game, which attains the bound of Quint & Shubik 1997 for n = 3).
MAX_EQUILIBRIA = {1: 1, 2: 3, 3: 7}


def _normalized(M: np.ndarray) -> list[list[np.ndarray]]:
    """``vertex.normalize`` (the same operations, so the same numbers) on a chunk laid out ``(m, n, G)``,
    as nested lists of ``(G,)`` arrays."""
    m, n = M.shape[:2]
    flat = [M[i, j] for i in range(m) for j in range(n)]
    lo, hi = flat[0], flat[0]
    for v in flat[1:]:
        lo = np.minimum(lo, v)
        hi = np.maximum(hi, v)
    rng = hi - lo
    safe = np.where(rng > 0, rng, 1.0)
    return [[1.0 + (M[i, j] - lo) / safe for j in range(n)] for i in range(m)]


def _cramer(S: list[list[np.ndarray]]):
    """``S z = 1`` for a ``k x k`` system of ``(G,)`` columns (``k <= 3``):
    ``(z, det, ||S||_1, ||adj S||_1)``."""
    k = len(S)
    if k == 1:
        s = S[0][0]
        return [1.0 / s], s, np.abs(s), 1.0
    if k == 2:  # the norms are not needed (see _vertex_test)
        a, b, c, d = S[0][0], S[0][1], S[1][0], S[1][1]
        det = a * d - b * c
        inv = 1.0 / det
        return [(d - b) * inv, (a - c) * inv], det, None, None
    cof = [[None] * 3 for _ in range(3)]
    for i in range(3):
        i1, i2 = (i + 1) % 3, (i + 2) % 3
        for j in range(3):
            j1, j2 = (j + 1) % 3, (j + 2) % 3
            cof[i][j] = S[i1][j1] * S[i2][j2] - S[i1][j2] * S[i2][j1]
    det = S[0][0] * cof[0][0] + S[0][1] * cof[0][1] + S[0][2] * cof[0][2]
    inv = 1.0 / det
    z = [(cof[0][i] + cof[1][i] + cof[2][i]) * inv for i in range(3)]  # (adj 1)_i = sum_j cof[j][i]
    norm = np.maximum(np.maximum(np.abs(S[0][0]) + np.abs(S[1][0]) + np.abs(S[2][0]),
                                 np.abs(S[0][1]) + np.abs(S[1][1]) + np.abs(S[2][1])),
                      np.abs(S[0][2]) + np.abs(S[1][2]) + np.abs(S[2][2]))
    adj = np.maximum(np.maximum(np.abs(cof[0][0]) + np.abs(cof[0][1]) + np.abs(cof[0][2]),
                                np.abs(cof[1][0]) + np.abs(cof[1][1]) + np.abs(cof[1][2])),
                     np.abs(cof[2][0]) + np.abs(cof[2][1]) + np.abs(cof[2][2]))
    return z, det, norm, adj


def _vertex_test(W: list[list[np.ndarray]], tight: tuple[int, ...], coord: tuple[int, ...], band: float):
    """One candidate of one polytope: ``W[tight, coord] z = 1`` (``W`` = normalized ``B^T`` for ``P``,
    normalized ``A`` for ``Q``). Returns ``(z, vertex, unclear)``: ``vertex`` where it is clearly a
    nondegenerate vertex (all ``z > 0`` and every other constraint slack), ``unclear`` where neither that nor
    clearly no vertex."""
    others = [t for t in range(len(W)) if t not in tight]
    if len(tight) == 1:  # z = 1 / w in [1/2, 1]: never singular, never near 0; slack w' < w (1 - band)
        w = W[tight[0]][coord[0]]
        lo, hi = w * (1.0 - band - 6 * _ERR), w * (1.0 + band + 6 * _ERR)
        if not others:
            return [1.0 / w], np.ones(w.shape, dtype=bool), np.zeros(w.shape, dtype=bool)
        good = bad = None
        for t in others:
            v = W[t][coord[0]]
            g, b_ = v < lo, v > hi
            good = g if good is None else good & g
            bad = b_ if bad is None else bad | b_
        return [1.0 / w], good, ~(good | bad)
    S = [[W[t][c] for c in coord] for t in tight]
    z, det, norm, adj = _cramer(S)
    absdet = np.abs(det)
    limit = vertex.MAX_CONDITION
    if len(tight) == 2:  # entries in [1, 2]: 4 / |det| <= cond <= 16 / |det| without computing it
        ok = absdet >= 16.0 / (_COND_LO * limit)
        skip = absdet <= 4.0 / (_COND_HI * limit)
    else:
        cond = norm * adj / absdet
        big = absdet >= _DET_FLOOR
        ok = big & (cond <= _COND_LO * limit)
        skip = (big & (cond >= _COND_HI * limit)) | (~big & (adj * norm >= 2.0))
    zmax = np.abs(z[0])
    zmin = z[0]
    for v in z[1:]:
        zmax = np.maximum(zmax, np.abs(v))
        zmin = np.minimum(zmin, v)
    err = _ERR * (1.0 + zmax) / absdet
    bz = band + err
    bp = band + 6.0 * err
    good = zmin > bz
    bad = zmin < -bz
    for t in others:
        row = W[t]
        p = row[coord[0]] * z[0]
        for b in range(1, len(coord)):
            p = p + row[coord[b]] * z[b]
        good &= p < 1.0 - bp
        bad |= p > 1.0 + bp
    vert = ok & good
    unclear = ~(vert | skip | (ok & bad))
    return z, vert, unclear


def _chunk(a: np.ndarray, b: np.ndarray, band: float):
    """Candidates that are equilibria in one chunk ``a, b`` of shape ``(m, n, G)`` (original payoffs), and
    the games left to the general path."""
    m, n, G = a.shape
    An = _normalized(a)
    Bn = _normalized(b)
    Bt = [[Bn[i][j] for i in range(m)] for j in range(n)]  # B^T: tight index = column, coordinate = row
    rest = np.zeros(G, dtype=bool)
    found = []
    for R, T in candidates(m, n):
        zx, vx, ux = _vertex_test(Bt, T, R, band)
        zy, vy, uy = _vertex_test(An, R, T, band)
        rest |= ux
        rest |= uy
        eq = vx & vy
        if eq.any():
            found.append((R, T, zx, zy, eq))
    return found, rest


def _strategy(z: list[np.ndarray], idx: np.ndarray, support: tuple[int, ...], size: int) -> list:
    """The mixed strategy ``z / sum(z)`` on ``support`` at the games ``idx``, one entry per strategy
    (``None``: played with probability 0, ``1.0``: pure)."""
    out: list = [None] * size
    if len(support) == 1:
        out[support[0]] = 1.0
        return out
    parts = [v[idx] for v in z]
    total = parts[0]
    for v in parts[1:]:
        total = total + v
    for s, v in zip(support, parts, strict=True):
        out[s] = v / total
    return out


def _payoffs(M: np.ndarray, idx: np.ndarray, x: list, y: list, R, T):
    """``(x^T M y, max_i (M y)_i - x^T M y, max_j (x^T M)_j - x^T M y)``-style sums on the original payoffs
    of the games ``idx`` of a chunk ``M`` ``(m, n, G)``: returns ``(My, value)`` for the row side."""
    m = M.shape[0]
    My = []
    for i in range(m):
        acc = None
        for j in T:
            term = M[i, j][idx] if isinstance(y[j], float) else M[i, j][idx] * y[j]
            acc = term if acc is None else acc + term
        My.append(acc)
    value = None
    for i in R:
        term = My[i] if isinstance(x[i], float) else My[i] * x[i]
        value = term if value is None else value + term
    best = My[0]
    for v in My[1:]:
        best = np.maximum(best, v)
    return value, best - value


def solve_small(A: np.ndarray, B: np.ndarray, tol: float, scale_a: np.ndarray, scale_b: np.ndarray,
                out: Padded) -> np.ndarray:
    """Closed-form equilibria of the games ``A, B`` (shape ``(N, m, n)``, ``m, n <= 3``) that are clearly
    nondegenerate, written into ``out``; returns the mask of the others (see the module docstring), whose
    slots are left empty. ``scale_a``, ``scale_b``: each game's payoff ranges (the unit of ``tol``)."""
    N, m, n = A.shape
    if m > MAX_SIZE or n > MAX_SIZE:
        raise ValueError(f"solve_small takes games up to {MAX_SIZE} x {MAX_SIZE}; got {m} x {n}")
    band = BAND_FACTOR * vertex.LABEL_TOL
    rest = np.zeros(N, dtype=bool)
    half_a, half_b = 0.5 * tol * scale_a, 0.5 * tol * scale_b
    row_flat, col_flat, pay_flat = out.row.reshape(-1), out.col.reshape(-1), out.payoffs.reshape(-1)
    mask_flat, pure_flat, reg_flat = out.mask.reshape(-1), out.pure.reshape(-1), out.regret.reshape(-1)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for s0 in range(0, N, CHUNK):
            s1 = min(N, s0 + CHUNK)
            a = np.ascontiguousarray(A[s0:s1].transpose(1, 2, 0))
            b = np.ascontiguousarray(B[s0:s1].transpose(1, 2, 0))
            found, bad = _chunk(a, b, band)
            out.clear(slice(s0, s1))
            cnt = out.counts[s0:s1]
            for R, T, zx, zy, eq in found:
                idx = np.flatnonzero(eq)
                over = cnt[idx] >= out.K  # cannot happen in a nondegenerate game; hand it on all the same
                bad[idx[over]] = True
                idx = idx[~over]
                slot = cnt[idx].copy()
                cnt[idx] += 1
                x = _strategy(zx, idx, R, m)
                y = _strategy(zy, idx, T, n)
                pa, ra = _payoffs(a, idx, x, y, R, T)
                pb, rb = _payoffs(b.transpose(1, 0, 2), idx, y, x, T, R)
                g = s0 + idx
                bad[idx[(ra > half_a[g]) | (rb > half_b[g])]] = True
                cell = g * out.K + slot  # flat index of (game, slot): 1-D scatters are the cheapest
                for i in range(m):
                    row_flat[cell * m + i] = 0.0 if x[i] is None else x[i]
                for j in range(n):
                    col_flat[cell * n + j] = 0.0 if y[j] is None else y[j]
                mask_flat[cell] = True
                pure_flat[cell] = len(R) == 1
                pay_flat[2 * cell] = pa
                pay_flat[2 * cell + 1] = pb
                reg_flat[cell] = np.maximum(ra, rb)
            if bad.any():
                out.clear(s0 + np.flatnonzero(bad))
            rest[s0:s1] = bad
    return rest
