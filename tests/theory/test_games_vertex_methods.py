"""The three ways of finding the vertices behind solve (every support pair, the reduced support systems,
qhull of the polar polytopes) and the plain-Python 2x2 path give the same equilibria as the reference
support enumeration of sco_games.theory.vertex (an independent oracle: no qhull, every candidate system
solved), on random and on degenerate games; qhull failures fall back; large games are not capped."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.spatial import QhullError

import sco_games.theory.labelled_vertices as lv
from sco_games.theory import vertex
from sco_games.theory.extreme import extreme_equilibria
from sco_games.theory.games import solve

TOL = 1e-9


def reference(A, B):
    sa, sb = (np.ptp(A) or 1.0), (np.ptp(B) or 1.0)
    raw = vertex.enumerate_batch(A[None], B[None], TOL, np.array([sa]), np.array([sb]))
    return raw.row, raw.col, bool(raw.degenerate[0])


def same_set(rows, cols, rows2, cols2, atol=1e-9):
    if len(rows) != len(rows2):
        return False
    unused = list(range(len(rows2)))
    for x, y in zip(rows, cols, strict=True):
        hit = next((i for i in unused
                    if np.allclose(rows2[i], x, atol=atol) and np.allclose(cols2[i], y, atol=atol)), None)
        if hit is None:
            return False
        unused.remove(hit)
    return True


@st.composite
def bimatrix(draw, min_size=1, max_size=6):
    m = draw(st.integers(min_size, max_size))
    n = draw(st.integers(min_size, max_size))
    kind = draw(st.sampled_from(["small integers", "zeros and ones", "reals"]))
    reals = st.floats(-10, 10, allow_nan=False, allow_infinity=False).map(lambda v: round(v, 6))
    elems = {"small integers": st.integers(-2, 2), "zeros and ones": st.integers(0, 1), "reals": reals}[kind]
    A = draw(arrays(np.float64, (m, n), elements=elems))
    B = draw(arrays(np.float64, (m, n), elements=elems))
    return A, B


@settings(max_examples=60, deadline=None)
@given(bimatrix(), st.sampled_from(["subsets", "reduced", "qhull", None]))
def test_every_vertex_method_matches_the_reference_enumeration(AB, method):
    A, B = AB
    if method == "qhull" and min(A.shape) < 2:
        method = "reduced"  # qhull needs two dimensions
    rows, cols, degenerate = reference(A, B)
    sa, sb = (np.ptp(A) or 1.0), (np.ptp(B) or 1.0)
    got = extreme_equilibria(A, B, TOL, sa, sb, vertices=method)
    assert got.degenerate == degenerate
    assert got.rejected == 0
    assert same_set(rows, cols, got.row, got.col)
    # same order too (support size, then supports): the listing does not depend on the method
    assert np.allclose(got.row, rows, atol=1e-9) and np.allclose(got.col, cols, atol=1e-9)


@settings(max_examples=200, deadline=None)
@given(bimatrix(min_size=2, max_size=2), st.sampled_from([1e-3, 1.0, 1e6]))
def test_two_by_two_path_has_the_reference_bits(AB, scale):
    A, B = AB[0] * scale, AB[1]
    rows, cols, degenerate = reference(A, B)
    res = solve(A, B)
    assert res.degenerate == degenerate
    assert np.array_equal(np.array([e.row for e in res]).reshape(-1, 2), rows)
    assert np.array_equal(np.array([e.col for e in res]).reshape(-1, 2), cols)


def test_qhull_failure_falls_back_to_the_support_systems(monkeypatch):
    rng = np.random.default_rng(4)
    A, B = rng.normal(size=(2, 7, 7))
    expected = extreme_equilibria(A, B, TOL, np.ptp(A), np.ptp(B))
    assert expected.vertices == "qhull"

    def broken(*args, **kwargs):
        raise QhullError("QH6154 Qhull precision error: initial simplex is flat (simulated)")

    monkeypatch.setattr(lv, "ConvexHull", broken)
    got = extreme_equilibria(A, B, TOL, np.ptp(A), np.ptp(B))
    assert got.vertices.startswith("reduced (qhull failed: QH6154")
    assert same_set(expected.row, expected.col, got.row, got.col, atol=1e-12)
    assert len(solve(A, B)) == len(expected.row)


def test_no_cap_below_fifteen_strategies():
    # the all-zeros game: every profile is an equilibrium; the extreme ones are the 13 x 13 pure profiles
    res = solve(np.zeros((13, 13)))
    assert res.degenerate and len(res) == 169 and all(e.is_pure for e in res)
    sub = res.nash_subsets()
    assert len(sub) == 1 and len(sub[0].equilibria) == 169


@pytest.mark.slow
def test_random_15x15_is_solved_and_verified():
    rng = np.random.default_rng(2026)
    A, B = rng.random((2, 15, 15))
    res = solve(A, B)
    assert not res.degenerate and len(res) % 2 == 1
    assert all(e.regret <= TOL for e in res)
