"""The exact clipped winset area against closed forms, a fine quadrature and a large Monte Carlo."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import quad

from sco_games.models.enlargement.winset_area import clipped_winset_area


def _one(centres, q):
    return float(clipped_winset_area(np.array([centres], dtype=float), np.array([q], dtype=float))[0])


def test_closed_forms():
    assert _one([[0.1, -0.2]], [0.1, 0.3]) == pytest.approx(math.pi * 0.25, abs=1e-14)  # a disc inside
    assert _one([[1.0, 0.0]], [0.0, 0.0]) == pytest.approx(math.pi / 2, abs=1e-14)  # half in the square
    assert _one([[0.0, 0.0]], [3.0, 0.0]) == pytest.approx(4.0, abs=1e-14)  # covers the square
    # the lens of two circles of radius 0.5 centred 0.6 apart, both through q = (0, 0.4)
    lens = 2 * 0.25 * math.acos(0.6) - 0.3 * math.sqrt(4 * 0.25 - 0.36)
    assert _one([[-0.3, 0.0], [0.3, 0.0]], [0.0, 0.4]) == pytest.approx(lens, abs=1e-14)
    # a disc cut by one edge: the circular segment beyond y = 1 removed
    r, h = 0.6, 0.7  # centre (0, 0.7), the cap above y = 1 has height r - 0.3
    cap = r * r * math.acos(0.3 / r) - 0.3 * math.sqrt(r * r - 0.09)
    assert _one([[0.0, h]], [0.0, h - r]) == pytest.approx(math.pi * r * r - cap, abs=1e-13)


def _fine(centres, q):
    c, q = np.asarray(centres, float), np.asarray(q, float)
    r2 = ((c - q) ** 2).sum(1)

    def chord(x):
        if np.any((x - c[:, 0]) ** 2 > r2):
            return 0.0
        h = np.sqrt(r2 - (x - c[:, 0]) ** 2)
        return max(0.0, min(1.0, float(np.min(c[:, 1] + h))) - max(-1.0, float(np.max(c[:, 1] - h))))
    grid = np.linspace(-1, 1, 801)
    return sum(quad(chord, a, b, epsabs=1e-15, epsrel=1e-13, limit=200)[0]
               for a, b in zip(grid, grid[1:], strict=False))


@pytest.mark.parametrize("k", [1, 2, 3, 6])
def test_against_a_fine_quadrature(k):
    rng = np.random.default_rng(k)
    c, q = rng.uniform(-1.2, 1.2, (6, k, 2)), rng.uniform(-0.6, 0.6, (6, 2))
    got = clipped_winset_area(c, q)
    for i in range(6):
        assert got[i] == pytest.approx(_fine(c[i], q[i]), abs=1e-9)


def test_against_a_large_monte_carlo():
    rng = np.random.default_rng(0)
    c = np.array([[[-0.3, 0.4], [0.5, 0.2], [0.1, -0.6]]])
    q = np.array([[0.9, 0.9]])  # outside the centres' hull: a winset that crosses the square's edges
    area = clipped_winset_area(c, q)[0]
    x = rng.uniform(-1, 1, (2_000_000, 2))
    inside = np.ones(len(x), dtype=bool)
    for a in c[0]:
        inside &= ((x - a) ** 2).sum(1) < ((q[0] - a) ** 2).sum()
    p = inside.mean()
    assert 0.05 < p < 0.95
    assert abs(area / 4 - p) < 4 * math.sqrt(p * (1 - p) / len(x))
