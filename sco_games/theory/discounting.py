"""One player's grim-trigger condition: the discount factors at which cooperating beats deviating once.

With average discounted payoffs, a player with cooperative payoff ``R``, best one-shot deviation ``T`` and
punishment payoff ``P`` does not deviate iff ``R >= (1 - delta) T + delta P``, i.e. ``delta >= (T - R) / (T -
P)`` when ``T > R > P`` (Friedman 1971; Osborne 2004, *An Introduction to Game Theory*, ch. 14; Fudenberg &
Tirole 1991, ch. 5). When the punishment pays more than cooperating, the same inequality bounds delta from
above. Re-exported by :mod:`sco_games.theory.repeated`.
"""

from __future__ import annotations

import math

__all__ = ["sustaining_interval", "grim_trigger_threshold"]


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



