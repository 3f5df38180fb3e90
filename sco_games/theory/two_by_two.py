"""Extreme equilibria of one 2 x 2 game in plain Python floats (private module).

The same algorithm and the same floating-point operations as :mod:`sco_games.theory.vertex` (so the
same equilibria, in the same order, with the same bits), written out for the two strategies of each
player: the best-response polytopes ``P = {x >= 0 : Bn^T x <= 1}`` and ``Q = {y >= 0 : An y <= 1}``
of the payoffs normalized to ``[1, 2]`` (von Stengel 2007, *Algorithmic Game Theory* ch. 3), their
candidate vertices from the 1 x 1 and 2 x 2 systems of every support pair (closed-form inverse, one
step of iterative refinement, singular if the 1-norm condition number exceeds
``vertex.MAX_CONDITION``), labels with ``vertex.LABEL_TOL``, completely labelled pairs, and the regret
check on the original payoffs. A 2 x 2 game is solved without a numpy call until the result arrays:
the fixed cost of numpy on arrays of four numbers is what made small games slow.
"""

from __future__ import annotations

import numpy as np

from sco_games.theory import vertex

__all__ = ["solve_2x2"]


def _normalize(M: list[float]) -> list[float]:
    lo, hi = min(M), max(M)
    rng = hi - lo
    return [1.0 + (v - lo) / rng for v in M] if rng > 0 else [1.0] * 4


def _solve1(b: float) -> float | None:
    """``b z = 1`` as vertex._solve_systems does it (None if singular)."""
    if b == 0.0:
        return None
    inv = 1.0 / b
    if abs(b) * abs(inv) >= vertex.MAX_CONDITION:
        return None
    z = inv
    return z + inv * (1.0 - b * z)


def _solve2(a: float, b: float, c: float, d: float) -> tuple[float, float] | None:
    """``[[a, b], [c, d]] z = 1`` as vertex._solve_systems does it (None if singular)."""
    det = a * d - b * c
    if det == 0.0:
        return None
    i00, i01, i10, i11 = d / det, -b / det, -c / det, a / det
    cond = max(abs(a) + abs(c), abs(b) + abs(d)) * max(abs(i00) + abs(i10), abs(i01) + abs(i11))
    if cond >= vertex.MAX_CONDITION:
        return None
    z0, z1 = i00 + i01, i10 + i11
    r0 = 1.0 - (a * z0 + b * z1)
    r1 = 1.0 - (c * z0 + d * z1)
    return z0 + (i00 * r0 + i01 * r1), z1 + (i10 * r0 + i11 * r1)


def _vertices(N: list[float], side: str) -> tuple[list[tuple[float, float]], list[int], bool]:
    """Nonzero vertices of P (side 'x', N = normalized B as [b00, b01, b10, b11]) or Q ('y', N = An)
    in vertex.py's candidate order, their label bitmasks, and whether one is over-labelled."""
    tol = vertex.LABEL_TOL
    cands: list[tuple[float, float]] = []
    for r in (0, 1):
        for t in (0, 1):
            z = _solve1(N[2 * r + t])
            if z is not None:
                cands.append((z, 0.0) if (r if side == "x" else t) == 0 else (0.0, z))
    if side == "x":  # (Bn^T) z = 1
        z2 = _solve2(N[0], N[2], N[1], N[3])
    else:  # An z = 1
        z2 = _solve2(N[0], N[1], N[2], N[3])
    if z2 is not None:
        cands.append(z2)
    points, masks, seen = [], [], set()
    over = False
    for v0, v1 in cands:
        v0 = 0.0 if abs(v0) <= tol else v0
        v1 = 0.0 if abs(v1) <= tol else v1
        if side == "x":
            p0, p1 = v0 * N[0] + v1 * N[2], v0 * N[1] + v1 * N[3]
        else:
            p0, p1 = v0 * N[0] + v1 * N[1], v0 * N[2] + v1 * N[3]
        if v0 < -tol or v1 < -tol or p0 > 1.0 + tol or p1 > 1.0 + tol:
            continue
        zero = (v0 <= tol) | (v1 <= tol) << 1
        pay = (p0 >= 1.0 - tol) | (p1 >= 1.0 - tol) << 1
        mask = zero | pay << 2 if side == "x" else pay | zero << 2
        points.append((v0, v1))
        masks.append(mask)
        over = over or mask.bit_count() > 2
    if over:  # keep the first vertex of each label set
        keep = []
        for k, mask in enumerate(masks):
            if mask not in seen:
                seen.add(mask)
                keep.append(k)
        points, masks = [points[k] for k in keep], [masks[k] for k in keep]
    return points, masks, over


def solve_2x2(A: np.ndarray, B: np.ndarray, tol: float, scale_a: float, scale_b: float):
    """The arrays of :class:`sco_games.theory.extreme.Extreme` for a 2 x 2 game:
    (row (E, 2), col (E, 2), payoffs (E, 2), regrets (E, 2), degenerate, rejected)."""
    a = A.ravel().tolist()
    b = B.ravel().tolist()
    X, Lx, over_x = _vertices(_normalize(b), "x")
    Y, Ly, over_y = _vertices(_normalize(a), "y")
    rows, cols, pays, regs = [], [], [], []
    rejected = 0
    for (x0, x1), lx in zip(X, Lx, strict=True):
        for (y0, y1), ly in zip(Y, Ly, strict=True):
            if lx | ly != 15:
                continue
            sx, sy = x0 + x1, y0 + y1
            if sx == 0.0 or sy == 0.0:  # only with an absurd LABEL_TOL; vertex.py counts it as rejected
                rejected += 1
                continue
            x0n, x1n, y0n, y1n = x0 / sx, x1 / sx, y0 / sy, y1 / sy
            ay0, ay1 = a[0] * y0n + a[1] * y1n, a[2] * y0n + a[3] * y1n
            bx0, bx1 = x0n * b[0] + x1n * b[2], x0n * b[1] + x1n * b[3]
            pa, pb = x0n * ay0 + x1n * ay1, bx0 * y0n + bx1 * y1n
            ra, rb = max(ay0, ay1) - pa, max(bx0, bx1) - pb
            if ra <= tol * scale_a and rb <= tol * scale_b:
                rows.append((x0n, x1n))
                cols.append((y0n, y1n))
                pays.append((pa, pb))
                regs.append((ra, rb))
            else:
                rejected += 1
    shape = (len(rows), 2)
    return (np.array(rows).reshape(shape), np.array(cols).reshape(shape), np.array(pays).reshape(shape),
            np.array(regs).reshape(shape), over_x or over_y, rejected)
