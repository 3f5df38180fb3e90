"""Cross-check against pygambit 17 (an independent implementation; test-only oracle, `oracle` extra).

pygambit's enummixed_solve(rational=True) enumerates the extreme equilibria of a bimatrix game in exact
rational arithmetic (all equilibria if the game is nondegenerate), which is what `solve` promises.
"""


import numpy as np
import pytest
import yaml

from sco_games.theory.games import pure_equilibria, solve, solve_batch
from tests.conftest import FIXTURES

gbt = pytest.importorskip("pygambit")

pytestmark = pytest.mark.oracle


def _dedup(profiles):
    """pygambit 17.0.0b2's enummixed lists some extreme equilibria of degenerate games twice (e.g. the
    4x3 game in test_pygambit_duplicates_are_removed); compare sets, so drop exact repeats."""
    out = []
    for x, y in profiles:
        if not any(np.array_equal(x, a) and np.array_equal(y, b) for a, b in out):
            out.append((x, y))
    return out


def gambit_extreme_equilibria(A, B):
    """Extreme equilibria by pygambit (exact arithmetic on integer or rational payoffs), deduplicated."""
    game = gbt.StrategicGame.from_arrays(A, B)
    res = gbt.nash.enummixed_solve(game, rational=True)
    row, col = list(game.players)
    return _dedup([
        (np.array([float(p) for _, p in eq[row]]), np.array([float(p) for _, p in eq[col]]))
        for eq in res.equilibria
    ])


def same_set(ours, theirs, atol=1e-9):
    if len(ours) != len(theirs):
        return False
    unused = list(range(len(ours)))
    for x, y in theirs:
        hit = next((i for i in unused if np.allclose(ours[i][0], x, atol=atol)
                    and np.allclose(ours[i][1], y, atol=atol)), None)
        if hit is None:
            return False
        unused.remove(hit)
    return True


def random_games(seed, count, max_size):
    """Half generic (integer payoffs in [-1000, 1000]), half degenerate-prone (payoffs in [-2, 2])."""
    rng = np.random.default_rng(seed)
    for t in range(count):
        m, n = rng.integers(1, max_size + 1, size=2)
        hi = 1000 if t % 2 == 0 else 2
        yield rng.integers(-hi, hi + 1, (m, n)), rng.integers(-hi, hi + 1, (m, n))


def _check(A, B):
    ours = solve(A.astype(float), B.astype(float))
    theirs = gambit_extreme_equilibria(A, B)
    assert same_set(ours, theirs), (A.tolist(), B.tolist(), ours, theirs)
    return ours


def test_random_games_match_pygambit():
    n_degenerate = 0
    for A, B in random_games(seed=20261128, count=50, max_size=4):
        n_degenerate += _check(A, B).degenerate
    assert n_degenerate >= 10  # the sample really contains degenerate games


def test_pygambit_duplicates_are_removed():
    # Found by the slow sweep: pygambit lists ((2/3, 1/3, 0, 0), (0, 1, 0)) twice; solve lists it once.
    A = np.array([[-2, 2, -1], [1, 2, 2], [0, 0, 2], [1, 1, 2]])
    B = np.array([[-1, -2, 0], [0, 2, -2], [-2, 1, 2], [-1, -1, 1]])
    raw = gbt.nash.enummixed_solve(gbt.StrategicGame.from_arrays(A, B), rational=True).equilibria
    ours = _check(A, B)
    assert len(raw) == 7 and len(ours) == 6 and ours.degenerate


def test_solve_batch_matches_pygambit_on_3x3():
    rng = np.random.default_rng(11)
    A = rng.integers(-3, 4, (40, 3, 3))
    B = rng.integers(-3, 4, (40, 3, 3))
    res = solve_batch(A.astype(float), B.astype(float))
    for i in range(len(A)):
        assert same_set(res[i], gambit_extreme_equilibria(A[i], B[i]))


def test_literature_cases_match_pygambit():
    cases = yaml.safe_load((FIXTURES / "games/literature.yaml").read_text())
    for case in cases:
        if case["name"].startswith("von_stengel_1999"):
            continue  # the same games are checked in test_gambit_catalog_two_player_games

        def matrix(spec):
            return np.eye(6, dtype=int) if spec == "identity_6" else np.array(spec)

        A = matrix(case["A"])
        B = -A if case.get("B") is None else matrix(case["B"])
        _check(A, B)


