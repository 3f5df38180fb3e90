"""The vertices of the core of a small TU game (re-exported by :mod:`sco_games.theory.coalitions`).

The core ``{x : x(N) = v(N), x(S) >= v(S) for every proper coalition S}`` is a polytope (bounded: ``x_i >=
v({i})`` and efficiency bound every coordinate). A point of it is a vertex iff the constraints tight there
have rank n; every vertex is therefore the solution of efficiency plus ``n - 1`` coalition constraints taken
as equalities whose matrix is nonsingular. We solve all ``C(2^n - 2, n - 1)`` such square systems (batched,
numpy), keep the solutions that satisfy every constraint and merge duplicates: basis enumeration of the
polytope (Balinski 1961; see Avis & Fukuda 1992, *Discrete Comput. Geom.* 8, for the pivoting version, which
this brute force trades for simplicity at n <= 6). Degenerate vertices (more than n tight constraints) are
found once per basis and merged.
"""

from __future__ import annotations

from itertools import combinations, islice

import numpy as np

__all__: list[str] = []

#: Largest number of players whose core vertices are enumerated: C(30, 4) = 27,405 bases at n = 5 (a fraction
#: of a second), C(62, 5) = 6.5 million at n = 6 (tens of seconds).
MAX_CORE_VERTICES_N = 6
_CHUNK = 100_000


def core_polytope_vertices(values: np.ndarray, n: int, tol: float = 1e-9) -> list[tuple[float, ...]]:
    """The vertices of ``{x : x(N) = v(N), x(S) >= v(S)}`` for the bitmask table ``values`` of an
    ``n``-player game, sorted lexicographically (empty when the core is empty). ``tol`` is relative to the
    largest ``|v(S)|`` (at least 1).

    >>> t = np.array([0, 0, 0, 0.5, 0, 0.5, 0.5, 1.0])     # v(pair) = 1/2, v(N) = 1: a triangle
    >>> core_polytope_vertices(t, 3)
    [(0.0, 0.5, 0.5), (0.5, 0.0, 0.5), (0.5, 0.5, 0.0)]
    """
    if n > MAX_CORE_VERTICES_N:
        raise ValueError(f"core vertices need n <= {MAX_CORE_VERTICES_N} players (basis enumeration), "
                         f"got {n}")
    grand = (1 << n) - 1
    scale = max(1.0, float(np.abs(values).max()))
    if n == 1:
        return [(float(values[1]) + 0.0,)]
    proper = np.arange(1, grand)
    inc = ((proper[:, None] >> np.arange(n)[None, :]) & 1).astype(float)  # (2^n - 2, n)
    rhs = values[proper]
    found: list[np.ndarray] = []
    bases = combinations(range(len(proper)), n - 1)
    while chunk := list(islice(bases, _CHUNK)):
        idx = np.array(chunk)  # (K, n - 1)
        M = np.concatenate([np.ones((len(idx), 1, n)), inc[idx]], axis=1)  # (K, n, n)
        b = np.concatenate([np.full((len(idx), 1), values[grand]), rhs[idx]], axis=1)
        ok = np.abs(np.linalg.det(M)) > 1e-9  # 0/1 matrices: a nonsingular one has |det| >= 1
        if not ok.any():
            continue
        x = np.linalg.solve(M[ok], b[ok][..., None])[..., 0]  # (K', n)
        feasible = (x @ inc.T >= rhs - tol * scale).all(axis=1)
        found.extend(x[feasible])
    out: list[tuple[float, ...]] = []
    for x in sorted(found, key=tuple):
        if not any(np.abs(x - np.array(y)).max() <= 1e-7 * scale for y in out):
            out.append(tuple(round(float(t), 12) + 0.0 for t in x))
    return sorted(out)
