"""sco_games.theory.interop: games from and to nashpy, QuantEcon and pygambit (issue 10).

Round trips (ours -> other library -> ours), `solve` on converted games, and the equilibria of a few games
against each library's own solver: nashpy support_enumeration (non-degenerate games only), pygambit
enummixed_solve (exact), QuantEcon support_enumeration / pure_nash_brute. pygambit and QuantEcon come with
the `oracle` extra; their tests skip without it.
"""

import subprocess
import sys
import warnings
from fractions import Fraction
from pathlib import Path

import nashpy
import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sco_games.theory import NormalFormGame, pure_equilibria, solve
from sco_games.theory.interop import (
    as_game,
    from_foreign,
    source_kind,
    to_nashpy,
    to_payoff_array,
    to_pygambit,
    to_quantecon,
)

oracle = pytest.mark.oracle

MP = NormalFormGame([[1, -1], [-1, 1]], players=("Matcher", "Mismatcher"),
                    strategies=(("Heads", "Tails"), ("Heads", "Tails")))
BOS = NormalFormGame([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Ann", "Bob"),
                     strategies=(("Opera", "Football"), ("Opera", "Football")))
# 3x3 coordination with opposed tastes: non-degenerate, 7 equilibria (3 pure, 4 mixed).
COORD3 = NormalFormGame([[3, 0, 0], [0, 2, 0], [0, 0, 1]], [[1, 0, 0], [0, 2, 0], [0, 0, 3]],
                        players=("West", "East"), strategies=(("a", "b", "c"), ("x", "y", "z")))
# 3x2 with non-integer payoffs of mixed scales, unequal numbers of strategies (catches transposes).
ODD = NormalFormGame([[2, 0.1], [1 / 3, 1], [5, -1e6]], [[1, 0], [0, 2.5], [3, 4]],
                     players=("Row player", "Column player"),
                     strategies=(("Top", "Middle", "Bottom"), ("Left", "Right")))
GAMES = {"matching_pennies": MP, "battle_of_the_sexes": BOS, "coordination_3x3": COORD3, "odd_3x2": ODD}
SOLVED = ("matching_pennies", "battle_of_the_sexes", "coordination_3x3")
EXPECTED_COUNTS = {"matching_pennies": 1, "battle_of_the_sexes": 3, "coordination_3x3": 7}

TRAPS = Path(__file__).resolve().parents[1] / "fixtures" / "games" / "nashpy_traps.yaml"


def same_set(ours, theirs, atol=1e-9):
    """Same equilibria (as (row, col) arrays), in any order."""
    theirs = [(np.asarray(x, float), np.asarray(y, float)) for x, y in theirs]
    if len(ours) != len(theirs):
        return False
    unused = list(range(len(theirs)))
    for x, y in ours:
        hit = next((i for i in unused if np.allclose(theirs[i][0], x, atol=atol)
                    and np.allclose(theirs[i][1], y, atol=atol)), None)
        if hit is None:
            return False
        unused.remove(hit)
    return True


def identical_results(r1, r2):
    if len(r1) != len(r2) or r1.degenerate != r2.degenerate:
        return False
    return all(np.array_equal(a.row, b.row) and np.array_equal(a.col, b.col)
               for a, b in zip(r1, r2, strict=True))


# ---------------------------------------------------------------- arrays, detection, errors


def test_source_kind_without_optional_libraries():
    assert source_kind(BOS) == "sco_games"
    assert source_kind(nashpy.Game([[1]])) == "nashpy"
    for obj in ([[1, 2]], np.zeros((2, 2)), (1, 2), "text", 3.0, None, {"A": 1}):
        assert source_kind(obj) is None


def test_duck_typed_objects_are_recognised():
    class LooksLikeNashpy:
        payoff_matrices = (np.eye(2), -np.eye(2))

    assert source_kind(LooksLikeNashpy()) == "nashpy"
    assert as_game(LooksLikeNashpy()) == NormalFormGame(np.eye(2))


def test_as_game_returns_our_game_itself_and_relabels_on_request():
    assert as_game(BOS) is BOS
    g = as_game(BOS, players=("A", "B"))
    assert g.players == ("A", "B") and g.strategies == BOS.strategies and np.array_equal(g.A, BOS.A)
    assert as_game(BOS, strategies=(("o", "f"), ("O", "F"))).players == BOS.players


def test_as_game_from_arrays():
    assert as_game([[1, -1], [-1, 1]]) == NormalFormGame([[1, -1], [-1, 1]])        # zero-sum
    assert as_game([BOS.A, BOS.B]) == NormalFormGame(BOS.A, BOS.B)                   # stack [A, B]
    assert as_game(np.stack([BOS.A, BOS.B]), players=BOS.players, strategies=BOS.strategies) == BOS
    with pytest.raises(ValueError, match="stack"):
        as_game(np.zeros((3, 2, 2, 2)))
    with pytest.raises(ValueError, match="stack"):
        as_game([1, 2, 3])
    with pytest.raises(TypeError, match="cannot convert"):
        as_game(object())
    with pytest.raises(ValueError, match="same shape"):
        as_game(_FakeNashpy([[1, 2]], [[1, 2, 3]]))


class _FakeNashpy:
    def __init__(self, A, B):
        self.payoff_matrices = (np.array(A), np.array(B))


def test_importing_interop_loads_no_optional_library():
    code = ("import sys, sco_games.theory.interop, sco_games.games; "
            "print(sorted(m for m in ('nashpy', 'quantecon', 'pygambit') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("module, func, hint", [
    ("pygambit", to_pygambit, "oracle"),
    ("quantecon", to_quantecon, "oracle"),
    ("nashpy", to_nashpy, "nashpy"),
])
def test_missing_library_gives_a_clear_import_error(monkeypatch, module, func, hint):
    monkeypatch.setitem(sys.modules, module, None)   # makes `import module` raise ImportError
    if module == "quantecon":
        monkeypatch.setitem(sys.modules, "quantecon.game_theory", None)
    with pytest.raises(ImportError, match=rf"{func.__name__} needs the optional package '{module}'.*{hint}"):
        func(BOS)


