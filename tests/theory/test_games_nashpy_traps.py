"""Regression: the nashpy 0.0.43 traps (DESIGN.md, Known traps) do not affect `solve`.

Games and exact equilibria: tests/data/games/nashpy_traps.yaml (found by a seeded search; exact answers
from pygambit's enummixed_solve, rational). nashpy is pinned (==0.0.43) in pyproject, so its wrong answers
here are reproducible; each test checks both that the trap is real and that we are right.
"""

import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pytest
import yaml

from sco_games.theory.games import solve
from tests.conftest import FIXTURES

DATA = FIXTURES / "games" / "nashpy_traps.yaml"
CASES = {c["name"]: c for c in yaml.safe_load(DATA.read_text())}


def _expected(case):
    return [(np.array([float(Fraction(p)) for p in x]), np.array([float(Fraction(p)) for p in y]))
            for x, y in case["equilibria"]]


def _regret(A, B, x, y):
    Ay, xB = A @ y, x @ B
    return max(Ay.max() - x @ Ay, xB.max() - xB @ y)


def _check_ours(A, B, case):
    res = solve(A, B)
    assert not res.degenerate
    exp = _expected(case)
    assert len(res) == len(exp)
    for (x, y), eq in zip(exp, res, strict=True):
        assert np.allclose(eq.row, x, atol=1e-12) and np.allclose(eq.col, y, atol=1e-12)


def test_support_enumeration_drops_an_equilibrium_we_find():
    case = CASES["support_enumeration_drops"]
    A, B = np.array(case["A"], float), np.array(case["B"], float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(nashpy.Game(A, B).support_enumeration())
    assert len(theirs) < len(case["equilibria"])  # the trap: nashpy misses it
    _check_ours(A, B, case)


def test_vertex_enumeration_false_equilibria_at_scale_1e6():
    case = CASES["vertex_enumeration_false_at_1e6"]
    A, B = np.array(case["A"], float), np.array(case["B"], float)
    s = case["scale"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(nashpy.Game(A * s, B * s).vertex_enumeration())
    rng = max(np.ptp(A), np.ptp(B))
    false = [(x, y) for x, y in theirs if _regret(A, B, x, y) > 1e-6 * rng]
    assert false  # the trap: nashpy returns profiles that are not equilibria
    _check_ours(A * s, B * s, case)
    _check_ours(A, B, case)
    for eq in solve(A * s, B * s):
        assert eq.regret <= 1e-9 * s * rng


@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e6])
def test_no_false_equilibria_across_scales(scale):
    rng = np.random.default_rng(7)
    for _ in range(20):
        A, B = rng.integers(-9, 10, (2, 4, 4)).astype(float) * scale
        for eq in solve(A, B):
            assert eq.regrets[0] <= 1e-9 * np.ptp(A) and eq.regrets[1] <= 1e-9 * np.ptp(B)
