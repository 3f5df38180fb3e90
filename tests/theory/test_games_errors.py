"""Bad input gives a ValueError that names the argument."""

import numpy as np
import pytest

from sco_games.theory.games import (
    NormalFormGame,
    best_responses,
    iterated_elimination,
    pure_equilibria,
    solve,
    solve_batch,
)


@pytest.mark.parametrize(
    "A, B, match",
    [
        ([[1, np.nan], [0, 1]], None, r"^A must contain only finite"),
        ([[1, 0], [0, 1]], [[1, np.inf], [0, 1]], r"^B must contain only finite"),
        ([[1, 0], [0, 1]], [[1, 0, 0], [0, 1, 0]], r"^B must have the same shape as A"),
        (np.zeros((0, 2)), None, r"^A must be non-empty"),
        ([], None, r"^A must be"),
        ([1, 2, 3], None, r"^A must be a 2-D payoff matrix"),
        ([["a", "b"]], None, r"^A must be a numeric matrix"),
    ],
)
def test_bad_payoffs(A, B, match):
    with pytest.raises(ValueError, match=match):
        NormalFormGame(A, B)
    with pytest.raises(ValueError, match=match):
        solve(A, B)


def test_bad_labels_and_options():
    with pytest.raises(ValueError, match="players"):
        NormalFormGame([[1]], players=("Same", "Same"))
    with pytest.raises(ValueError, match="strategies for Row"):
        NormalFormGame([[1], [2]], strategies=(("a",), ("x",)))
    with pytest.raises(ValueError, match="^tol"):
        solve([[1]], tol=0)
    with pytest.raises(ValueError, match="^tol"):
        solve([[1]], tol=float("nan"))
    with pytest.raises(ValueError, match="^method"):
        solve([[1]], method="lemke_howson")
    with pytest.raises(ValueError, match="^B must be None"):
        solve(NormalFormGame([[1]]), [[1]])
    with pytest.raises(ValueError, match="^game_or_A is too large"):
        solve(np.zeros((21, 21)))


def test_bad_batches():
    with pytest.raises(ValueError, match="^A must be a stack"):
        solve_batch(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="^A must be non-empty"):
        solve_batch(np.zeros((0, 2, 2)))
    with pytest.raises(ValueError, match=r"^B must contain only finite.*\(1, 0, 1\)"):
        B = np.zeros((2, 2, 2))
        B[1, 0, 1] = np.inf
        solve_batch(np.zeros((2, 2, 2)), B)
    with pytest.raises(ValueError, match="^B must have the same shape"):
        solve_batch(np.zeros((2, 2, 2)), np.zeros((3, 2, 2)))


def test_bad_nplayer_input():
    with pytest.raises(ValueError, match=r"^payoffs must have shape \(n, s_1"):
        pure_equilibria(np.zeros((3, 2, 2)))
    with pytest.raises(ValueError, match="^payoffs must be finite"):
        pure_equilibria([[[0, np.nan]], [[0, 0]]])
    with pytest.raises(ValueError, match="^payoffs must give every player"):
        iterated_elimination(np.zeros((2, 0, 2)))
    with pytest.raises(ValueError, match="^player"):
        best_responses(np.zeros((2, 2, 2)), [None, 0], player=2)
    with pytest.raises(ValueError, match=r"^profile\[1\]"):
        best_responses(np.zeros((2, 2, 2)), [None, [0.5, 0.6]], player=0)
    with pytest.raises(ValueError, match="^profile must have one entry per player"):
        best_responses(np.zeros((2, 2, 2)), [None], player=0)


def test_huge_payoffs_are_refused_with_a_hint():
    with pytest.raises(ValueError, match="^A must have payoffs of magnitude at most"):
        solve([[1e200, 0], [0, 1]])
    with pytest.raises(ValueError, match="^B must have payoffs of magnitude at most"):
        solve_batch(np.zeros((1, 2, 2)), np.full((1, 2, 2), -1e151))
    # just below the limit still works, with the same answer as at scale 1
    ref = solve([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    big = solve(np.array([[2, 0], [0, 1]]) * 1e149, np.array([[1, 0], [0, 2]]) * 1e149)
    assert len(big) == len(ref) == 3
    assert all(np.allclose(a.row, b.row) and np.allclose(a.col, b.col) for a, b in zip(ref, big, strict=True))
