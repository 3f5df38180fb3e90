"""Infinitely repeated two-player games: when does grim trigger sustain a cooperative profile?

Knows nothing of the SCO. A stage game is a pair of payoff matrices ``A`` (row player, player 0) and ``B``
(column player, player 1), both of shape ``(m, n)``; ``B=None`` means zero-sum (``B = -A``), as in
:class:`sco_games.theory.games.NormalFormGame`. Any object with array attributes ``A`` and ``B`` (such as a
``NormalFormGame``) may be passed as ``A``; if it also has ``strategies`` labels, a profile may be given by
labels.

Grim trigger: play the cooperative profile until someone deviates, then play the punishment forever. With
average discounted payoffs and discount factor ``delta``, player i does not gain by deviating iff

    R_i >= (1 - delta) T_i + delta P_i    <=>    delta >= (T_i - R_i) / (T_i - P_i)    (when T_i > R_i > P_i)

where ``R_i`` is i's payoff in the cooperative profile, ``T_i`` its best one-shot deviation payoff (the other
player keeps cooperating) and ``P_i`` its payoff in the punishment. For a Prisoner's Dilemma this is the
textbook ``(T - R) / (T - P)`` (Friedman 1971; Osborne 2004, *An Introduction to Game Theory*, ch. 14;
Fudenberg & Tirole 1991, ch. 5). By the one-shot deviation principle this is the only condition on the
cooperative path. If the punishment pays a player *more* than cooperating (``P_i > R_i``), the same inequality
gives an *upper* bound on delta (a patient player would deviate just to trigger the punishment), so the answer
is an interval ``[delta_star, delta_upper]``; see :func:`sustaining_interval`.

Punishments (``punishment=``):

- ``"nash"`` (default): Nash reversion. A deviation by player i is punished by the pure stage Nash equilibrium
  worst for i (player-specific Nash reversion). Playing a stage Nash equilibrium forever is itself a
  subgame-perfect equilibrium, so the threat is credible and grim trigger is subgame perfect for ``delta >=
  delta*``. If the stage game has no pure Nash equilibrium, use "nash_mixed" (below) or pass
  payoffs through ``punishment_payoffs=``.
- ``"nash_mixed"``: the same with mixed stage equilibria included (all extreme equilibria from
  :func:`~sco_games.theory.games.solve`; a player's payoff is bilinear, so its minimum over the equilibria is
  attained at an extreme equilibrium).
- a profile ``(k, l)``: revert to that profile for both deviators; it must be a pure stage Nash equilibrium
  (checked, ``ValueError`` otherwise) so that the threat is credible.
- ``"minmax"``: each deviator is held to its (mixed) minmax value, computed by linear programming. This is the
  harshest possible punishment; minmaxing forever is a Nash equilibrium threat but need not be subgame perfect
  (the punisher may suffer), so the resulting ``delta*`` is a lower bound on what subgame-perfect strategies
  need (Fudenberg & Maskin 1986 restore perfection with finite punishment phases for delta near 1).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import linprog

from sco_games.theory.nplayer import pure_equilibria

__all__ = [
    "GrimTriggerResult",
    "critical_discount_factor",
    "sustainable",
    "grim_trigger_threshold",
    "sustaining_interval",
    "pure_nash_profiles",
    "minmax_values",
]

_TOL = 1e-12


@dataclass(frozen=True)
class GrimTriggerResult:
    """The least discount factor at which grim trigger sustains ``profile``.

    Per player (index 0 = row, 1 = column): ``cooperative`` = R_i, ``deviation`` = T_i (best one-shot
    deviation payoff) with ``best_deviation`` the strategy index (None if no strategy pays more than
    cooperating), ``punishment_payoffs`` = P_i, ``thresholds`` = (T_i - R_i)/(T_i - P_i), 0.0 when i has no
    profitable deviation, None when no delta < 1 deters i (R_i <= P_i < T_i).

    ``upper_bounds`` = the largest delta each player tolerates (1.0: none; below 1 only when the punishment
    pays a player more than cooperating, so a patient player would deviate to trigger it).

    ``delta_star`` is the overall least delta (max of the thresholds), 0.0 when the profile is a stage Nash
    equilibrium (any delta works: repeat it, no punishment needed), None when no delta in (0, 1) works;
    ``delta_upper`` the overall largest (1.0: no bound); grim trigger sustains the profile iff
    ``delta_star <= delta <= delta_upper``. ``binding_player`` is the player whose threshold is largest
    (None for a stage NE); ``reason`` explains the answer in words.
    """

    profile: tuple[int, int]
    punishment: str
    punishment_profiles: tuple[tuple[int, int] | None, tuple[int, int] | None]
    cooperative: tuple[float, float]
    deviation: tuple[float, float]
    best_deviation: tuple[int | None, int | None]
    punishment_payoffs: tuple[float, float]
    thresholds: tuple[float | None, float | None]
    upper_bounds: tuple[float | None, float | None]
    delta_star: float | None
    delta_upper: float | None
    binding_player: int | None
    reason: str
    method: str

    @property
    def sustainable_for_some_delta(self) -> bool:
        """True when some delta in (0, 1) sustains the profile."""
        return self.delta_star is not None

    def sustains(self, delta: float) -> bool:
        """Whether grim trigger sustains the profile at discount factor ``delta`` (delta >= delta_star)."""
        d = _delta(delta)
        if self.delta_star is None or self.delta_upper is None:
            return False
        return self.delta_star - _TOL <= d <= self.delta_upper + _TOL


# ----------------------------------------------------------------------------------------------------------
# validation


def _delta(delta: float) -> float:
    try:
        d = float(delta)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"delta must be a number in (0, 1), got {delta!r}") from exc
    if not (math.isfinite(d) and 0.0 < d < 1.0):
        raise ValueError(f"delta must be a discount factor in the open interval (0, 1), got {delta!r}")
    return d


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


# ----------------------------------------------------------------------------------------------------------
# building blocks


def sustaining_interval(T: float, R: float, P: float) -> tuple[float, float] | None:
    """The discount factors ``delta`` in ``[0, 1]`` with ``R >= (1 - delta) T + delta P``, as ``(lo, hi)``.

    ``T`` is the best one-shot deviation payoff, ``R`` the cooperative payoff, ``P`` the punishment payoff
    (all average per-period). ``hi = 1.0`` means no upper bound (delta < 1). Returns None when no delta in
    ``(0, 1)`` works. The usual case ``T > R > P`` gives ``((T - R)/(T - P), 1)``; if the punishment beats
    both (``P > R >= T``) patience is bad: a player would deviate to trigger it, and ``hi = (R - T)/(P - T)``.

    >>> sustaining_interval(5, 3, 1)
    (0.5, 1.0)
    >>> sustaining_interval(0, 1, 2)           # punishment better than cooperating
    (0.0, 0.5)
    >>> sustaining_interval(5, 1, 1) is None
    True
    """
    t, r, p = (float(x) for x in (T, R, P))
    for name, x in (("T", t), ("R", r), ("P", p)):
        if not math.isfinite(x):
            raise ValueError(f"{name} must be finite, got {x!r}")
    # condition: (R - T) + delta (T - P) >= 0
    if t > p:
        lo = max(0.0, (t - r) / (t - p))
        return None if lo >= 1.0 else (lo, 1.0)
    if t == p:
        return (0.0, 1.0) if r >= t else None
    if r <= t:  # T < P: need delta <= (R - T)/(P - T), positive only if R > T
        return None
    return (0.0, min(1.0, (r - t) / (p - t)))


def grim_trigger_threshold(T: float, R: float, P: float) -> float | None:
    """``(T - R) / (T - P)``: the least delta at which a player with cooperative payoff R, best deviation T
    and punishment P does not deviate; 0.0 if ``T <= R`` (no gain from deviating), None if no delta < 1
    works (e.g. ``R <= P < T``). When ``P > R`` there may also be an upper bound: see
    :func:`sustaining_interval`.

    >>> grim_trigger_threshold(5, 3, 1)        # Axelrod's (1984) Prisoner's Dilemma payoffs
    0.5
    >>> grim_trigger_threshold(2, 3, 1), grim_trigger_threshold(5, 1, 1)
    (0.0, None)
    """
    iv = sustaining_interval(T, R, P)
    return None if iv is None else iv[0]


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


# ----------------------------------------------------------------------------------------------------------
# grim trigger


def critical_discount_factor(
    A: Any,
    B: ArrayLike | None = None,
    profile: Sequence[Any] = (0, 0),
    punishment: str | Sequence[Any] = "nash",
    *,
    punishment_payoffs: Sequence[float] | None = None,
) -> GrimTriggerResult:
    """Least delta at which grim trigger sustains the pure ``profile`` of a two-player stage game.

    See the module docstring for the punishments. ``punishment_payoffs=(P_0, P_1)`` overrides the punishment
    payoffs directly (e.g. the payoffs of a mixed stage Nash equilibrium computed elsewhere); then
    ``punishment`` is only recorded as a label.

    >>> pd_A = [[3, 0], [5, 1]]          # Cooperate, Defect; T=5, R=3, P=1, S=0 (Axelrod 1984)
    >>> r = critical_discount_factor(pd_A, np.transpose(pd_A), profile=(0, 0))
    >>> r.delta_star, r.thresholds, r.punishment_profiles
    (0.5, (0.5, 0.5), ((1, 1), (1, 1)))
    >>> critical_discount_factor(pd_A, np.transpose(pd_A), profile=(1, 1)).delta_star   # a stage NE
    0.0
    """
    Am, Bm, labels = _stage(A, B)
    i, j = _profile(profile, Am.shape, labels, "profile")
    R = (float(Am[i, j]), float(Bm[i, j]))
    devs = _best_deviations(Am, Bm, i, j)
    T = (devs[0][0], devs[1][0])
    P, pun_profiles, label, method = _punishment(Am, Bm, labels, punishment, punishment_payoffs)
    if all(devs[p][1] is None for p in (0, 1)):  # a stage NE: repeat it, no punishment needed
        return GrimTriggerResult(
            profile=(i, j), punishment="none needed (stage Nash equilibrium)",
            punishment_profiles=((i, j), (i, j)), cooperative=R, deviation=T,
            best_deviation=(None, None), punishment_payoffs=R, thresholds=(0.0, 0.0), upper_bounds=(1.0, 1.0),
            delta_star=0.0, delta_upper=1.0, binding_player=None,
            reason="no player gains from a one-shot deviation: the profile is a stage Nash equilibrium, "
            "sustained at every delta by repeating it",
            method="stage Nash equilibrium check",
        )
    can_deviate = (Am.shape[0] > 1, Am.shape[1] > 1)
    intervals = [sustaining_interval(T[p], R[p], P[p]) if can_deviate[p] else (0.0, 1.0) for p in (0, 1)]
    delta_star, delta_upper, binding, reason = _combine(intervals, T, R, P)
    return GrimTriggerResult(
        profile=(i, j),
        punishment=label,
        punishment_profiles=pun_profiles,
        cooperative=R,
        deviation=T,
        best_deviation=(devs[0][1], devs[1][1]),
        punishment_payoffs=(P[0], P[1]),
        thresholds=tuple(None if iv is None else iv[0] for iv in intervals),  # type: ignore[arg-type]
        upper_bounds=tuple(None if iv is None else iv[1] for iv in intervals),  # type: ignore[arg-type]
        delta_star=delta_star,
        delta_upper=delta_upper,
        binding_player=binding,
        reason=reason,
        method=method,
    )


def _best_deviations(Am: np.ndarray, Bm: np.ndarray, i: int, j: int) -> list[tuple[float, int | None]]:
    """Each player's best one-shot deviation from ``(i, j)``, the other keeping to it: ``(payoff, strategy)``,
    strategy ``None`` when no deviation gains (the payoff is then the cooperative one, or the best other)."""
    R = (float(Am[i, j]), float(Bm[i, j]))
    row_alt = [(float(Am[k, j]), k) for k in range(Am.shape[0]) if k != i]
    col_alt = [(float(Bm[i, c]), c) for c in range(Am.shape[1]) if c != j]
    devs: list[tuple[float, int | None]] = []
    for who, alts in ((0, row_alt), (1, col_alt)):
        best = max(alts, default=(R[who], None))  # one strategy only: no deviation
        devs.append((best[0], best[1] if best[0] > R[who] else None))
    return devs


def _punishment(Am: np.ndarray, Bm: np.ndarray, labels: Any, punishment: str | Sequence[Any],
                punishment_payoffs: Sequence[float] | None) -> tuple[tuple[float, float], Any, str, str]:
    """``(P, punishment profiles, label, method)`` of ``punishment`` (see the module docstring)."""
    pun_profiles: tuple[tuple[int, int] | None, tuple[int, int] | None] = (None, None)
    if punishment_payoffs is not None:
        P = tuple(float(x) for x in punishment_payoffs)
        if len(P) != 2 or not all(math.isfinite(x) for x in P):
            raise ValueError(f"punishment_payoffs must be two finite numbers, got {punishment_payoffs!r}")
        label = f"given payoffs {P!r} ({punishment!r})"
        method = "grim trigger with given punishment payoffs"
    elif isinstance(punishment, str) and punishment == "nash":
        nash = pure_nash_profiles(Am, Bm)
        if not nash:
            raise ValueError(
                "punishment='nash' needs a pure stage Nash equilibrium and this stage game has none; "
                "use punishment='nash_mixed', 'minmax' or punishment_payoffs=(P_row, P_col)"
            )
        worst0 = min(nash, key=lambda p: (Am[p], p))
        worst1 = min(nash, key=lambda p: (Bm[p], p))
        pun_profiles = (worst0, worst1)
        P = (float(Am[worst0]), float(Bm[worst1]))
        label = "nash"
        method = "grim trigger with player-specific Nash reversion (worst pure stage NE for the deviator)"
    elif isinstance(punishment, str) and punishment == "nash_mixed":
        from sco_games.theory.games import solve  # lazy: only this option needs the equilibrium solver

        eqs = list(solve(Am, Bm))
        if not eqs:  # pragma: no cover - every finite game has an equilibrium
            raise ValueError("no stage Nash equilibrium found")
        P = (min(float(e.payoffs[0]) for e in eqs), min(float(e.payoffs[1]) for e in eqs))
        label = "nash_mixed"
        method = (
            "grim trigger with player-specific Nash reversion to the worst stage NE for the deviator, mixed "
            f"included (sco_games.theory.games.solve: {len(eqs)} extreme equilibria)"
        )
    elif isinstance(punishment, str) and punishment == "minmax":
        P = minmax_values(Am, Bm)
        label = "minmax"
        method = "grim trigger with mixed minmax punishment (LP); a Nash-threat bound, may not be perfect"
    elif isinstance(punishment, str):
        raise ValueError(
            f"punishment must be 'nash', 'nash_mixed', 'minmax' or a stage-NE profile (k, l); "
            f"got {punishment!r}"
        )
    else:
        k, m = _profile(punishment, Am.shape, labels, "punishment")
        if (k, m) not in pure_nash_profiles(Am, Bm):
            raise ValueError(
                f"punishment profile {(k, m)} is not a stage Nash equilibrium, so reverting to it is "
                "not credible"
            )
        pun_profiles = ((k, m), (k, m))
        P = (float(Am[k, m]), float(Bm[k, m]))
        label = f"profile {(k, m)}"
        method = "grim trigger with reversion to a given stage Nash equilibrium"
    return (float(P[0]), float(P[1])), pun_profiles, label, method


def _combine(intervals: list, T: tuple, R: tuple, P: tuple
             ) -> tuple[float | None, float | None, int | None, str]:
    """``(delta_star, delta_upper, binding player, reason)`` from the players' sustaining intervals."""
    delta_star: float | None
    delta_upper: float | None
    if any(iv is None for iv in intervals):
        who = [p for p in (0, 1) if intervals[p] is None]
        delta_star = delta_upper = None
        binding: int | None = who[0]
        reason = "; ".join(_why_never(p, T[p], R[p], P[p]) for p in who)
    else:
        lo = max(iv[0] for iv in intervals)  # type: ignore[index]
        hi = min(iv[1] for iv in intervals)  # type: ignore[index]
        binding = int(np.argmax([iv[0] for iv in intervals]))  # type: ignore[index]
        if lo > hi or (lo == hi == 1.0):
            delta_star = delta_upper = None
            reason = (
                f"the players' conditions are incompatible: delta >= {lo:g} for one, delta <= {hi:g} for the "
                "other (a punishment better than cooperating tempts a player to trigger it)"
            )
        else:
            delta_star, delta_upper = float(lo), float(hi)
            reason = f"player {binding}'s incentive binds: delta >= (T - R)/(T - P)"
            if hi < 1.0:
                low = int(np.argmin([iv[1] for iv in intervals]))  # type: ignore[index]
                reason += (
                    f"; and delta <= {hi:g} because player {low}'s punishment payoff exceeds its cooperative "
                    "payoff, so a patient player would deviate to trigger it"
                )
    return delta_star, delta_upper, binding, reason


def _why_never(p: int, T: float, R: float, P: float) -> str:
    if T > R:
        return (
            f"player {p} gains {T - R:g} by deviating and its cooperative payoff R={R:g} does not exceed "
            f"its punishment payoff P={P:g}, so no delta < 1 deters it"
        )
    return (
        f"player {p}'s punishment payoff P={P:g} exceeds its cooperative payoff R={R:g} and deviating "
        f"costs it nothing in the stage (T={T:g}), so it would trigger the punishment at any delta"
    )


def sustainable(
    A: Any,
    B: ArrayLike | None,
    profile: Sequence[Any],
    delta: float,
    punishment: str | Sequence[Any] = "nash",
) -> bool:
    """Whether grim trigger sustains ``profile`` at discount factor ``delta`` in (0, 1).

    >>> pd_A = [[3, 0], [5, 1]]
    >>> sustainable(pd_A, np.transpose(pd_A), (0, 0), 0.6), sustainable(pd_A, np.transpose(pd_A), (0, 0), 0.4)
    (True, False)
    """
    d = _delta(delta)
    return critical_discount_factor(A, B, profile, punishment).sustains(d)
