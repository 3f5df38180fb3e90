"""Ties between best replies and weak pure equilibria (sco_games.theory.ties), against a brute-force check
written from the definition and against small perturbations of the tied payoff."""

import itertools

import numpy as np
import pytest

from sco_games.theory.ties import best_reply_ties, weak_pure_equilibria


def _brute_weak(arr):
    """Pure equilibria with another pure best reply for some player, straight from the definition."""
    n = arr.shape[0]
    out = []
    for prof in itertools.product(*(range(k) for k in arr.shape[1:])):
        weak, eq = False, True
        for p in range(n):
            own = arr[p][prof]
            alts = []
            for s in range(arr.shape[1 + p]):
                q = list(prof)
                q[p] = s
                alts.append(arr[p][tuple(q)])
            if max(alts) > own:
                eq = False
            if sum(1 for x in alts if x == own) > 1:
                weak = True
        if eq and weak:
            out.append(prof)
    return out


def test_doctest_game():
    A = [[1, 0], [1, 2]]
    B = [[1, 0], [0, 2]]
    ties = best_reply_ties([A, B])
    assert [(t.player, t.strategies, t.against, t.value) for t in ties] == [(0, (0, 1), (0,), 1.0)]
    assert ties[0].profile(1) == (1, 0)


@pytest.mark.parametrize("seed", range(30))
def test_weak_equilibria_match_brute_force_on_integer_games(seed):
    rng = np.random.default_rng(seed)
    n = 2 + seed % 2
    shape = (n,) + tuple(int(k) for k in rng.integers(2, 4, n))
    arr = rng.integers(0, 3, shape).astype(float)  # few values: many ties
    got = [w.profile for w in weak_pure_equilibria(arr)]
    assert got == _brute_weak(arr)


def test_perturbing_the_tied_payoff_either_way_removes_the_tie():
    # Rival answers Rival only weakly: row player's (Partner, Rival) = (Rival, Rival) = -2
    A = np.array([[4.0, -2.0], [-2.0, -2.0]])  # Partner, Rival
    B = A.T.copy()
    assert [w.profile for w in weak_pure_equilibria([A, B])] == [(1, 1)]
    for eps in (1e-3, -1e-3):
        A2 = A.copy()
        A2[0, 1] += eps
        B2 = A2.T.copy()
        assert weak_pure_equilibria([A2, B2]) == ()
        assert best_reply_ties([A2, B2]) == ()


def test_ties_off_the_best_reply_are_not_listed():
    A = [[0, 0], [1, 1], [0, 0]]  # strategies 0 and 2 tie, but neither is a best reply
    B = [[1, 0], [0, 1], [1, 0]]
    assert best_reply_ties([A, B]) == ()
