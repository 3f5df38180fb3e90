"""theory.dominance: strictly / weakly dominant strategies and dominance solvability, on textbook games and
against a brute-force check written here."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sco_games.theory.dominance import dominance


def test_textbook_games():
    pd = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]  # prisoner's dilemma: defect strictly dominant
    d = dominance(pd)
    assert d.strict == (1, 1) and d.weak == (1, 1) and d.solvable and d.all_strict
    pennies = [[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]
    d = dominance(pennies)
    assert d.strict == (None, None) and d.weak == (None, None) and not d.solvable


def test_weak_but_not_strict():
    # row: T pays (1, 1), B pays (1, 0): T weakly dominant, not strictly; column indifferent
    g = [[[1, 1], [1, 0]], [[0, 0], [0, 0]]]
    d = dominance(g)
    assert d.strict == (None, None) and d.weak == (0, None)
    assert not d.solvable  # strict elimination removes nothing


def test_three_players():
    # each player's payoff is its own action (0 or 1) plus noise-free zero: action 1 strictly dominant
    arr = np.zeros((3, 2, 2, 2))
    for prof in itertools.product(range(2), repeat=3):
        for p in range(3):
            arr[(p, *prof)] = prof[p]
    d = dominance(arr)
    assert d.strict == (1, 1, 1) and d.solvable


def _brute(arr, p):
    U = np.moveaxis(arr[p], p, 0).reshape(arr.shape[1 + p], -1)
    strict = [s for s in range(U.shape[0]) if all(np.all(U[s] > U[k]) for k in range(U.shape[0]) if k != s)]
    return strict[0] if strict else None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=18, max_size=18))
def test_strict_matches_brute_force(xs):
    arr = np.array(xs, dtype=float).reshape(2, 3, 3)
    d = dominance(arr)
    assert d.strict == (_brute(arr, 0), _brute(arr, 1))
    for p in range(2):
        if d.strict[p] is not None:
            assert d.weak[p] == d.strict[p]