def test_solve_batch_on_a_parameter_grid_with_boundaries():
    """A 3x3 family over an 11 x 11 grid (s, t in {-1, -4/5, ..., 1}): many grid points lie exactly on
    boundaries between equilibrium regions (degenerate games). Compared with pygambit on exact fractions."""
    from fractions import Fraction as F

    grid = [F(i, 5) for i in range(-5, 6)]

    def family(s, t):
        A = [[s, 0, 1], [1, t, 0], [0, 1, s + t]]
        B = [[t, 1, 0], [0, s, 1], [1, 0, F(1, 2)]]
        return np.array(A, dtype=object), np.array(B, dtype=object)

    games = [family(s, t) for s in grid for t in grid]
    A = np.array([a.astype(float) for a, _ in games]).reshape(11, 11, 3, 3)
    B = np.array([b.astype(float) for _, b in games]).reshape(11, 11, 3, 3)
    res = solve_batch(A, B)
    assert 10 <= res.degenerate.sum() < 121
    for k, (a, b) in enumerate(games):
        i, j = divmod(k, 11)
        assert same_set(res[i, j], gambit_extreme_equilibria(a, b)), (grid[i], grid[j])


def _key(x, y):
    return tuple(np.round(np.concatenate([x, y]), 9))


def test_nash_subsets_match_pygambit_cliques():
    """Maximal Nash subsets (Avis et al. 2010) vs pygambit's enummixed cliques on degenerate games."""
    n_multi = 0
    for A, B in random_games(seed=99, count=60, max_size=4):
        if not (A.shape[0] > 1 and A.shape[1] > 1):
            continue
        ours = solve(A.astype(float), B.astype(float))
        game = gbt.StrategicGame.from_arrays(A, B)
        row, col = list(game.players)
        res = gbt.nash.enummixed_solve(game, rational=True, cliques=True)
        theirs = {
            frozenset(
                _key(np.array([float(v) for _, v in prof[row]]),
                     np.array([float(v) for _, v in prof[col]]))
                for prof in clique
            )
            for clique in res.cliques
        }
        mine = {
            frozenset(_key(ours[k].row, ours[k].col) for k in sub.equilibria) for sub in ours.nash_subsets()
        }
        assert mine == theirs, (A.tolist(), B.tolist())
        n_multi += any(len(c) > 1 for c in mine)
    assert n_multi >= 5  # the sample contains games with continua of equilibria


def _catalog_bimatrix_games():
    names = list(gbt.catalog.games()["Game"])
    out = []
    for name in names:
        g = gbt.catalog.load(name)
        if len(g.players) == 2:
            out.append(name)
    return out


@pytest.mark.parametrize("name", _catalog_bimatrix_games())
def test_gambit_catalog_two_player_games(name):
    """Every two-player game of gambit's catalog (strategic form of the extensive ones), each citing its
    published source in the catalog; extensive-form games give degenerate strategic forms."""
    g = gbt.catalog.load(name)
    A, B = (np.array(M, dtype=object) for M in g.to_arrays())
    ours = solve(A.astype(float), B.astype(float))
    theirs = gbt.nash.enummixed_solve(gbt.StrategicGame.from_arrays(A, B), rational=True).equilibria
    theirs = [tuple(np.array([float(p) for _, p in eq[pl]]) for pl in eq.game.players) for eq in theirs]
    assert same_set(ours, _dedup(theirs))


def test_pure_equilibria_match_pygambit_nplayer():
    rng = np.random.default_rng(5)
    for t in range(20):
        shape = tuple(rng.integers(1, 4, size=int(rng.integers(2, 5))))
        payoffs = rng.integers(0, 3 if t % 2 else 50, (len(shape),) + shape)
        game = gbt.StrategicGame.from_arrays(*payoffs)
        theirs = gbt.nash.enumpure_solve(game).equilibria
        theirs = sorted(
            tuple(int(np.argmax([float(p) for _, p in eq[pl]])) for pl in game.players) for eq in theirs
        )
        assert pure_equilibria(payoffs) == theirs


@pytest.mark.slow
def test_random_games_match_pygambit_sweep():
    for A, B in random_games(seed=7, count=600, max_size=6):
        _check(A, B)
