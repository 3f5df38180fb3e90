"""Tests for sco_games.theory.repeated: grim-trigger thresholds vs textbook numbers and explicit payoffs."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sco_games.theory.repeated import (
    critical_discount_factor,
    grim_trigger_threshold,
    minmax_values,
    pure_nash_profiles,
    sustainable,
    sustaining_interval,
)


def pd(T, R, P, S):
    """Symmetric Prisoner's Dilemma, strategies (Cooperate, Defect)."""
    A = np.array([[R, S], [T, P]], dtype=float)
    return A, A.T


def test_axelrod_prisoners_dilemma():
    # Axelrod (1984) payoffs T=5, R=3, P=1, S=0: grim trigger needs delta >= (5-3)/(5-1) = 1/2
    A, B = pd(5, 3, 1, 0)
    r = critical_discount_factor(A, B, profile=(0, 0))
    assert r.delta_star == 0.5
    assert r.thresholds == (0.5, 0.5)
    assert r.cooperative == (3.0, 3.0) and r.deviation == (5.0, 5.0) and r.punishment_payoffs == (1.0, 1.0)
    assert r.best_deviation == (1, 1)
    assert r.punishment_profiles == ((1, 1), (1, 1))
    assert r.binding_player in (0, 1)


def test_gibbons_prisoners_dilemma():
    # Gibbons (1992, Game Theory for Applied Economists, §2.3.B): payoffs (4,4), (0,5), (5,0), (1,1);
    # the trigger strategy is a subgame-perfect equilibrium iff delta >= 1/4.
    A, B = pd(5, 4, 1, 0)
    assert critical_discount_factor(A, B, profile=(0, 0)).delta_star == pytest.approx(0.25)
    assert sustainable(A, B, (0, 0), 0.25)
    assert not sustainable(A, B, (0, 0), 0.2499)


def test_asymmetric_game_binding_player():
    # Hand-derived: row R=3, best deviation 6 (row 2), Nash (1, 1) gives row 1 -> (6-3)/(6-1) = 0.6;
    # column R=4, deviation 5, Nash gives column 2 -> (5-4)/(5-2) = 1/3. Binding: row player, delta* = 0.6.
    A = np.array([[3, 0], [6, 1]], dtype=float)
    B = np.array([[4, 5], [0, 2]], dtype=float)
    assert pure_nash_profiles(A, B) == [(1, 1)]
    r = critical_discount_factor(A, B, profile=(0, 0))
    assert r.thresholds == pytest.approx((0.6, 1 / 3))
    assert r.delta_star == pytest.approx(0.6) and r.binding_player == 0


def test_player_specific_nash_reversion_uses_worst_equilibrium_for_deviator():
    # 3x3 with two pure stage NE, (1, 1) pays (2, 0) and (2, 2) pays (0, 2); hand-derived thresholds:
    # row: R=3, T=5 (row 1 vs col 0), worst NE for row is (2, 2) with P=0 -> 2/5;
    # col: R=3, T=4 (col 2 vs row 0), worst NE for col is (1, 1) with P=0 -> 1/4.
    A = np.array([[3, -1, -1], [5, 2, -1], [-1, -1, 0]], dtype=float)
    B = np.array([[3, -1, 4], [-1, 0, -1], [-1, -1, 2]], dtype=float)
    assert pure_nash_profiles(A, B) == [(1, 1), (2, 2)]
    r = critical_discount_factor(A, B, profile=(0, 0))
    assert r.punishment_profiles == ((2, 2), (1, 1))
    assert r.thresholds == pytest.approx((0.4, 0.25))
    # reverting to a fixed equilibrium instead: (1, 1) gives row P=2 -> (5-3)/(5-2) = 2/3, col P=0 -> 1/4
    fixed = critical_discount_factor(A, B, profile=(0, 0), punishment=(1, 1))
    assert fixed.thresholds == pytest.approx((2 / 3, 0.25)) and fixed.delta_star == pytest.approx(2 / 3)


def test_profile_already_stage_nash_gives_zero():
    A, B = pd(5, 3, 1, 0)
    r = critical_discount_factor(A, B, profile=(1, 1))
    assert r.delta_star == 0.0 and r.delta_upper == 1.0 and r.binding_player is None
    assert "stage Nash" in r.reason
    assert r.best_deviation == (None, None) and r.punishment_profiles == ((1, 1), (1, 1))
    assert sustainable(A, B, (1, 1), 0.01)


