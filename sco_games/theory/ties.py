"""Payoff ties that make a pure equilibrium weak (numpy only).

A pure profile ``a`` is a **strict** Nash equilibrium when each player's strategy is its *only* best reply to
the others' strategies; it is **weak** when some player has another pure strategy that pays exactly as much
(Harsanyi 1973: strict equilibria are the ones that survive every small payoff perturbation). Such an
equality of two payoffs is a **tie**. In a game whose payoffs are coded on a coarse integer ladder a tie is
usually an accident of the coding (a knife edge): an arbitrarily small change of one payoff either removes
the weak equilibrium or makes it strict. A tie among best replies also makes a two-player game degenerate
(a pure strategy with more than one pure best reply; von Stengel 2002, Def. 3.2), so the solver returns a
continuum of equilibria there.

:func:`best_reply_ties` lists every tie between two best replies to a pure profile of the others;
:func:`weak_pure_equilibria` lists the pure equilibria that are weak and the ties that make them so. Ties
that only involve mixed strategies (a degenerate game without any pure tie) are not listed here; the solver's
``degenerate`` flag covers them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from sco_games.theory.nplayer import _scales, as_payoff_array, pure_equilibria

__all__ = ["Tie", "WeakEquilibrium", "best_reply_ties", "weak_pure_equilibria"]


@dataclass(frozen=True)
class Tie:
    """Player ``player``'s strategies ``strategies`` (two indices, ascending) pay the same, ``value``, against
    the others' pure profile ``against`` (the other players' strategy indices, in player order), and both are
    best replies to it."""

    player: int
    strategies: tuple[int, int]
    against: tuple[int, ...]
    value: float

    def profile(self, own: int) -> tuple[int, ...]:
        """The full profile with this player playing ``own`` against ``against``."""
        rest = list(self.against)
        rest.insert(self.player, own)
        return tuple(rest)


@dataclass(frozen=True)
class WeakEquilibrium:
    """A pure equilibrium ``profile`` that is weak, and the ``ties`` (each involving the equilibrium
    strategy of its player) that make it so."""

    profile: tuple[int, ...]
    ties: tuple[Tie, ...]


def best_reply_ties(payoffs, tol: float = 1e-9) -> tuple[Tie, ...]:
    """Every tie between two pure best replies of a player to a pure profile of the others.

    ``payoffs``: shape ``(n, s_1, ..., s_n)`` or a two-player :class:`~sco_games.theory.games.NormalFormGame`.
    Differences within ``tol`` x the player's payoff range count as equal (as in ``pure_equilibria``).

    >>> A = [[1, 0], [1, 2]]; B = [[1, 0], [0, 2]]        # the row player is indifferent against column 0
    >>> [(t.player, t.strategies, t.against) for t in best_reply_ties([A, B])]
    [(0, (0, 1), (0,))]
    """
    arr = as_payoff_array(payoffs)
    n = arr.shape[0]
    scales = _scales(arr)
    out = []
    for p in range(n):
        own = np.moveaxis(arr[p], p, -1)  # others' profiles x own strategy
        thr = tol * scales[p]
        for against in itertools.product(*(range(k) for k in own.shape[:-1])):
            row = own[against]
            best = row.max()
            top = [s for s in range(row.shape[0]) if row[s] >= best - thr]
            for a, b in itertools.combinations(top, 2):
                out.append(Tie(p, (a, b), tuple(int(x) for x in against), float(best)))
    return tuple(out)


def weak_pure_equilibria(payoffs, tol: float = 1e-9) -> tuple[WeakEquilibrium, ...]:
    """The pure equilibria at which some player has another pure best reply, with the ties responsible.

    >>> A = [[1, 0], [1, 2]]; B = [[1, 0], [0, 2]]
    >>> [(w.profile, len(w.ties)) for w in weak_pure_equilibria([A, B])]   # (0, 0) weak; (1, 1) strict
    [((0, 0), 1)]
    """
    arr = as_payoff_array(payoffs)
    ties = best_reply_ties(arr, tol)
    out = []
    for prof in pure_equilibria(arr, tol):
        mine = tuple(t for t in ties if prof[t.player] in t.strategies
                     and t.profile(prof[t.player]) == tuple(prof))
        if mine:
            out.append(WeakEquilibrium(tuple(int(x) for x in prof), mine))
    return tuple(out)
