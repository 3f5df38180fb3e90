"""Infinitely repeated two-player games: when does grim trigger sustain a cooperative profile?

Knows nothing of the SCO. A stage game is a pair of payoff matrices ``A`` (row player, player 0) and ``B``
(column player, player 1), both of shape ``(m, n)``; ``B=None`` means zero-sum (``B = -A``), as in
:class:`sco_games.theory.games.NormalFormGame`. Any object with array attributes ``A`` and ``B`` (such as a
``NormalFormGame``) may be passed as ``A``; if it also has ``strategies`` labels, a profile may be given by
labels.

This module combines the players' conditions (:func:`critical_discount_factor`); its building blocks live
in :mod:`~sco_games.theory.stage_game` (the stage game checked, pure equilibria, minmax values),
:mod:`~sco_games.theory.discounting` (one player's condition) and :mod:`~sco_games.theory.punishment` (the
punishment payoffs), and are re-exported here.

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

from sco_games.theory.discounting import grim_trigger_threshold, sustaining_interval
from sco_games.theory.punishment import punishment_payoffs_of
from sco_games.theory.stage_game import _profile, _stage, minmax_values, pure_nash_profiles

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
    (None for a stage NE; the row player when both tie) and ``binding_players`` every player whose threshold
    is the largest (``(0, 1)`` for a tie, as in a symmetric Prisoner's Dilemma); ``reason`` explains the
    answer in words.
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
    binding_players: tuple[int, ...] = ()

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
    P, pun_profiles, label, method = punishment_payoffs_of(Am, Bm, labels, punishment, punishment_payoffs)
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
    delta_star, delta_upper, binding, binding_players, reason = _combine(intervals, T, R, P)
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
        binding_players=binding_players,
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


def _combine(intervals: list, T: tuple, R: tuple, P: tuple
             ) -> tuple[float | None, float | None, int | None, tuple[int, ...], str]:
    """``(delta_star, delta_upper, binding player, binding players, reason)`` from the players' sustaining
    intervals (both players bind when their thresholds tie)."""
    delta_star: float | None
    delta_upper: float | None
    if any(iv is None for iv in intervals):
        who = [p for p in (0, 1) if intervals[p] is None]
        delta_star = delta_upper = None
        binding: int | None = who[0]
        binding_players = tuple(who)
        reason = "; ".join(_why_never(p, T[p], R[p], P[p]) for p in who)
    else:
        lo = max(iv[0] for iv in intervals)  # type: ignore[index]
        hi = min(iv[1] for iv in intervals)  # type: ignore[index]
        binding = int(np.argmax([iv[0] for iv in intervals]))  # type: ignore[index]
        binding_players = _tied(intervals) or (binding,)
        if lo > hi or (lo == hi == 1.0):
            delta_star = delta_upper = None
            low = int(np.argmin([iv[1] for iv in intervals]))  # type: ignore[index]
            reason = (
                f"the players' conditions are incompatible: delta >= {lo:g} for player {binding}, delta <= "
                f"{hi:g} for player {low} (a punishment better than cooperating tempts a player to trigger "
                "it)"
            )
        else:
            delta_star, delta_upper = float(lo), float(hi)
            if len(binding_players) == 2:
                reason = (f"both players' incentives bind (a tie: players 0 and 1 each need delta >= "
                          f"(T - R)/(T - P) = {lo:g})")
            else:
                reason = f"player {binding}'s incentive binds: delta >= (T - R)/(T - P) = {lo:g}"
            if hi < 1.0:
                low = int(np.argmin([iv[1] for iv in intervals]))  # type: ignore[index]
                reason += (
                    f"; and delta <= {hi:g} because player {low}'s punishment payoff exceeds its cooperative "
                    "payoff, so a patient player would deviate to trigger it"
                )
    return delta_star, delta_upper, binding, binding_players, reason


def _tied(intervals: list) -> tuple[int, ...]:
    """The players whose threshold is the largest (both when they are equal within 1e-12, a tie)."""
    lows = [iv[0] for iv in intervals]
    top = max(lows)
    return tuple(p for p in (0, 1) if top - lows[p] <= 1e-12 and top > 0)


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
