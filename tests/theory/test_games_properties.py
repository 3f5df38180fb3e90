"""Property tests (hypothesis): verified equilibria, invariance under rescaling and relabelling,
solve_batch == solve."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sco_games.theory.games import solve, solve_batch


def _same_set(res1, res2, atol=1e-7):
    if len(res1) != len(res2):
        return False
    unused = list(range(len(res2)))
    for x, y in res1:
        hit = next((i for i in unused if np.allclose(res2[i][0], x, atol=atol)
                    and np.allclose(res2[i][1], y, atol=atol)), None)
        if hit is None:
            return False
        unused.remove(hit)
    return True


@st.composite
def bimatrix(draw, max_size=4):
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(1, max_size))
    if draw(st.booleans()):  # small integers: ties and degenerate games are common
        elems = st.integers(-2, 2)
    else:  # generic reals, on a 1e-6 grid: differences far below the range are float noise (and are
        # treated as ties, see solve's docstring), so they could not survive a rescaling anyway
        elems = st.floats(-10, 10, allow_nan=False, allow_infinity=False).map(lambda v: round(v, 6))
    A = draw(arrays(np.float64, (m, n), elements=elems))
    B = draw(arrays(np.float64, (m, n), elements=elems))
    return A, B


@settings(max_examples=80, deadline=None)
@given(bimatrix())
def test_every_equilibrium_is_verified_and_unique(AB):
    A, B = AB
    res = solve(A, B)
    assert len(res) >= 1  # Nash (1951): every finite game has an equilibrium
    sa = np.ptp(A) or 1.0
    sb = np.ptp(B) or 1.0
    for eq in res:
        x, y = eq
        assert np.isclose(x.sum(), 1) and np.isclose(y.sum(), 1) and (x >= 0).all() and (y >= 0).all()
        Ay, xB = A @ y, x @ B
        assert Ay.max() - x @ Ay <= 1e-9 * sa
        assert xB.max() - xB @ y <= 1e-9 * sb
    for i in range(len(res)):
        for j in range(i):
            assert not (np.allclose(res[i].row, res[j].row, atol=1e-9)
                        and np.allclose(res[i].col, res[j].col, atol=1e-9))
    if not res.degenerate:  # nondegenerate games have an odd number of equilibria (Lemke-Howson 1964)
        assert len(res) % 2 == 1


@settings(max_examples=60, deadline=None)
@given(bimatrix(), st.sampled_from([1e-3, 1e6, 0.37, 250.0]), st.floats(-100, 100), st.booleans())
def test_invariant_under_positive_affine_rescaling(AB, scale, shift, row_player):
    A, B = AB
    ref = solve(A, B)
    A2, B2 = (A * scale + shift * scale, B) if row_player else (A, B * scale + shift * scale)
    res = solve(A2, B2)
    assert res.degenerate == ref.degenerate
    assert _same_set(ref, res)


@settings(max_examples=60, deadline=None)
@given(bimatrix(), st.randoms(use_true_random=False))
def test_invariant_under_relabelling(AB, rnd):
    A, B = AB
    m, n = A.shape
    p = list(range(m))
    q = list(range(n))
    rnd.shuffle(p)
    rnd.shuffle(q)
    ref = solve(A, B)
    res = solve(A[np.ix_(p, q)], B[np.ix_(p, q)])
    # new row i is old row p[i]: old x = x_new placed back at positions p
    back = []
    for x, y in res:
        xo, yo = np.empty(m), np.empty(n)
        xo[p], yo[q] = x, y
        back.append((xo, yo))
    assert res.degenerate == ref.degenerate
    assert _same_set(ref, back)


@settings(max_examples=40, deadline=None)
@given(bimatrix())
def test_transposed_game_swaps_players(AB):
    A, B = AB
    ref = solve(A, B)
    res = solve(B.T, A.T)
    assert res.degenerate == ref.degenerate
    assert _same_set(ref, [(y, x) for x, y in res])


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 30), st.integers(0, 2**32 - 1), st.booleans())
def test_solve_batch_equals_solve(m, n, N, seed, integer):
    rng = np.random.default_rng(seed)
    if integer:
        A, B = rng.integers(-2, 3, (2, N, m, n)).astype(float)
    else:
        A, B = rng.normal(size=(2, N, m, n))
    batch = solve_batch(A, B)
    assert batch.counts.shape == (N,)
    assert (batch.mask.sum(axis=1) == batch.counts).all()
    for i in range(N):
        single = solve(A[i], B[i])
        assert batch.degenerate[i] == single.degenerate
        assert batch.counts[i] == len(single)
        assert _same_set(single, batch[i], atol=1e-12)
        k = batch.counts[i]
        assert np.allclose(batch.row[i, :k], [e.row for e in single])
        assert np.isnan(batch.row[i, k:]).all()
        assert np.allclose(batch.payoffs[i, :k], [e.payoffs for e in single])
        assert (batch.pure[i, :k] == [e.is_pure for e in single]).all()


def test_solve_batch_keeps_grid_shape():
    rng = np.random.default_rng(3)
    A, B = rng.normal(size=(2, 4, 5, 3, 3))
    res = solve_batch(A, B)
    assert res.counts.shape == (4, 5) and res.row.shape[:2] == (4, 5) and res.row.shape[-1] == 3
    single = solve(A[2, 3], B[2, 3])
    assert _same_set(single, res[2, 3], atol=1e-12)
    assert len(res.equilibria()) == 20
    assert _same_set(single, res.equilibria()[2 * 5 + 3], atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(bimatrix(), st.integers(0, 2**32 - 1))
def test_points_of_nash_subsets_are_equilibria(AB, seed):
    # Every profile in conv(rows) x conv(cols) of a maximal Nash subset is an equilibrium (Avis et al.
    # 2010), and the subsets cover every extreme equilibrium.
    A, B = AB
    res = solve(A, B)
    subsets = res.nash_subsets()
    assert sorted({k for sub in subsets for k in sub.equilibria}) == list(range(len(res)))
    if not res.degenerate:
        assert all(len(sub.equilibria) == 1 for sub in subsets)
    rng = np.random.default_rng(seed)
    sa, sb = (np.ptp(A) or 1.0), (np.ptp(B) or 1.0)
    for sub in subsets:
        x = rng.dirichlet(np.ones(len(sub.rows))) @ sub.rows
        y = rng.dirichlet(np.ones(len(sub.cols))) @ sub.cols
        Ay, xB = A @ y, x @ B
        assert Ay.max() - x @ Ay <= 1e-8 * sa and xB.max() - xB @ y <= 1e-8 * sb
