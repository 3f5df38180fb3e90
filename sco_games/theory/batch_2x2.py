"""Closed-form equilibria of many 2 x 2 bimatrix games at once: the fast path of
:func:`~sco_games.theory.batch_solve.solve_batch` for ``m = n = 2`` (private).

With ``dA_j = A[0, j] - A[1, j]`` (the row player's gain from row 0 against column ``j``) and
``dB_i = B[i, 0] - B[i, 1]`` (the column player's gain from column 0 against row ``i``), a 2 x 2 game is
degenerate iff some ``dA_j`` or ``dB_i`` is 0 (a pure strategy with two pure best replies; von Stengel 2007,
"Equilibrium computation for two-player games in strategic and extensive form", *Algorithmic Game Theory*
ch. 3, Definition 3.2). In a nondegenerate game (e.g. Gibbons 1992, *A Primer in Game Theory*, §1.3.A):

- ``(i, j)`` is a pure equilibrium iff each is the other's unique best reply; row ``i``'s best reply is
  column 0 iff ``dB_i > 0``, so each row gives at most one pure equilibrium;
- there is a completely mixed equilibrium iff ``dA_0, dA_1`` differ in sign and ``dB_0, dB_1`` differ in sign:
  ``y_0 = dA_1 / (dA_1 - dA_0)`` makes the row player indifferent, ``x_0 = dB_1 / (dB_1 - dB_0)`` the column
  player.

They are listed as :func:`~sco_games.theory.games.solve` lists them (the order of
:mod:`~sco_games.theory.vertex`'s candidates): the pure equilibrium with row 0, the one with row 1, the mixed
one. A game is decided here only if every ``|dA_j|`` and ``|dB_i|`` exceeds ``THRESHOLD`` times the player's
payoff range and both 2 x 2 systems have determinants above ``DET_MIN`` (normalized payoffs): then every
support system of the vertex enumeration is well conditioned and each of its
label decisions is far from ``vertex.LABEL_TOL`` (the 2 x 2 system's determinant is at least
``|dB_0| + |dB_1|`` in normalized payoffs when its solution is feasible, and its solution has coordinates of
opposite signs otherwise). Every other game (degenerate or nearly so) goes to the general path, as does a
game whose mixed equilibrium does not pass the regret check with room to spare (half of ``tol``).
"""

from __future__ import annotations

import numpy as np

from sco_games.theory import vertex
from sco_games.theory.batch_small import CHUNK, Padded

__all__ = ["THRESHOLD", "solve_2x2"]

#: Smallest |payoff difference| / payoff range of a game decided in closed form (see the module docstring);
#: scaled by vertex.LABEL_TOL / 1e-10 when that tolerance is changed.
THRESHOLD = 1e-5
#: Smallest |determinant| of a 2 x 2 support system (normalized payoffs) decided here: condition number
#: at most 16 / DET_MIN = 1e7, so rounding (~1e-9 relative) cannot flip a sign or a label.
DET_MIN = 1.6e-6