def test_solve_keeps_array_arguments_and_refuses_b_with_a_game():
    assert identical_results(solve(BOS.A, BOS.B), solve(BOS))
    assert from_foreign(BOS.A) is BOS.A and from_foreign(BOS) is BOS
    with pytest.raises(ValueError, match="B must be None"):
        solve(to_nashpy(BOS), BOS.B)


# ---------------------------------------------------------------- nashpy


@pytest.mark.parametrize("name", GAMES)
def test_nashpy_round_trip(name):
    g = GAMES[name]
    ng = to_nashpy(g)
    assert isinstance(ng, nashpy.Game)
    assert np.array_equal(ng.payoff_matrices[0], g.A) and np.array_equal(ng.payoff_matrices[1], g.B)
    back = as_game(ng)
    assert np.array_equal(back.A, g.A) and np.array_equal(back.B, g.B)
    assert back.players == ("Row", "Column")                      # nashpy has no labels
    assert as_game(ng, players=g.players, strategies=g.strategies) == g
    assert ng.zero_sum == g.is_zero_sum


def test_nashpy_zero_sum_game_from_one_matrix():
    assert as_game(nashpy.Game(MP.A)) == NormalFormGame(MP.A)


@pytest.mark.parametrize("name", GAMES)
def test_solve_accepts_a_nashpy_game(name):
    g = GAMES[name]
    assert identical_results(solve(nashpy.Game(g.A, g.B)), solve(g))


@pytest.mark.parametrize("name", SOLVED)
def test_equilibria_agree_with_nashpy_support_enumeration(name):
    g = GAMES[name]
    ng = to_nashpy(g)
    ours = solve(ng)
    assert not ours.degenerate and len(ours) == EXPECTED_COUNTS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")                           # non-degenerate: nashpy must not warn
        theirs = list(ng.support_enumeration())
    assert same_set(ours, theirs)


