"""The vectorized bargaining solutions (bargaining_many) against closed forms and the scalar solutions."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sco_games.theory.bargaining import kalai_smorodinsky, nash_solution
from sco_games.theory.bargaining_many import (
    increasing_root,
    kalai_smorodinsky_many,
    nash_many,
    nash_on_lines,
)


def test_nash_on_lines_is_exact():
    # u2 = 1 - u1, d = 0: player 1 gets its weight; 0.31 stays 0.31
    u = nash_on_lines(1.0, -1.0, 0.0, 0.0, np.array([0.31, 0.5, 0.9]), 0.0, 1.0)
    assert u.tolist() == [0.31, 0.5, 0.9]


def test_nash_many_on_u2_equal_1_minus_u1_squared_to_1e_12():
    a = np.linspace(0.05, 0.95, 1001)
    zeros, ones = np.zeros_like(a), np.ones_like(a)
    u = nash_many(lambda v: 1 - v * v, lambda v: -2 * v, 0.0, 0.0, a, zeros, ones)
    assert np.abs(u - np.sqrt(a / (2 - a))).max() <= 1e-12  # a / u = (1 - a) 2u / (1 - u^2)


def test_kalai_smorodinsky_many_to_1e_12():
    n = 50
    u = kalai_smorodinsky_many(lambda v: 1 - v * v, 0.0, 0.0, 1.0, 1.0, np.zeros(n), np.ones(n))
    assert np.abs(u - (math.sqrt(5) - 1) / 2).max() <= 1e-12


def test_nash_many_agrees_with_the_scalar_solution_on_a_family_of_frontiers():
    rng = np.random.default_rng(4)
    n = 40
    p = rng.uniform(1.2, 3.0, n)
    a = rng.uniform(0.1, 0.9, n)
    d1, d2 = rng.uniform(0, 0.3, n), rng.uniform(0, 0.3, n)
    f = lambda v: 1 - v**p  # noqa: E731
    df = lambda v: -p * v ** (p - 1)  # noqa: E731
    end = (1 - d2) ** (1 / p)  # where the frontier falls to d2
    u = nash_many(f, df, d1, d2, a, d1, end)
    k = kalai_smorodinsky_many(f, d1, d2, end, f(d1), d1, end)
    for i in range(n):
        fi = lambda v, q=p[i]: 1 - v**q  # noqa: E731
        scalar = nash_solution(fi, (d1[i], d2[i]), (a[i], 1 - a[i]))
        assert u[i] == pytest.approx(scalar.u1, abs=1e-11)
        ks = kalai_smorodinsky(fi, (d1[i], d2[i]))
        assert k[i] == pytest.approx(ks.u1, abs=1e-12)


def test_increasing_root_handles_a_jump_and_corners():
    a = np.linspace(0.1, 0.9, 9)
    r = increasing_root(lambda x: np.where(x < a, -1.0, 1.0), np.zeros(9), np.ones(9))
    assert np.abs(r - a).max() <= 1e-15
    # a frontier whose first-order condition does not change sign: the Nash point is at the range's end
    u = nash_many(lambda v: 1 - v, lambda v: -np.ones_like(v), 0.0, 0.0, np.array([0.9]), 0.0, 0.5)
    assert u.tolist() == [0.5]