def _chunk(A: np.ndarray, B: np.ndarray, tol: float, scale_a: np.ndarray, scale_b: np.ndarray,
           out: Padded, s0: int) -> np.ndarray:
    """One chunk (games ``s0 : s0 + len(A)``): write the clearly nondegenerate games' equilibria into ``out``
    (every slot of the chunk is written), return the mask of the others."""
    thr = THRESHOLD * max(1.0, vertex.LABEL_TOL / 1e-10)
    a00, a01, a10, a11 = (np.ascontiguousarray(A[:, i, j]) for i in (0, 1) for j in (0, 1))
    b00, b01, b10, b11 = (np.ascontiguousarray(B[:, i, j]) for i in (0, 1) for j in (0, 1))
    dA0, dA1 = a00 - a10, a01 - a11
    dB0, dB1 = b00 - b01, b10 - b11
    ta, tb = thr * scale_a, thr * scale_b
    clear = (np.abs(dA0) > ta) & (np.abs(dA1) > ta) & (np.abs(dB0) > tb) & (np.abs(dB1) > tb)
    # the determinants of the two 2 x 2 systems in normalized payoffs, times the payoff range:
    # det(B^T) = B10 dB0 - B00 dB1 and det(A) = A01 dA0 - A00 dA1 (entries mapped to [1, 2])
    lo_a = np.minimum(np.minimum(a00, a01), np.minimum(a10, a11))
    lo_b = np.minimum(np.minimum(b00, b01), np.minimum(b10, b11))
    det_a = (1.0 + (a01 - lo_a) / scale_a) * dA0 - (1.0 + (a00 - lo_a) / scale_a) * dA1
    det_b = (1.0 + (b10 - lo_b) / scale_b) * dB0 - (1.0 + (b00 - lo_b) / scale_b) * dB1
    clear &= (np.abs(det_a) > DET_MIN * scale_a) & (np.abs(det_b) > DET_MIN * scale_b)
    rA0, rA1 = dA0 > 0, dA1 > 0  # row 0 is the best reply to column 0 / column 1
    cB0, cB1 = dB0 > 0, dB1 > 0  # column 0 is the best reply to row 0 / row 1
    pure0 = clear & np.where(cB0, rA0, rA1)  # (row 0, its best reply)
    pure1 = clear & np.where(cB1, ~rA0, ~rA1)  # (row 1, its best reply)
    mixed = clear & (rA0 != rA1) & (cB0 != cB1)
    y0 = dA1 / (dA1 - dA0)
    x0 = dB1 / (dB1 - dB0)
    y1, x1 = 1.0 - y0, 1.0 - x0
    Ay0, Ay1 = a00 * y0 + a01 * y1, a10 * y0 + a11 * y1
    xB0, xB1 = x0 * b00 + x1 * b10, x0 * b01 + x1 * b11
    pa_m, pb_m = x0 * Ay0 + x1 * Ay1, xB0 * y0 + xB1 * y1
    ra_m, rb_m = np.maximum(Ay0, Ay1) - pa_m, np.maximum(xB0, xB1) - pb_m
    reg_m = np.maximum(ra_m, rb_m)
    half_a, half_b = 0.5 * tol * scale_a, 0.5 * tol * scale_b
    loose = mixed & ((ra_m > half_a) | (rb_m > half_b))
    # pure equilibria (row i, its best reply j): payoffs, and regrets on the original payoffs
    pa0, pb0 = np.where(cB0, a00, a01), np.where(cB0, b00, b01)
    pa1, pb1 = np.where(cB1, a10, a11), np.where(cB1, b10, b11)
    ra0 = np.where(cB0, np.maximum(a00, a10), np.maximum(a01, a11)) - pa0
    ra1 = np.where(cB1, np.maximum(a00, a10), np.maximum(a01, a11)) - pa1
    rb0, rb1 = np.maximum(b00, b01) - pb0, np.maximum(b10, b11) - pb1
    loose |= pure0 & ((ra0 > half_a) | (rb0 > half_b))
    loose |= pure1 & ((ra1 > half_a) | (rb1 > half_b))
    reg0, reg1 = np.maximum(ra0, rb0), np.maximum(ra1, rb1)
    rest = ~clear | loose
    pure0 &= ~rest
    pure1 &= ~rest
    mixed &= ~rest
    sl = slice(s0, s0 + len(A))
    # slot 0: the first of (pure row 0, pure row 1, mixed); a clear game has at least one equilibrium
    first1 = ~pure0 & pure1
    nan = np.nan
    row, col, pay = out.row[sl], out.col[sl], out.payoffs[sl]
    for arr in (row, col, pay, out.regret[sl]):
        arr[:, 1:] = np.nan
    out.mask[sl, 1:] = False
    out.pure[sl, 1:] = False
    for arr, v0, v1, vm in ((row[:, 0, 0], 1.0, 0.0, x0), (row[:, 0, 1], 0.0, 1.0, x1),
                            (col[:, 0, 0], cB0, cB1, y0), (col[:, 0, 1], ~cB0, ~cB1, y1),
                            (pay[:, 0, 0], pa0, pa1, pa_m), (pay[:, 0, 1], pb0, pb1, pb_m),
                            (out.regret[sl, 0], reg0, reg1, reg_m)):
        arr[...] = np.where(pure0, v0, np.where(first1, v1, np.where(mixed, vm, nan)))
    out.mask[sl, 0] = ~rest
    out.pure[sl, 0] = pure0 | pure1
    # slots 1 and 2: (pure row 1, mixed) after a pure row 0 (a game with both pure equilibria has a mixed one)
    three = np.flatnonzero(pure0 & pure1 & mixed)
    g = s0 + three
    out.row[g, 1, 0], out.row[g, 1, 1] = 0.0, 1.0
    out.col[g, 1, 0], out.col[g, 1, 1] = cB1[three], ~cB1[three]
    out.payoffs[g, 1, 0], out.payoffs[g, 1, 1], out.regret[g, 1] = pa1[three], pb1[three], reg1[three]
    out.mask[g, 1], out.pure[g, 1] = True, True
    out.row[g, 2, 0], out.row[g, 2, 1] = x0[three], x1[three]
    out.col[g, 2, 0], out.col[g, 2, 1] = y0[three], y1[three]
    out.payoffs[g, 2, 0], out.payoffs[g, 2, 1], out.regret[g, 2] = pa_m[three], pb_m[three], reg_m[three]
    out.mask[g, 2] = True
    out.counts[sl] = pure0.astype(np.int64) + pure1 + mixed
    return rest


def solve_2x2(A: np.ndarray, B: np.ndarray, tol: float, scale_a: np.ndarray, scale_b: np.ndarray,
              out: Padded) -> np.ndarray:
    """Closed-form equilibria of the games ``A, B`` of shape ``(N, 2, 2)`` that are clearly nondegenerate,
    written into ``out`` (``out.K >= 3``); returns the mask of the others, whose slots are left empty.
    ``scale_a``, ``scale_b``: each game's payoff range (the unit of ``tol``)."""
    N = A.shape[0]
    rest = np.empty(N, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # junk values of masked-out games
        for s0 in range(0, N, CHUNK):
            s1 = min(N, s0 + CHUNK)
            rest[s0:s1] = _chunk(A[s0:s1], B[s0:s1], tol, scale_a[s0:s1], scale_b[s0:s1], out, s0)
    return rest
