"""The closed-form kernels behind solve_batch (batch_2x2, batch_small): the same list as solve, game by game
(equilibria, order, degenerate flag, payoffs, regret), on random, integer-tied, degenerate and nearly
degenerate stacks; published 2x2 and 3x3 games; nashpy's support enumeration as an independent oracle on
nondegenerate games."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nashpy.algorithms.support_enumeration import indifference_strategies

import sco_games.theory.batch_2x2 as batch_2x2
import sco_games.theory.batch_small as batch_small
import sco_games.theory.batch_solve as batch_solve
from sco_games.theory.games import solve, solve_batch

SHAPES = [(2, 2), (3, 3), (2, 3), (3, 2), (1, 3), (3, 1)]


def _assert_same_as_solve(A, B, res, atol=1e-12):
    for i in range(len(A)):
        single = solve(A[i], B[i])
        assert bool(res.degenerate[i]) == single.degenerate, i
        k = int(res.counts[i])
        assert k == len(single), (i, A[i], B[i])
        assert int(res.rejected[i]) == single.rejected
        for e, eq in enumerate(single):  # same order
            assert np.allclose(res.row[i, e], eq.row, rtol=0, atol=atol)
            assert np.allclose(res.col[i, e], eq.col, rtol=0, atol=atol)
            assert np.allclose(res.payoffs[i, e], eq.payoffs, rtol=0, atol=atol * max(1, np.abs(A[i]).max(),
                                                                                        np.abs(B[i]).max()))
            assert bool(res.pure[i, e]) == eq.is_pure
            assert res.regret[i, e] <= 1e-9 * max(np.ptp(A[i]), np.ptp(B[i]), 1e-300)
        assert res.mask[i, :k].all() and not res.mask[i, k:].any()
        assert np.isnan(res.row[i, k:]).all() and np.isnan(res.regret[i, k:]).all()


def _stack(kind: str, rng, N: int, m: int, n: int):
    if kind == "normal":
        return rng.normal(size=(2, N, m, n))
    if kind == "integer":  # ties everywhere: many degenerate games
        return rng.integers(-2, 3, (2, N, m, n)).astype(float)
    if kind == "degenerate":  # a repeated payoff in each game: a pure strategy with two best replies
        A, B = rng.normal(size=(2, N, m, n))
        if m > 1:
            A[:, 1, 0] = A[:, 0, 0]
        if n > 1:
            B[:, 0, 1] = B[:, 0, 0]
        return A, B
    # nearly degenerate: ties broken by 1e-9 .. 1e-5 of the payoff range (the band the kernels hand on)
    A, B = rng.normal(size=(2, N, m, n))
    eps = 10.0 ** rng.uniform(-9, -5, N)
    if m > 1:
        A[:, 1, 0] = A[:, 0, 0] + eps * np.ptp(A, axis=(1, 2))
    if n > 1:
        B[:, 0, 1] = B[:, 0, 0] - eps * np.ptp(B, axis=(1, 2))
    return A, B


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SHAPES), st.sampled_from(["normal", "integer", "degenerate", "near"]),
       st.integers(1, 25), st.integers(0, 2**32 - 1), st.sampled_from([1.0, 1e-4, 1e5]))
def test_kernels_give_solve_s_list(shape, kind, N, seed, scale):
    m, n = shape
    A, B = _stack(kind, np.random.default_rng(seed), N, m, n)
    A, B = A * scale, B * scale + 3.0
    _assert_same_as_solve(A, B, solve_batch(A, B))


@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (2, 3)])
def test_chunk_boundaries_and_mixed_stacks(shape, monkeypatch):
    # small chunks: games of every kind on both sides of chunk boundaries, in one stack
    monkeypatch.setattr(batch_small, "CHUNK", 7)
    monkeypatch.setattr(batch_2x2, "CHUNK", 7)
    rng = np.random.default_rng(11)
    m, n = shape
    parts = [_stack(kind, rng, 9, m, n) for kind in ("normal", "integer", "degenerate", "near")]
    A = np.concatenate([p[0] for p in parts])
    B = np.concatenate([p[1] for p in parts])
    order = rng.permutation(len(A))
    A, B = A[order], B[order]
    _assert_same_as_solve(A, B, solve_batch(A, B))


@pytest.mark.parametrize("shape", [(2, 2), (3, 3)])
def test_nondegenerate_games_never_reach_the_general_path(shape, monkeypatch):
    # random games are (almost surely) clearly nondegenerate: the closed forms decide all of them
    rng = np.random.default_rng(5)
    A, B = rng.normal(size=(2, 2000, *shape))

    def refuse(*args, **kwargs):
        raise AssertionError("the general path was called")

    monkeypatch.setattr(batch_solve, "enumerate_batch", refuse)
    res = solve_batch(A, B)
    assert not res.degenerate.any() and (res.counts % 2 == 1).all()  # Lemke-Howson (1964): odd number


def test_degenerate_games_go_to_the_general_path(monkeypatch):
    calls = []
    real = batch_solve.enumerate_batch

    def spy(a, *args):
        calls.append(len(a))
        return real(a, *args)

    monkeypatch.setattr(batch_solve, "enumerate_batch", spy)
    A = np.array([[[1.0, 1.0], [1.0, 1.0]], [[2.0, 0.0], [0.0, 1.0]]])  # constant game, then BoS
    B = np.array([[[1.0, 1.0], [1.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]]])
    res = solve_batch(A, B)
    assert calls == [1]
    assert res.degenerate.tolist() == [True, False]
    assert res.counts.tolist() == [4, 3]


def _nashpy_set(A, B):
    """nashpy's support enumeration (its indifference strategies for every support pair of equal size), with
    its exact-equality best-reply test (which drops equilibria to rounding, see games.py's docstring)
    replaced by a regret check at 1e-9 of the payoff range."""
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for x, y, _, _ in indifference_strategies(A, B):
            Ay, xB = A @ y, x @ B
            if Ay.max() - x @ Ay <= 1e-9 * np.ptp(A) and xB.max() - xB @ y <= 1e-9 * np.ptp(B):
                out.append((x, y))
    return out


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([(2, 2), (3, 3), (2, 3)]), st.integers(0, 2**32 - 1))
def test_nondegenerate_games_agree_with_nashpy_support_enumeration(shape, seed):
    rng = np.random.default_rng(seed)
    A, B = rng.normal(size=(2, 10, *shape))
    res = solve_batch(A, B)
    for i in range(len(A)):
        assert not res.degenerate[i]
        theirs = _nashpy_set(A[i], B[i])
        ours = [(res.row[i, e], res.col[i, e]) for e in range(res.counts[i])]
        # nashpy's own indifference solver gives up on some supports (it returns False where its system is
        # singular: a documented nashpy trap), so its list is a subset; each of ours is checked by regret
        assert len(theirs) <= len(ours)
        for x, y in ours:
            Ay, xB = A[i] @ y, x @ B[i]
            assert Ay.max() - x @ Ay <= 1e-12 * np.ptp(A[i]) and xB.max() - xB @ y <= 1e-12 * np.ptp(B[i])
        for x, y in theirs:
            assert any(np.allclose(x, u, atol=1e-9) and np.allclose(y, v, atol=1e-9) for u, v in ours)


# published games, with their equilibria in solve's order
KNOWN = {
    # Battle of the Sexes (Osborne 2004, An Introduction to Game Theory, Example 18.2 / §4.1)
    "battle of the sexes": ([[2, 0], [0, 1]], [[1, 0], [0, 2]],
                            [([1, 0], [1, 0]), ([0, 1], [0, 1]), ([2 / 3, 1 / 3], [1 / 3, 2 / 3])]),
    # Matching Pennies (Osborne 2004, Example 17.1): the unique equilibrium is (1/2, 1/2) each
    "matching pennies": ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], [([0.5, 0.5], [0.5, 0.5])]),
    # Prisoner's Dilemma (Axelrod 1984 payoffs 3, 0, 5, 1): (Defect, Defect) only
    "prisoner's dilemma": ([[3, 0], [5, 1]], [[3, 5], [0, 1]], [([0, 1], [0, 1])]),
    # Chicken (Osborne 2004, §4.4 / Exercise 18.3 with payoffs 0, -1, 1, -10): two pure, one mixed (9/10)
    "chicken": ([[0, -1], [1, -10]], [[0, 1], [-1, -10]],
                [([1, 0], [0, 1]), ([0, 1], [1, 0]), ([0.9, 0.1], [0.9, 0.1])]),
    # Rock-Paper-Scissors: the unique equilibrium is uniform
    "rock paper scissors": ([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
                            [([1 / 3] * 3, [1 / 3] * 3)]),
}


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_published_games(name):
    A, B, expected = KNOWN[name]
    res = solve_batch(np.array([A] * 3, dtype=float), np.array([B] * 3, dtype=float))
    for i in range(3):
        assert not res.degenerate[i] and res.counts[i] == len(expected)
        for e, (x, y) in enumerate(expected):
            assert np.allclose(res.row[i, e], x, atol=1e-12) and np.allclose(res.col[i, e], y, atol=1e-12)


def test_3x3_coordination_has_seven_equilibria():
    # the identity game: every nonempty support pair (S, S), 2^3 - 1 = 7 (Quint & Shubik 1997's bound)
    res = solve_batch(np.eye(3)[None], np.eye(3)[None])
    assert res.counts[0] == 7 and not res.degenerate[0]
    sizes = [int(s) for s in (res.row[0] > 0).sum(axis=1)]
    assert sizes == [1, 1, 1, 2, 2, 2, 3]
    assert np.allclose(res.row[0, 6], 1 / 3, atol=1e-12)