def test_no_delta_when_cooperation_pays_less_than_punishment():
    # profile (0, 0) pays the row player 1 < its Nash payoff 2 at (1, 1), and the row player gains by
    # deviating (T=2 > R=1)
    A = np.array([[1, 0], [2, 2]], dtype=float)
    B = np.array([[3, 0], [0, 1]], dtype=float)
    r = critical_discount_factor(A, B, profile=(0, 0))
    assert r.delta_star is None and r.thresholds[0] is None and r.binding_player == 0
    assert "no delta" in r.reason
    assert not r.sustainable_for_some_delta
    assert not sustainable(A, B, (0, 0), 0.999)


def test_minmax_punishment_and_matching_pennies():
    # Matching Pennies has value 0 (von Neumann); no pure NE, so Nash reversion is unavailable.
    A = np.array([[1, -1], [-1, 1]], dtype=float)
    assert minmax_values(A) == pytest.approx((0.0, 0.0), abs=1e-9)
    with pytest.raises(ValueError, match="pure stage Nash"):
        critical_discount_factor(A, profile=(0, 0))
    r = critical_discount_factor(A, profile=(0, 0), punishment="minmax")
    # row already gets its best (1); column gets -1 < minmax 0 and gains by deviating: never sustainable
    assert r.thresholds[0] == 0.0 and r.thresholds[1] is None and r.delta_star is None


def test_minmax_is_harsher_than_nash_reversion():
    # Hand-derived. First a PD-like game where minmax equals the Nash payoff: A = [[4, -2], [6, 1]];
    # min_y max(6y - 2, 5y + 1) = 1 at y = 0, the unique stage NE (1, 1) pays 1: both give (6-4)/(6-1).
    A = np.array([[4, -2], [6, 1]], dtype=float)
    B = A.T.copy()
    assert pure_nash_profiles(A, B) == [(1, 1)]
    vals = minmax_values(A, B)
    assert vals == pytest.approx((1.0, 1.0), abs=1e-9)
    nash = critical_discount_factor(A, B, (0, 0))
    harsh = critical_discount_factor(A, B, (0, 0), punishment="minmax")
    assert nash.delta_star == pytest.approx(2 / 5)  # (6 - 4)/(6 - 1)
    assert harsh.delta_star == pytest.approx(2 / 5)
    C = np.array([[4, 1, -5], [6, 2, -5], [-9, -9, -9]], dtype=float)  # a third, awful column for the row
    D = np.array([[4, 3, -9], [1, 2, -9], [0, 0, -9]], dtype=float)
    assert pure_nash_profiles(C, D) == [(1, 1)]
    r_nash = critical_discount_factor(C, D, (0, 0))  # row: (6-4)/(6-2) = 1/2
    r_mm = critical_discount_factor(C, D, (0, 0), punishment="minmax")  # row minmax -5: 2/11
    assert r_nash.thresholds[0] == pytest.approx(0.5)
    assert r_mm.punishment_payoffs[0] == pytest.approx(-5.0, abs=1e-9)
    assert r_mm.thresholds[0] == pytest.approx(2 / 11, abs=1e-9)


def test_game_object_and_labels():
    A, B = pd(5, 3, 1, 0)
    game = SimpleNamespace(A=A, B=B, strategies=(("C", "D"), ("C", "D")))
    r = critical_discount_factor(game, profile=("C", "C"), punishment=("D", "D"))
    assert r.delta_star == 0.5 and r.profile == (0, 0) and r.punishment_profiles == ((1, 1), (1, 1))


def test_mixed_nash_reversion_and_normal_form_game():
    # Hand-derived 3x3: Battle of the Sexes on (a, b) plus a cooperative (c, c) = (3, 3) with temptation 4.
    # Pure NE (a, a) = (2, 1), (b, b) = (1, 2); mixed NE x = (2/3, 1/3, 0), y = (1/3, 2/3, 0) pays (2/3, 2/3).
    # Pure Nash reversion: P = 1 each -> (4-3)/(4-1) = 1/3; with the mixed NE: P = 2/3 -> 1/(4 - 2/3) = 0.3.
    from sco_games.theory.games import NormalFormGame

    A = [[2, 0, 4], [0, 1, 0], [0, 0, 3]]
    B = [[1, 0, 0], [0, 2, 0], [4, 0, 3]]
    assert critical_discount_factor(A, B, (2, 2)).delta_star == pytest.approx(1 / 3)
    mixed = critical_discount_factor(A, B, (2, 2), punishment="nash_mixed")
    assert mixed.punishment_payoffs == pytest.approx((2 / 3, 2 / 3))
    assert mixed.delta_star == pytest.approx(0.3)
    game = NormalFormGame(A, B, players=("R", "C"), strategies=(("a", "b", "c"), ("a", "b", "c")))
    assert critical_discount_factor(game, profile=("c", "c")).delta_star == pytest.approx(1 / 3)
    # Matching Pennies has only the mixed NE paying (0, 0)
    mp = critical_discount_factor([[1, -1], [-1, 1]], profile=(0, 0), punishment="nash_mixed")
    assert mp.punishment_payoffs == pytest.approx((0.0, 0.0), abs=1e-12) and mp.delta_star is None


