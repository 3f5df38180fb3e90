"""Pure equilibria, best responses and iterated elimination for n-player games."""

import numpy as np

from sco_games.theory.games import (
    NormalFormGame,
    best_responses,
    iterated_elimination,
    pure_equilibria,
    solve,
)


def test_pure_equilibria_classics():
    # Prisoner's Dilemma (Axelrod 1984 payoffs): unique (D, D); Stag Hunt (Skyrms 2004): (S, S), (H, H);
    # Matching Pennies: none.
    pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    assert pure_equilibria(pd) == [(1, 1)]
    stag = np.array([[[4, 0], [3, 3]], [[4, 3], [0, 3]]])
    assert pure_equilibria(stag) == [(0, 0), (1, 1)]
    mp = np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    assert pure_equilibria(mp) == []


def test_pure_equilibria_three_player_majority_game():
    # Three players choose 0/1 and each gets 1 if she is in the majority, else 0 (hand derivation: the
    # unanimous profiles are equilibria; in a 2-1 split the minority player gains by switching).
    u = np.zeros((3, 2, 2, 2))
    for a in np.ndindex(2, 2, 2):
        for p in range(3):
            u[(p,) + a] = float(sum(b == a[p] for b in a) >= 2)
    assert pure_equilibria(u) == [(0, 0, 0), (1, 1, 1)]


def test_pure_equilibria_agree_with_solve_on_bimatrix_games():
    rng = np.random.default_rng(0)
    for _ in range(50):
        A, B = rng.integers(-3, 4, (2, 3, 4)).astype(float)
        pure_from_solve = sorted(
            (eq.support[0][0], eq.support[1][0]) for eq in solve(A, B) if eq.is_pure
        )
        assert pure_equilibria(np.stack([A, B])) == pure_from_solve


def test_pure_equilibria_are_scale_free():
    pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], dtype=float)
    assert pure_equilibria(pd * 1e-3) == pure_equilibria(pd * 1e6) == [(1, 1)]


def test_best_responses():
    bos = NormalFormGame([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert best_responses(bos, [None, [1 / 3, 2 / 3]], player=0) == (0, 1)
    assert best_responses(bos, [None, [0.5, 0.5]], player=0) == (0,)
    assert best_responses(bos, [[0.5, 0.5], None], player=1) == (1,)
    # three players: player 2's best response to pure (0, 1)
    u = np.zeros((3, 2, 2, 2))
    u[2, 0, 1, 1] = 1.0
    assert best_responses(u, [0, 1, None], player=2) == (1,)
    assert best_responses(u, [1, 1, None], player=2) == (0, 1)


def test_iterated_elimination_pure_and_mixed():
    # Prisoner's Dilemma: cooperation is strictly dominated.
    pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    assert iterated_elimination(pd) == ((1,), (1,))
    # Two rounds (hand derivation): A = [[1, 0], [0, 1]] has no dominance; column's R is dominated by L
    # (1 > 0, 2 > 1); once R is gone, row's D (0) is dominated by U (1).
    g = np.array([[[1, 0], [0, 1]], [[1, 0], [2, 1]]])
    assert iterated_elimination(g) == ((0,), (0,))
    # M is dominated only by the mixture (T + B) / 2: 1 < 1.5 against both columns.
    g2 = np.array([[[3, 0], [1, 1], [0, 3]], [[1, 1], [1, 1], [1, 1]]])
    assert iterated_elimination(g2) == ((0, 1, 2), (0, 1))
    assert iterated_elimination(g2, mixed=True) == ((0, 2), (0, 1))
    # Weak dominance is not strict: nothing is removed.
    weak = np.array([[[1, 1], [1, 0]], [[0, 0], [0, 0]]])
    assert iterated_elimination(weak) == ((0, 1), (0, 1))


def test_equilibria_survive_elimination():
    # Equilibrium strategies are never strictly dominated (Osborne & Rubinstein 1994, ch. 4).
    rng = np.random.default_rng(1)
    for _ in range(15):
        A, B = rng.integers(-5, 6, (2, 4, 4)).astype(float)
        rows, cols = iterated_elimination(np.stack([A, B]), mixed=True)
        for eq in solve(A, B):
            assert set(eq.support[0]) <= set(rows) and set(eq.support[1]) <= set(cols)
