"""The stage game of a repeated two-player game: its payoff matrices checked, a profile by index or label,
its pure Nash equilibria and each player's minmax value. Re-exported by :mod:`sco_games.theory.repeated`.

A stage game is a pair of payoff matrices ``A`` (row player, player 0) and ``B`` (column player, player 1),
both of shape ``(m, n)``; ``B=None`` means zero-sum (``B = -A``). Any object with array attributes ``A`` and
``B`` (such as a :class:`~sco_games.theory.games.NormalFormGame`) may be passed as ``A``; if it also has
``strategies`` labels, a profile may be given by labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import linprog

from sco_games.theory.nplayer import pure_equilibria

__all__ = ["pure_nash_profiles", "minmax_values"]


def _matrix(value: ArrayLike, name: str) -> np.ndarray:
    try:
        M = np.array(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a 2-D array of numbers") from exc
    if M.ndim != 2 or M.shape[0] == 0 or M.shape[1] == 0:
        raise ValueError(f"{name} must be a non-empty 2-D payoff matrix (m, n); got shape {M.shape}")
    if not np.all(np.isfinite(M)):
        raise ValueError(f"{name} must contain only finite payoffs")
    return M


def _stage(A: Any, B: ArrayLike | None) -> tuple[np.ndarray, np.ndarray, Any]:
    """(A, B, strategies-or-None) from matrices or a game object with attributes A and B."""
    labels = None
    if hasattr(A, "A") and hasattr(A, "B") and not isinstance(A, np.ndarray):
        if B is not None:
            raise ValueError("B must be None when A is a game object carrying both payoff matrices")
        labels = getattr(A, "strategies", None)
        A, B = A.A, A.B
    Am = _matrix(A, "A")
    Bm = -Am if B is None else _matrix(B, "B")
    if Bm.shape != Am.shape:
        raise ValueError(f"B must have the same shape as A {Am.shape}; got {Bm.shape}")
    return Am, Bm, labels


def _profile(profile: Sequence[Any], shape: tuple[int, int], labels: Any, name: str) -> tuple[int, int]:
    try:
        items = list(profile)
    except TypeError as exc:
        raise ValueError(f"{name} must be a pair (row strategy, column strategy), got {profile!r}") from exc
    if len(items) != 2:
        raise ValueError(f"{name} must be a pair (row strategy, column strategy), got {profile!r}")
    out = []
    for who, (item, k) in enumerate(zip(items, shape, strict=True)):
        if isinstance(item, str):
            if labels is None or item not in labels[who]:
                raise ValueError(f"{name}[{who}]={item!r} is not a strategy label of player {who}")
            item = list(labels[who]).index(item)
        if isinstance(item, bool) or not isinstance(item, int | np.integer) or not 0 <= int(item) < k:
            raise ValueError(f"{name}[{who}] must be a strategy index in 0..{k - 1}, got {item!r}")
        out.append(int(item))
    return (out[0], out[1])



def pure_nash_profiles(A: ArrayLike, B: ArrayLike | None = None, tol: float = 1e-9) -> list[tuple[int, int]]:
    """All pure-strategy Nash equilibria ``(i, j)`` of the bimatrix stage game, in row-major order:
    :func:`sco_games.theory.nplayer.pure_equilibria` of ``(A, B)`` (``tol`` relative to each player's payoff
    range, as everywhere in :mod:`sco_games.theory`).

    >>> pure_nash_profiles([[3, 0], [5, 1]], [[3, 5], [0, 1]])   # Prisoner's Dilemma: (Defect, Defect)
    [(1, 1)]
    """
    Am, Bm, _ = _stage(A, B)
    return [(i, j) for i, j in pure_equilibria(np.stack([Am, Bm]), tol)]


def _minmax(M: np.ndarray) -> float:
    """min over the opponent's mixed strategies y of max over own rows of (M y); M is (own, opponent)."""
    k, n = M.shape
    # variables (y_1..y_n, v): minimize v s.t. M y - v <= 0, sum y = 1, y >= 0
    c = np.zeros(n + 1)
    c[-1] = 1.0
    A_ub = np.hstack([M, -np.ones((k, 1))])
    res = linprog(
        c,
        A_ub=A_ub,
        b_ub=np.zeros(k),
        A_eq=np.hstack([np.ones((1, n)), np.zeros((1, 1))]),
        b_eq=[1.0],
        bounds=[(0, None)] * n + [(None, None)],
        method="highs",
    )
    if res.status != 0:  # pragma: no cover - a bounded feasible LP always solves
        raise RuntimeError(f"minmax LP failed: {res.message}")
    y = res.x[:n]
    return float(np.max(M @ y))  # evaluate at the LP's strategy: exact for that y


def minmax_values(A: ArrayLike, B: ArrayLike | None = None) -> tuple[float, float]:
    """Each player's mixed minmax value: ``min_y max_i (A y)_i`` for the row player and
    ``min_x max_j (x B)_j`` for the column player (linear programs, scipy HiGHS).

    >>> v = minmax_values([[1, -1], [-1, 1]])          # Matching Pennies: 0 for both
    >>> tuple(round(x, 9) + 0.0 for x in v)
    (0.0, 0.0)
    """
    Am, Bm, _ = _stage(A, B)
    return (_minmax(Am), _minmax(Bm.T))