def test_zero_sum_default():
    A = np.array([[2, 0], [3, 1]], dtype=float)  # B = -A: row's dominant strategy 1, column's column 1
    r = critical_discount_factor(A, profile=(1, 1))
    assert r.delta_star == 0.0


def test_punishment_better_than_cooperation_gives_upper_bound():
    # Hand-derived 3x3: profile (0, 0) pays (3, 1); row gains by deviating (T=5), column does not (T=0 < R=1).
    # Unique pure NE (1, 1) pays (1, 2). Row: delta >= (5-3)/(5-1) = 1/2. Column: deviating costs 1 now but
    # brings P=2 > R=1 forever: 1 >= (1 - delta) 0 + 2 delta  <=>  delta <= 1/2. So exactly delta = 1/2.
    A = np.array([[3, 0, 0], [5, 1, 0], [0, 0, -1]], dtype=float)
    B = np.array([[1, 0, 0], [0, 2, 0], [0, 0, -1]], dtype=float)
    assert pure_nash_profiles(A, B) == [(1, 1)]
    r = critical_discount_factor(A, B, (0, 0))
    assert r.thresholds == (0.5, 0.0) and r.upper_bounds == (1.0, 0.5)
    assert r.delta_star == 0.5 and r.delta_upper == 0.5
    assert r.sustains(0.5) and not r.sustains(0.6) and not r.sustains(0.4)
    # make the row player's temptation bigger: incompatible conditions, no delta works
    A2 = A.copy()
    A2[1, 0] = 9
    r2 = critical_discount_factor(A2, B, (0, 0))
    assert r2.delta_star is None and "incompatible" in r2.reason


def test_grim_trigger_threshold_formula():
    assert grim_trigger_threshold(4, 3, 1) == pytest.approx(1 / 3)
    assert grim_trigger_threshold(3, 3, 1) == 0.0
    assert grim_trigger_threshold(4, 1, 1) is None
    assert sustaining_interval(1, 2, 3) == (0.0, 0.5)  # (R - T)/(P - T) = 1/2
    assert sustaining_interval(2, 2, 3) is None  # no stage cost to trigger a better punishment
    assert sustaining_interval(2, 2, 2) == (0.0, 1.0)
    with pytest.raises(ValueError, match="T must be finite"):
        grim_trigger_threshold(math.inf, 1, 0)


# ------------------------------------------------------------------------------------------------ errors


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.5, 2.0, math.nan, "x"])
def test_bad_delta(bad):
    A, B = pd(5, 3, 1, 0)
    with pytest.raises(ValueError, match="delta"):
        sustainable(A, B, (0, 0), bad)


def test_bad_shapes_and_profiles():
    A, B = pd(5, 3, 1, 0)
    with pytest.raises(ValueError, match="B must have the same shape"):
        critical_discount_factor(A, np.zeros((3, 2)))
    with pytest.raises(ValueError, match="A must be a non-empty 2-D"):
        critical_discount_factor(np.zeros(3))
    with pytest.raises(ValueError, match="A must be a non-empty 2-D"):
        critical_discount_factor(np.zeros((0, 2)))
    with pytest.raises(ValueError, match="finite"):
        critical_discount_factor([[1, math.nan], [0, 1]])
    with pytest.raises(ValueError, match=r"profile\[0\]"):
        critical_discount_factor(A, B, profile=(2, 0))
    with pytest.raises(ValueError, match="profile must be a pair"):
        critical_discount_factor(A, B, profile=(0,))
    with pytest.raises(ValueError, match="not a stage Nash"):
        critical_discount_factor(A, B, profile=(0, 0), punishment=(0, 1))
    with pytest.raises(ValueError, match="punishment must be"):
        critical_discount_factor(A, B, profile=(0, 0), punishment="worst")
    with pytest.raises(ValueError, match="punishment_payoffs"):
        critical_discount_factor(A, B, profile=(0, 0), punishment_payoffs=(1.0,))


