"""Equilibria of classic and published games (cases as data in tests/data/games/literature.yaml).

Each case cites where its expected equilibria come from; probabilities are exact fractions.
"""

from fractions import Fraction

import numpy as np
import pytest
import yaml

from sco_games.theory.games import METHOD_VERTEX, NormalFormGame, solve, solve_batch
from tests.conftest import FIXTURES

DATA = FIXTURES / "games"
CASES = yaml.safe_load((DATA / "literature.yaml").read_text())


def _matrix(spec):
    if spec == "identity_6":
        return np.eye(6)
    return np.array(spec, dtype=float)


def _game(case):
    A = _matrix(case["A"])
    B = None if case.get("B") is None else _matrix(case["B"])
    return NormalFormGame(A, B)


def _expected(case):
    return [
        (np.array([float(Fraction(p)) for p in x]), np.array([float(Fraction(p)) for p in y]))
        for x, y in case["equilibria"]
    ]


def same_set(found, expected, atol):
    """True iff the two lists of (row, col) pairs match one to one within atol."""
    found = [(np.asarray(x), np.asarray(y)) for x, y in found]
    if len(found) != len(expected):
        return False
    unused = list(range(len(found)))
    for x, y in expected:
        hit = next(
            (i for i in unused
             if np.allclose(found[i][0], x, atol=atol) and np.allclose(found[i][1], y, atol=atol)),
            None,
        )
        if hit is None:
            return False
        unused.remove(hit)
    return True


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_literature_game(case):
    game = _game(case)
    res = solve(game)
    assert res.degenerate is case["degenerate"]
    assert res.rejected == 0
    if case.get("equilibria") is not None:
        assert same_set(res, _expected(case), case["tol"]), [eq.as_fractions() for eq in res]
    else:
        assert len(res) == case["count"]
    scale_a, scale_b = game.payoff_scales
    for eq in res:
        assert eq.method == METHOD_VERTEX
        assert eq.regrets[0] <= 1e-9 * scale_a and eq.regrets[1] <= 1e-9 * scale_b
        assert eq.payoffs == pytest.approx(game.expected_payoffs(eq.row, eq.col))
        assert eq.row.sum() == pytest.approx(1) and eq.col.sum() == pytest.approx(1)
        assert (eq.row >= 0).all() and (eq.col >= 0).all()


def test_identity_equilibria_are_uniform_on_common_supports():
    # Quint & Shubik (1997): in the coordination game A = B = I_6 the equilibria are (u_S, u_S), S != {}.
    res = solve(np.eye(6), np.eye(6))
    supports = sorted(eq.support for eq in res)
    from itertools import combinations

    expected = sorted((S, S) for k in range(1, 7) for S in combinations(range(6), k))
    assert supports == expected
    for eq in res:
        k = len(eq.support[0])
        assert np.allclose(eq.row[list(eq.support[0])], 1 / k)


def test_literature_games_through_solve_batch():
    # solve_batch on each 2x2 / 3x3 literature game (as a stack of one) gives the same list as solve, in the
    # same order (its closed forms round differently from the vertex enumeration: equal to 1e-12).
    for case in CASES:
        game = _game(case)
        if max(game.shape) > 3:
            continue
        batch = solve_batch(game.A[None], game.B[None])[0]
        single = solve(game)
        assert batch.degenerate == single.degenerate
        assert len(batch) == len(single)
        for e1, e2 in zip(batch, single, strict=True):
            assert np.allclose(e1.row, e2.row, rtol=0, atol=1e-12)
            assert np.allclose(e1.col, e2.col, rtol=0, atol=1e-12)
            assert e1.support == e2.support


def test_equilibrium_unpacks_and_labels():
    bos = NormalFormGame([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("O", "F"), ("O", "F")))
    res = solve(bos)
    row, col = res[-1]
    assert np.allclose(row, [2 / 3, 1 / 3]) and np.allclose(col, [1 / 3, 2 / 3])
    assert res[0].is_pure and not res[-1].is_pure
    assert res[-1].label(bos) == "Row: 2/3 O + 1/3 F; Column: 1/3 O + 2/3 F"
    assert res[-1].as_fractions() == ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3)))
    assert res.method == METHOD_VERTEX and "degenerate=False" in repr(res)


def test_zero_sum_default():
    g = NormalFormGame([[1, -1], [-1, 1]])
    assert np.array_equal(g.B, -g.A) and g.is_zero_sum
    # solve(A) with B omitted is the zero-sum game
    assert len(solve([[1, -1], [-1, 1]])) == 1
