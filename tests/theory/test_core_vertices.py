"""The vertices of the core (issue 16): hand-computed 3-player cores, an empty core, a TUGame without n,
and an independent check on random 4- and 5-player games: every optimum of a linear program over the core
(HiGHS returns a vertex) is one of the listed vertices, and every listed vertex is a core point with n
linearly independent tight constraints."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linprog

from sco_games.theory import core, core_vertices, in_core, tu_game


def test_three_player_pairs_worth_half_has_the_triangle_core():
    # v(i) = 0, v(pair) = 1/2, v(N) = 1: x_k = 1 - x_i - x_j <= 1/2 and x >= 0, so by hand the core is the
    # triangle with vertices the permutations of (1/2, 1/2, 0)
    v = {0b011: 0.5, 0b101: 0.5, 0b110: 0.5, 0b111: 1.0}
    assert core_vertices(v, 3) == ((0.0, 0.5, 0.5), (0.5, 0.0, 0.5), (0.5, 0.5, 0.0))


def test_three_player_game_with_a_quadrilateral_core():
    # v(12) = 0.6, v(13) = v(23) = 0, v(N) = 1, v(i) = 0: the core is x >= 0, x1 + x2 >= 0.6, sum 1, i.e.
    # x3 <= 0.4; by hand its vertices are (1, 0, 0), (0, 1, 0), (0.6, 0, 0.4), (0, 0.6, 0.4)
    v = {0b011: 0.6, 0b111: 1.0}
    assert core_vertices(v, 3) == ((0.0, 0.6, 0.4), (0.0, 1.0, 0.0), (0.6, 0.0, 0.4), (1.0, 0.0, 0.0))


def test_glove_game_core_is_one_point():
    assert core_vertices({0b011: 1, 0b101: 1, 0b111: 1}, 3) == ((1.0, 0.0, 0.0),)


def test_empty_core_has_no_vertices():
    majority = {m: 1.0 for m in (0b011, 0b101, 0b110, 0b111)}
    assert core(majority, 3).empty and core_vertices(majority, 3) == ()


def test_tu_game_needs_no_n_and_labels_are_kept():
    g = tu_game({frozenset({"A", "B"}): 0.6, frozenset({"A", "B", "C"}): 1.0}, ["A", "B", "C"])
    assert core_vertices(g) == ((0.0, 0.6, 0.4), (0.0, 1.0, 0.0), (0.6, 0.0, 0.4), (1.0, 0.0, 0.0))


def test_too_many_players_is_a_clear_error():
    with pytest.raises(ValueError, match=r"core_vertices needs n <= 6"):
        core_vertices({(1 << 7) - 1: 1.0}, 7)


def _random_balanced_game(n: int, rng: np.random.Generator) -> dict[int, float]:
    """A random superadditive-ish game with a non-empty core: v(S) below |S|/n of v(N) = n."""
    v = {m: float(rng.uniform(0.0, 0.9) * bin(m).count("1")) for m in range(1, (1 << n) - 1)}
    v[(1 << n) - 1] = float(n)
    return v


@pytest.mark.parametrize("n, seed", [(4, 0), (4, 1), (5, 2)])
def test_linear_program_optima_over_the_core_are_listed_vertices(n, seed):
    rng = np.random.default_rng(seed)
    v = _random_balanced_game(n, rng)
    verts = np.array(core_vertices(v, n))
    assert len(verts) >= 2
    masks = np.arange(1, (1 << n) - 1)
    inc = ((masks[:, None] >> np.arange(n)) & 1).astype(float)
    rhs = np.array([v[m] for m in masks])
    for x in verts:  # each listed vertex: in the core, and n independent tight constraints (efficiency + n-1)
        assert in_core(v, n, x)
        tight = inc[np.abs(inc @ x - rhs) <= 1e-9]
        assert np.linalg.matrix_rank(np.vstack([np.ones(n), tight])) == n
    for _ in range(40):  # an independent oracle: HiGHS's optimum of a random objective is a vertex
        c = rng.normal(size=n)
        res = linprog(c, A_ub=-inc, b_ub=-rhs, A_eq=np.ones((1, n)), b_eq=[v[(1 << n) - 1]],
                      bounds=[(None, None)] * n, method="highs-ds")
        assert res.status == 0
        assert np.abs(verts - res.x).max(axis=1).min() <= 1e-7