# ------------------------------------------------------------------------------------------------ properties


def stream_check(A, B, profile, delta, P, horizon=4000):
    """Independent check by explicit payoff streams (truncated sums): no one-shot deviation pays."""
    i, j = profile
    t = np.arange(horizon)
    w = (1 - delta) * delta**t  # normalized discounting
    rows = [(k, j) for k in range(A.shape[0]) if k != i]
    cols = [(i, c) for c in range(A.shape[1]) if c != j]
    for who, M, alts in ((0, A, rows), (1, B, cols)):
        coop = np.sum(w * M[i, j])
        for prof in alts:
            dev = w[0] * M[prof] + np.sum(w[1:] * P[who])
            if dev > coop + 1e-9:
                return False
    return True


payoffs = arrays(np.int64, (3, 3), elements=st.integers(-5, 5))


@settings(max_examples=150, deadline=None)
@given(payoffs, payoffs, st.floats(0.05, 0.95))
def test_threshold_matches_explicit_streams(A, B, delta):
    A, B = A.astype(float), B.astype(float)
    nash = pure_nash_profiles(A, B)
    if not nash:
        return
    r = critical_discount_factor(A, B, profile=(0, 0))
    # with punishment payoffs from the result, explicit streams agree with the threshold rule
    expected = stream_check(A, B, (0, 0), delta, r.punishment_payoffs)
    if r.delta_star is not None and min(abs(delta - r.delta_star), abs(delta - r.delta_upper)) < 1e-6:
        return  # knife edge: truncation error decides
    assert r.sustains(delta) == expected
    # the punishments used are stage Nash equilibria, worst for the deviator among the pure ones
    # (unless the profile is itself a stage NE: then it is its own punishment)
    if (0, 0) in nash:
        assert r.delta_star == 0.0 and r.punishment_profiles == ((0, 0), (0, 0))
        return
    for who, prof in enumerate(r.punishment_profiles):
        assert prof in nash
        M = A if who == 0 else B
        assert r.punishment_payoffs[who] == min(M[p] for p in nash)


@settings(max_examples=100, deadline=None)
@given(payoffs, payoffs)
def test_pure_nash_profiles_are_mutual_best_responses(A, B):
    for i, j in pure_nash_profiles(A, B):
        assert A[i, j] == A[:, j].max() and B[i, j] == B[i, :].max()
    count = sum(A[i, j] == A[:, j].max() and B[i, j] == B[i, :].max() for i in range(3) for j in range(3))
    assert count == len(pure_nash_profiles(A, B))


def test_a_tie_names_both_players():
    A, B = pd(5, 3, 1, 0)  # symmetric: both thresholds (5 - 3)/(5 - 1) = 0.5
    r = critical_discount_factor(A, B, (0, 0))
    assert r.thresholds == (0.5, 0.5) and r.binding_players == (0, 1)
    assert "both players" in r.reason and "players 0 and 1" in r.reason and "0.5" in r.reason
    assert "player 0's incentive binds" not in r.reason


def test_no_tie_names_the_one_binding_player():
    A, B = pd(5, 3, 1, 0)
    A = A.copy()
    A[1, 0] = 6.0  # the row player's temptation is larger: (6 - 3)/(6 - 1) = 0.6 > 0.5
    r = critical_discount_factor(A, B, (0, 0))
    assert r.binding_player == 0 and r.binding_players == (0,)
    assert r.reason.startswith("player 0's incentive binds") and "0.6" in r.reason


def test_the_split_keeps_every_public_name_in_repeated():
    import sco_games.repeated as alias
    import sco_games.theory.discounting as discounting
    import sco_games.theory.repeated as repeated
    import sco_games.theory.stage_game as stage_game

    assert repeated.sustaining_interval is discounting.sustaining_interval is alias.sustaining_interval
    assert repeated.minmax_values is stage_game.minmax_values is alias.minmax_values
    assert set(repeated.__all__) >= {"GrimTriggerResult", "critical_discount_factor", "sustainable",
                                     "grim_trigger_threshold", "sustaining_interval", "pure_nash_profiles",
                                     "minmax_values"}
