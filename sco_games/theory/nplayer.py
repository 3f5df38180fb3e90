"""Pure equilibria, best responses and iterated dominance for n-player games (private module).

A finite n-player game is an array ``payoffs`` of shape ``(n, s_1, ..., s_n)``: ``payoffs[p][a]``
is player ``p``'s payoff at the pure profile ``a = (a_1, ..., a_n)``. Ties are decided with a
relative tolerance ``tol * scale_p`` where ``scale_p`` is the range of player ``p``'s payoffs
(1 if constant), so results do not depend on the payoff units.

**Players first.** The player axis is the *first* axis: ``payoffs[p]`` is player p's whole payoff table.
QuantEcon puts it last (``NormalFormGame.payoff_profile_array`` has shape ``(s_1, ..., s_n, n)``); convert
with ``np.moveaxis(profile_array, -1, 0)``, or pass the QuantEcon game itself to ``solve``
(:mod:`sco_games.theory.interop`). An array whose *last* axis has length n but whose first does not is
refused with that hint; a game where both have length n (e.g. 2 players with 2 strategies each) cannot be
told apart, so check the axis order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import linprog

__all__ = ["as_payoff_array", "pure_equilibria", "best_responses", "iterated_elimination"]


def as_payoff_array(payoffs, name: str = "payoffs") -> np.ndarray:
    """Validate and return ``payoffs`` as a float array of shape ``(n, s_1, ..., s_n)`` (players first).

    A :class:`~sco_games.theory.games.NormalFormGame` is converted to shape ``(2, m, n)``.

    >>> as_payoff_array(np.zeros((3, 2, 2)))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: payoffs must have shape (n, s_1, ..., s_n) with the players FIRST; got shape (3, 2, 2), ...
    """
    if hasattr(payoffs, "A") and hasattr(payoffs, "B"):
        return np.stack([payoffs.A, payoffs.B])
    try:
        arr = np.asarray(payoffs, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a numeric array of shape (n, s_1, ..., s_n): {exc}") from None
    if arr.ndim >= 2 and arr.shape[0] != arr.ndim - 1 and arr.shape[-1] == arr.ndim - 1:
        moved = np.moveaxis(arr, -1, 0).shape
        raise ValueError(
            f"{name} must have shape (n, s_1, ..., s_n) with the players FIRST; got shape {arr.shape}, which "
            f"looks players-last (QuantEcon's payoff_profile_array): pass np.moveaxis({name}, -1, 0), of "
            f"shape {moved}"
        )
    if arr.ndim < 2 or arr.shape[0] != arr.ndim - 1:
        raise ValueError(
            f"{name} must have shape (n, s_1, ..., s_n) with n = number of players; got shape {arr.shape}"
        )
    if arr.size == 0 or min(arr.shape[1:]) < 1:
        raise ValueError(f"{name} must give every player at least one strategy; got shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite (no NaN or infinity)")
    return arr


def _scales(arr: np.ndarray) -> np.ndarray:
    n = arr.shape[0]
    flat = arr.reshape(n, -1)
    rng = flat.max(axis=1) - flat.min(axis=1)
    return np.where(rng > 0, rng, 1.0)


def pure_equilibria(payoffs, tol: float = 1e-9) -> list[tuple[int, ...]]:
    """All pure-strategy Nash equilibria of an n-player game, as strategy-index tuples. ``payoffs`` has
    shape ``(n, s_1, ..., s_n)``, players first (QuantEcon's profile arrays put them last; see the module
    docstring).

    A profile ``a`` is an equilibrium iff for every player ``p``,
    ``u_p(a) >= max_{b} u_p(b, a_{-p}) - tol * scale_p`` (Nash 1951; Osborne & Rubinstein 1994,
    ch. 2). Listed in lexicographic order.

    >>> pd = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]   # Prisoner's Dilemma, action 1 = defect
    >>> pure_equilibria(pd)
    [(1, 1)]
    >>> pure_equilibria([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])   # coordination
    [(0, 0), (1, 1)]
    """
    arr = as_payoff_array(payoffs)
    n = arr.shape[0]
    scales = _scales(arr)
    ok = np.ones(arr.shape[1:], dtype=bool)
    for p in range(n):
        best = arr[p].max(axis=p, keepdims=True)
        ok &= arr[p] >= best - tol * scales[p]
    return [tuple(int(i) for i in idx) for idx in np.argwhere(ok)]


def _as_mixed(s, k: int, name: str) -> np.ndarray:
    if isinstance(s, (int, np.integer)):
        if not 0 <= s < k:
            raise ValueError(f"{name} must be a strategy index in [0, {k}); got {s}")
        v = np.zeros(k)
        v[int(s)] = 1.0
        return v
    v = np.asarray(s, dtype=float)
    if v.shape != (k,) or not np.isfinite(v).all() or (v < -1e-12).any() or abs(v.sum() - 1) > 1e-9:
        raise ValueError(f"{name} must be an index or a probability vector of length {k}; got {s!r}")
    return v


def best_responses(payoffs, profile: Sequence, player: int, tol: float = 1e-9) -> tuple[int, ...]:
    """Pure best responses of ``player`` to the other players' (mixed) strategies in ``profile``.
    ``payoffs``: shape ``(n, s_1, ..., s_n)``, players first (see the module docstring).

    ``profile`` has one entry per player (an index or a probability vector); ``player``'s own entry
    is ignored (pass ``None``). The expected payoff of pure strategy ``k`` is
    ``sum_{a_{-p}} u_p(k, a_{-p}) prod_{q != p} sigma_q(a_q)``; ties within ``tol * scale`` count.

    >>> bos = [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]   # Battle of the Sexes
    >>> best_responses(bos, [None, [1/3, 2/3]], player=0)   # row is indifferent
    (0, 1)
    >>> best_responses(bos, [0, None], player=1)
    (0,)
    """
    arr = as_payoff_array(payoffs)
    n = arr.shape[0]
    if not isinstance(player, (int, np.integer)) or not 0 <= player < n:
        raise ValueError(f"player must be an index in [0, {n}); got {player!r}")
    if len(profile) != n:
        raise ValueError(f"profile must have one entry per player ({n}); got {len(profile)}")
    u = arr[player]
    for q in reversed(range(n)):
        if q == player:
            continue
        sigma = _as_mixed(profile[q], arr.shape[1 + q], f"profile[{q}]")
        u = np.tensordot(u, sigma, axes=([q], [0]))
    values = np.asarray(u).reshape(-1)
    scale = _scales(arr)[player]
    return tuple(int(k) for k in np.flatnonzero(values >= values.max() - tol * scale))


def _mixed_dominated(U: np.ndarray, s: int, alive: np.ndarray, tol: float) -> bool:
    """Is row ``s`` of U (own strategies x opponents' profiles) strictly dominated by a mixture
    of the other alive rows? LP: max eps s.t. sum_k sigma_k U[k] >= U[s] + eps, sigma in simplex."""
    others = [k for k in np.flatnonzero(alive) if k != s]
    if not others:
        return False
    K = len(others)
    Uo = U[others]  # (K, C)
    # variables: sigma_1..sigma_K, eps ; minimize -eps
    c = np.zeros(K + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-Uo.T, np.ones((U.shape[1], 1))])  # -sum sigma U + eps <= -U[s]
    b_ub = -U[s]
    A_eq = np.hstack([np.ones((1, K)), np.zeros((1, 1))])
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * K + [(None, None)], method="highs")
    return bool(res.status == 0 and -res.fun > tol)


def iterated_elimination(payoffs, mixed: bool = False, tol: float = 1e-9) -> tuple[tuple[int, ...], ...]:
    """Iterated elimination of strictly dominated strategies; surviving indices per player.
    ``payoffs``: shape ``(n, s_1, ..., s_n)``, players first (see the module docstring).

    Strategy ``s`` of player ``p`` is eliminated when another surviving pure strategy (or, with
    ``mixed=True``, a mixture of surviving strategies, found by a linear program) gives ``p`` more
    than ``tol * scale_p`` more against every surviving profile of the others. For strict
    dominance the surviving set does not depend on the order of elimination (Osborne & Rubinstein
    1994, ch. 4; Gilboa, Kalai & Zemel 1990), so all dominated strategies are removed each round.

    >>> pd = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]
    >>> iterated_elimination(pd)
    ((1,), (1,))
    >>> # Row's M is dominated only by the mixture (T + B) / 2 (Osborne & Rubinstein 1994, fig. 4.1 style)
    >>> g = [[[3, 0], [1, 1], [0, 3]], [[1, 1], [1, 1], [1, 1]]]
    >>> iterated_elimination(g), iterated_elimination(g, mixed=True)
    (((0, 1, 2), (0, 1)), ((0, 2), (0, 1)))
    """
    arr = as_payoff_array(payoffs)
    n = arr.shape[0]
    scales = _scales(arr)
    alive = [np.ones(k, dtype=bool) for k in arr.shape[1:]]
    changed = True
    while changed:
        changed = False
        to_remove = []
        for p in range(n):
            sub = arr[p]
            for q in range(n):
                if q != p:
                    sub = np.compress(alive[q], sub, axis=q)
            U = np.moveaxis(sub, p, 0).reshape(arr.shape[1 + p], -1)  # own strategy x others' profiles
            thr = tol * scales[p]
            for s in np.flatnonzero(alive[p]):
                dominated = any(
                    (U[k] > U[s] + thr).all() for k in np.flatnonzero(alive[p]) if k != s
                )
                if not dominated and mixed and alive[p].sum() > 2:
                    dominated = _mixed_dominated(U, s, alive[p], thr)
                if dominated:
                    to_remove.append((p, s))
        for p, s in to_remove:
            alive[p][s] = False
            changed = True
    return tuple(tuple(int(i) for i in np.flatnonzero(a)) for a in alive)