def test_one_line_check_exposes_a_nashpy_trap():
    """The point of issue 10: solve(nashpy.Game(A, B)) finds what nashpy's support enumeration drops."""
    case = next(c for c in yaml.safe_load(TRAPS.read_text()) if c["name"] == "support_enumeration_drops")
    ng = nashpy.Game(np.array(case["A"]), np.array(case["B"]))
    exact = [([float(Fraction(p)) for p in x], [float(Fraction(p)) for p in y])
             for x, y in case["equilibria"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert not same_set(list(ng.support_enumeration()), exact)
    assert same_set(solve(ng), exact, atol=1e-12)


# ---------------------------------------------------------------- pygambit


def gambit_equilibria(game):
    gbt = pytest.importorskip("pygambit")
    res = gbt.nash.enummixed_solve(game, rational=True)
    row, col = list(game.players)
    return [(np.array([float(p) for _, p in eq[row]]), np.array([float(p) for _, p in eq[col]]))
            for eq in res.equilibria]


@oracle
@pytest.mark.parametrize("name", GAMES)
def test_pygambit_round_trip_keeps_payoffs_and_labels(name):
    gbt = pytest.importorskip("pygambit")
    g = GAMES[name]
    pg = to_pygambit(g, title=name)
    assert isinstance(pg, gbt.StrategicGame) and pg.title == name
    assert list(pg.players) == list(g.players)
    assert [tuple(pg.get_strategies(p)) for p in pg.players] == list(g.strategies)
    assert source_kind(pg) == "pygambit"
    assert as_game(pg) == g


@oracle
def test_pygambit_gets_exact_decimal_payoffs():
    pytest.importorskip("pygambit")
    A, B = to_pygambit(ODD).to_arrays()
    assert A[0, 1] == Fraction(1, 10) and A[2, 1] == -10**6 and B[1, 1] == Fraction(5, 2)
    assert A[1, 0] == Fraction(str(1 / 3))                      # the float's shortest decimal form


@oracle
def test_pygambit_game_with_default_labels():
    gbt = pytest.importorskip("pygambit")
    pg = gbt.StrategicGame.from_arrays(BOS.A.astype(int), BOS.B.astype(int))
    g = as_game(pg)
    assert g.players == ("1", "2") and g.strategies == (("1", "2"), ("1", "2"))
    assert np.array_equal(g.A, BOS.A) and np.array_equal(g.B, BOS.B)
    pg_rational = gbt.StrategicGame.from_arrays([[Fraction(1, 3), 0]], [[0, Fraction(2, 3)]])
    assert as_game(pg_rational).A.tolist() == [[1 / 3, 0.0]]


@oracle
@pytest.mark.parametrize("name", GAMES)
def test_solve_accepts_a_pygambit_game(name):
    pytest.importorskip("pygambit")
    g = GAMES[name]
    assert identical_results(solve(to_pygambit(g)), solve(g))


@oracle
@pytest.mark.parametrize("name", SOLVED)
def test_equilibria_agree_with_pygambit_enummixed(name):
    pytest.importorskip("pygambit")
    pg = to_pygambit(GAMES[name])
    assert same_set(solve(pg), gambit_equilibria(pg), atol=1e-12)


@oracle
def test_pygambit_refuses_labels_it_cannot_hold():
    pytest.importorskip("pygambit")
    g = NormalFormGame(BOS.A, BOS.B, players=("Ann", " Bob"))
    with pytest.raises(ValueError, match="refuses a label"):
        to_pygambit(g)


@oracle
def test_pygambit_extensive_game_gives_its_strategic_form():
    gbt = pytest.importorskip("pygambit")
    eg = gbt.catalog.load("books/myerson1991/fig2_1")   # Myerson's simple poker (a chance move), shipped
    g = as_game(eg)
    assert g.players == ("Fred", "Alice") and g.shape == (4, 2)
    assert g.A[1, 0] == 0.5 and np.array_equal(g.B, -g.A)       # expected payoffs over the chance move
    assert same_set(solve(eg), [([1 / 3, 2 / 3, 0, 0], [2 / 3, 1 / 3])])
    assert same_set(solve(eg), gambit_equilibria(to_pygambit(g)))


@oracle
def test_pygambit_three_players():
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(3)
    arrs = rng.integers(-5, 6, (3, 2, 3, 2))
    pg = gbt.StrategicGame.from_arrays(*arrs)
    assert np.array_equal(to_payoff_array(pg), arrs)
    with pytest.raises(ValueError, match="3 players"):
        as_game(pg)
    with pytest.raises(ValueError, match="3 players"):
        solve(pg)


# ---------------------------------------------------------------- QuantEcon


def _qe():
    return pytest.importorskip("quantecon.game_theory")


@oracle
@pytest.mark.parametrize("name", GAMES)
def test_quantecon_round_trip_and_axis_convention(name):
    gt = _qe()
    g = GAMES[name]
    qg = to_quantecon(g)
    assert isinstance(qg, gt.NormalFormGame) and source_kind(qg) == "quantecon"
    # QuantEcon: each player's own action on axis 0; its payoff profile array is indexed like ours.
    assert np.array_equal(qg.players[0].payoff_array, g.A)
    assert np.array_equal(qg.players[1].payoff_array, g.B.T)
    assert np.array_equal(qg.payoff_profile_array, np.stack([g.A, g.B], axis=-1))
    back = as_game(qg)
    assert np.array_equal(back.A, g.A) and np.array_equal(back.B, g.B)
    assert as_game(qg, players=g.players, strategies=g.strategies) == g


@oracle
def test_quantecon_games_built_the_quantecon_way():
    gt = _qe()
    S = np.array([[3, 0], [5, 1]])                  # a square matrix: QuantEcon's symmetric game
    assert as_game(gt.NormalFormGame(S)) == NormalFormGame(S, S.T)
    profile = np.array([[[1, 4], [0, 0], [2, 2]], [[0, 1], [3, 5], [6, 0]]])   # (2, 3, 2): A[i, j], B[i, j]
    g = as_game(gt.NormalFormGame(profile))
    assert np.array_equal(g.A, profile[..., 0]) and np.array_equal(g.B, profile[..., 1])
    with pytest.raises(TypeError, match="not one"):
        as_game(gt.Player(S))                        # a QuantEcon object that is not a game


@oracle
@pytest.mark.parametrize("name", GAMES)
def test_solve_accepts_a_quantecon_game(name):
    _qe()
    g = GAMES[name]
    assert identical_results(solve(to_quantecon(g)), solve(g))


@oracle
@pytest.mark.parametrize("name", SOLVED)
def test_equilibria_agree_with_quantecon(name):
    gt = _qe()
    qg = to_quantecon(GAMES[name])
    ours = solve(qg)
    assert same_set(ours, gt.support_enumeration(qg))
    assert sorted(eq.support[0] + eq.support[1] for eq in ours if eq.is_pure) == sorted(
        tuple(map(int, profile)) for profile in gt.pure_nash_brute(qg)
    )


@oracle
def test_quantecon_three_players_axis_order():
    gt = _qe()
    rng = np.random.default_rng(5)
    profile = rng.integers(-3, 4, (2, 3, 4, 3))                  # (s_1, s_2, s_3, n), QuantEcon's layout
    qg = gt.NormalFormGame(profile)
    ours = to_payoff_array(qg)
    assert ours.shape == (3, 2, 3, 4)
    assert np.array_equal(ours, np.moveaxis(profile, -1, 0))
    assert pure_equilibria(ours) == sorted(gt.pure_nash_brute(qg))
    with pytest.raises(ValueError, match="3 players"):
        as_game(qg)


# ---------------------------------------------------------------- all libraries, random games

payoff = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False, width=64)


@st.composite
def games(draw):
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    A = draw(arrays(float, (m, n), elements=payoff))
    B = draw(arrays(float, (m, n), elements=payoff))
    return NormalFormGame(A, B, players=("P one", "P-two"),
                          strategies=(tuple(f"r{i}" for i in range(m)), tuple(f"c {j}" for j in range(n))))


@settings(max_examples=60, deadline=None)
@given(games())
def test_round_trips_are_exact_on_random_games(g):
    assert as_game(to_nashpy(g), players=g.players, strategies=g.strategies) == g
    try:
        import pygambit  # noqa: F401
    except ImportError:
        pass
    else:
        assert as_game(to_pygambit(g)) == g
    try:
        import quantecon.game_theory  # noqa: F401
    except ImportError:
        pass
    else:
        assert as_game(to_quantecon(g), players=g.players, strategies=g.strategies) == g


@oracle
def test_conversions_chain_between_libraries():
    pytest.importorskip("pygambit")
    _qe()
    chained = as_game(to_nashpy(to_quantecon(to_pygambit(ODD))))
    assert np.array_equal(chained.A, ODD.A) and np.array_equal(chained.B, ODD.B)
