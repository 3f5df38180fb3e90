"""Many small bimatrix games solved at once: :func:`solve_batch` and its :class:`BatchResult`.

For equilibrium regions over a parameter grid and the uncertainty layer's many draws: games up to 3 x 3
are solved in closed form on whole columns of games (:mod:`~sco_games.theory.batch_2x2`,
:mod:`~sco_games.theory.batch_small`); the games those kernels do not decide (degenerate, nearly
degenerate, larger) go to the vertex enumeration of :mod:`sco_games.theory.vertex`, on all of them
together. Every game gets the same verified list as :func:`~sco_games.theory.games.solve` would give it
(the same equilibria in the same order, degenerate flag, regret check on the original payoffs; strategies
equal to rounding, 1e-12). Both names are re-exported by
:mod:`sco_games.theory.games` (and :mod:`sco_games.theory`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from sco_games.theory.batch_2x2 import solve_2x2
from sco_games.theory.batch_small import MAX_EQUILIBRIA, MAX_SIZE, Padded, solve_small
from sco_games.theory.games import (
    DEFAULT_TOL,
    MAX_ABS_PAYOFF,
    METHOD_VERTEX,
    NormalFormGame,
    SolveResult,
    _check_magnitude,
    _check_tol,
    _make_equilibrium,
)
from sco_games.theory.vertex import BatchArrays, enumerate_batch

__all__ = ["BatchResult", "solve_batch"]


@dataclass(frozen=True, eq=False)
class BatchResult:
    """Equilibria of a stack of games from :func:`solve_batch`, as padded arrays.

    With batch shape ``S`` (the leading axes of the input), ``K`` = the largest number of
    equilibria of any game, and games of size ``m x n``:

    - ``counts`` ``S``: number of equilibria of each game; ``degenerate`` ``S``: bool;
    - ``row`` ``S + (K, m)``, ``col`` ``S + (K, n)``: strategies, NaN-padded beyond ``counts``;
    - ``mask`` ``S + (K,)``: which slots hold an equilibrium; ``pure`` ``S + (K,)``: pure ones;
    - ``payoffs`` ``S + (K, 2)``, ``regret`` ``S + (K,)``: on the original payoffs (NaN-padded);
    - ``rejected`` ``S``: candidates dropped by the regret check (expected 0);
    - ``method``, ``tol``.

    ``result[i]`` (an index into ``S``) is the :class:`SolveResult` of one game, equal to
    ``solve(A[i], B[i])`` (to rounding: 1e-12); ``result.equilibria()`` lists them all (flat order).
    """

    A: np.ndarray
    B: np.ndarray
    counts: np.ndarray
    degenerate: np.ndarray
    row: np.ndarray
    col: np.ndarray
    mask: np.ndarray
    pure: np.ndarray
    payoffs: np.ndarray
    regret: np.ndarray
    rejected: np.ndarray
    method: str
    tol: float

    @property
    def batch_shape(self) -> tuple[int, ...]:
        return self.counts.shape

    def __len__(self) -> int:
        return int(self.counts.shape[0]) if self.counts.ndim else 1

    def __getitem__(self, index) -> SolveResult:
        idx = index if isinstance(index, tuple) else (index,)
        if len(idx) != self.counts.ndim:
            raise IndexError(
                f"index must have {self.counts.ndim} component(s) for batch shape {self.batch_shape}"
            )
        A, B = self.A[idx], self.B[idx]
        k = int(self.counts[idx])
        eqs = [
            _make_equilibrium(A, B, self.row[idx][e], self.col[idx][e]) for e in range(k)
        ]
        return SolveResult(
            eqs, degenerate=bool(self.degenerate[idx]), method=self.method, tol=self.tol,
            rejected=int(self.rejected[idx]), game=NormalFormGame(A, B),
        )

    def equilibria(self) -> list[SolveResult]:
        """Per-game lists of :class:`Equilibrium`, in flat (C) order of the batch."""
        return [self[np.unravel_index(i, self.batch_shape)] for i in range(int(np.prod(self.batch_shape)))]


class _Part(NamedTuple):
    """Equilibria of some games, flat, with each one's game index and slot in that game's list."""

    game: np.ndarray
    slot: np.ndarray
    row: np.ndarray
    col: np.ndarray
    pure: np.ndarray
    payoffs: np.ndarray
    regret: np.ndarray


def _general_part(raw: BatchArrays, a: np.ndarray, b: np.ndarray, games: np.ndarray) -> _Part:
    """The general path's equilibria (``raw`` over the games ``a, b``, which are ``games`` of the batch),
    with payoffs and regret on the original payoffs."""
    counts = np.bincount(raw.game, minlength=len(a))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    slot = np.arange(len(raw.game)) - starts[raw.game]
    x, y = raw.row, raw.col
    ga, gb = a[raw.game], b[raw.game]
    Ay = np.einsum("eij,ej->ei", ga, y)
    xB = np.einsum("ei,eij->ej", x, gb)
    pa, pb = (x * Ay).sum(axis=1), (xB * y).sum(axis=1)
    regret = np.maximum(Ay.max(axis=1) - pa, xB.max(axis=1) - pb)
    pure = ((x > 0).sum(axis=1) == 1) & ((y > 0).sum(axis=1) == 1)
    return _Part(games[raw.game], slot, x, y, pure, np.stack([pa, pb], axis=1), regret)


def _as_stack(M, name: str) -> np.ndarray:
    try:
        arr = np.asarray(M, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a numeric array of shape (..., m, n): {exc}") from None
    if arr.ndim < 3:
        raise ValueError(f"{name} must be a stack of payoff matrices, shape (N, m, n); got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must be non-empty (N >= 1 games with m, n >= 1); got shape {arr.shape}")
    return arr


def _scales(arr: np.ndarray, name: str) -> np.ndarray:
    """Each game's payoff range (``games._payoff_scale``) of a stack ``(N, m, n)``, checking on the way that
    every payoff is finite and not too large (NaN and infinities propagate into the games' max and min)."""
    flat = arr.reshape(len(arr), -1)
    hi, lo = flat[:, 0].copy(), flat[:, 0].copy()
    for k in range(1, flat.shape[1]):
        np.maximum(hi, flat[:, k], out=hi)
        np.minimum(lo, flat[:, k], out=lo)
    top, bottom = hi.max(), lo.min()
    if not (np.isfinite(top) and np.isfinite(bottom)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = tuple(int(i) for i in bad)
        raise ValueError(f"{name} must contain only finite payoffs; first non-finite entry at {where}")
    if max(abs(top), abs(bottom)) > MAX_ABS_PAYOFF:
        _check_magnitude(arr, name)
    rng = hi - lo
    rng[rng <= 0] = 1.0
    return rng


def solve_batch(A, B=None, tol: float = DEFAULT_TOL) -> BatchResult:
    """Equilibria of many small bimatrix games at once: for each game the same list as :func:`solve`.

    ``A`` and ``B`` have shape ``S + (m, n)`` for any batch shape ``S`` (e.g. ``(N,)`` or a grid
    ``(200, 200)``); ``B=None`` means zero-sum. Games up to 3 x 3 are solved in closed form, a chunk
    of games at a time (memory stays bounded beyond the result itself); the games the closed forms
    leave (degenerate or within a band of it, see :mod:`~sco_games.theory.batch_small`) and larger
    games go to the vertex enumeration of :mod:`sco_games.theory.vertex`, run on all of them together
    (fast for m, n up to about 4). Each game is reported degenerate or not, and a degenerate game (e.g.
    on a boundary between equilibrium regions) gets its extreme equilibria.

    >>> t = np.linspace(-1, 1, 5)           # a 2x2 coordination game whose (1, 1) payoff varies
    >>> A = np.zeros((5, 2, 2)); A[:, 0, 0] = 1; A[:, 1, 1] = t
    >>> res = solve_batch(A, A)
    >>> res.counts.tolist(), res.degenerate.tolist()
    ([1, 1, 2, 3, 3], [False, False, True, False, False])
    >>> res.row.shape, bool(res.mask.sum() == res.counts.sum())
    ((5, 3, 2), True)
    """
    A_ = _as_stack(A, "A")
    B_ = -A_ if B is None else _as_stack(B, "B")
    if B_.shape != A_.shape:
        raise ValueError(f"B must have the same shape as A {A_.shape}; got {B_.shape}")
    tol = _check_tol(tol)
    batch_shape, (m, n) = A_.shape[:-2], A_.shape[-2:]
    N = int(np.prod(batch_shape))
    a = A_.reshape(N, m, n)
    b = B_.reshape(N, m, n)
    sa = _scales(a, "A")
    sb = _scales(b, "B")
    if max(m, n) <= MAX_SIZE:
        out = Padded(N, m, n, MAX_EQUILIBRIA[min(m, n)])
        kernel = solve_2x2 if (m, n) == (2, 2) else solve_small
        todo = np.flatnonzero(kernel(a, b, tol, sa, sb, out))
    else:
        out, todo = None, np.arange(N)
    if todo.size:
        raw = enumerate_batch(a[todo], b[todo], tol, sa[todo], sb[todo])
        p = _general_part(raw, a[todo], b[todo], todo)
        need = max(int(np.bincount(raw.game, minlength=todo.size).max(initial=0)), 1)
        if out is None:
            out = Padded(N, m, n, need)
            out.clear(slice(None))
        out.grow(need)
        out.degenerate[todo] = raw.degenerate
        out.rejected[todo] = raw.rejected
        out.counts[todo] = np.bincount(raw.game, minlength=todo.size)
        out.row[p.game, p.slot] = p.row
        out.col[p.game, p.slot] = p.col
        out.mask[p.game, p.slot] = True
        out.pure[p.game, p.slot] = p.pure
        out.payoffs[p.game, p.slot] = p.payoffs
        out.regret[p.game, p.slot] = p.regret
    K = max(int(out.counts.max(initial=0)), 1)
    row, col, mask, pure = out.row[:, :K], out.col[:, :K], out.mask[:, :K], out.pure[:, :K]
    pay, reg = out.payoffs[:, :K], out.regret[:, :K]

    def shaped(arr: np.ndarray) -> np.ndarray:
        res = arr.reshape(batch_shape + arr.shape[1:])
        res.setflags(write=False)
        return res

    return BatchResult(
        A=shaped(a.copy()), B=shaped(b.copy()), counts=shaped(out.counts), degenerate=shaped(out.degenerate),
        row=shaped(row), col=shaped(col), mask=shaped(mask), pure=shaped(pure), payoffs=shaped(pay),
        regret=shaped(reg), rejected=shaped(out.rejected), method=METHOD_VERTEX, tol=tol,
    )
