"""Dominant strategies of a finite n-player game (numpy only): which strategy, if any, is strictly or
weakly dominant for each player, and whether iterated elimination of strictly dominated strategies
(:func:`sco_games.theory.nplayer.iterated_elimination`) leaves a single profile.

A strategy is **strictly dominant** when it pays its player more than every other strategy against every
profile of the others: the player's best choice then does not depend on what the others do. It is
**weakly dominant** when it pays at least as much against every profile and more against at least one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sco_games.theory.nplayer import _scales, as_payoff_array, iterated_elimination

__all__ = ["Dominance", "dominance"]


@dataclass(frozen=True)
class Dominance:
    """Per player (by index): ``strict[p]`` / ``weak[p]`` the strictly / weakly dominant strategy or
    ``None``; ``survivors`` what iterated strict dominance leaves; ``solvable`` whether that is one
    profile."""

    strict: tuple[int | None, ...]
    weak: tuple[int | None, ...]
    survivors: tuple[tuple[int, ...], ...]

    @property
    def solvable(self) -> bool:
        return all(len(s) == 1 for s in self.survivors)

    @property
    def all_strict(self) -> bool:
        """Every player has a strictly dominant strategy (the game is separate decisions)."""
        return all(s is not None for s in self.strict)


def dominance(payoffs, tol: float = 1e-9) -> Dominance:
    """Dominant strategies of ``payoffs`` (shape ``(n, s_1, ..., s_n)``, or a two-player game with ``A`` and
    ``B``).

    Differences within ``tol`` x the player's payoff scale count as ties.

    >>> pd = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]   # prisoner's dilemma: defect (1) strictly dominant
    >>> d = dominance(pd); d.strict, d.weak, d.solvable
    ((1, 1), (1, 1), True)
    >>> bos = [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]   # battle of the sexes: nothing dominant
    >>> d = dominance(bos); d.strict, d.weak, d.solvable
    ((None, None), (None, None), False)
    """
    arr = as_payoff_array(payoffs)
    n = arr.shape[0]
    scales = _scales(arr)
    strict: list[int | None] = []
    weak: list[int | None] = []
    for p in range(n):
        U = np.moveaxis(arr[p], p, 0).reshape(arr.shape[1 + p], -1)  # own strategy x others' profiles
        thr = tol * scales[p]
        st = wk = None
        for s in range(U.shape[0]):
            others = [k for k in range(U.shape[0]) if k != s]
            diffs = [U[s] - U[k] for k in others]
            if all((d > thr).all() for d in diffs):
                st = s
            if all((d >= -thr).all() and (d > thr).any() for d in diffs):
                wk = s if wk is None else wk
        strict.append(st)
        weak.append(wk)
    return Dominance(tuple(strict), tuple(weak), iterated_elimination(arr, tol=tol))
