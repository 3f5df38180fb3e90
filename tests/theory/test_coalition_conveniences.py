"""Conveniences of the coalition functions (issue 16): a TUGame needs no ``n``; veto players by label; a
WeightedGame as input to every power function, giving the same numbers as its weights and quota."""

from __future__ import annotations

import pytest

from sco_games.theory import (
    banzhaf,
    coleman_indices,
    coleman_power_to_act,
    core,
    nucleolus,
    shapley_shubik,
    shapley_value,
    tu_game,
    weighted_game,
)

GLOVE = {frozenset({0, 1}): 1, frozenset({0, 2}): 1, frozenset({0, 1, 2}): 1}
LABELS = ["China", "Russia", "Kazakhstan"]


def test_tu_game_functions_need_no_n():
    g = tu_game(GLOVE, 3)
    assert shapley_value(g).x == shapley_value(GLOVE, 3).x
    assert core(g).point == core(GLOVE, 3).point
    assert nucleolus(g).x == nucleolus(GLOVE, 3).x
    # the glove game by hand: Shapley (2/3, 1/6, 1/6)
    assert shapley_value(g).x == pytest.approx((2 / 3, 1 / 6, 1 / 6))


def test_mapping_without_n_says_n_is_needed():
    with pytest.raises(ValueError, match=r"n is needed for a mapping or callable v"):
        shapley_value(GLOVE)


def test_tu_game_with_a_different_n_is_an_error():
    with pytest.raises(ValueError, match=r"does not match the TUGame's players"):
        shapley_value(tu_game(GLOVE, 3), 4)


def test_veto_players_by_label():
    # three players, quota 2 and China a veto player: China must be in every winning coalition
    by_label = shapley_shubik([1, 1, 1], 2, veto_players=["China"], labels=LABELS)
    by_index = shapley_shubik([1, 1, 1], 2, veto_players=[0], labels=LABELS)
    assert by_label.counts == by_index.counts and by_label.veto_players == (0,)
    # by hand: of the 6 orderings China is pivotal in 4 (second or third after one other), each other in 1
    assert by_label.counts == (4, 1, 1)


@pytest.mark.parametrize("bad, msg", [
    (["Mongolia"], r"'Mongolia' is not a player label \(labels: \['China', 'Russia', 'Kazakhstan'\]\)"),
    ("China", r"must be a sequence of players"),
])
def test_bad_veto_label_is_a_clear_error(bad, msg):
    with pytest.raises(ValueError, match=msg):
        weighted_game([1, 1, 1], 2, veto_players=bad, labels=LABELS)


def test_veto_label_without_labels_says_so():
    with pytest.raises(ValueError, match="no labels given"):
        weighted_game([1, 1, 1], 2, veto_players=["China"])


def test_a_weighted_game_is_accepted_by_every_power_function():
    eec = ([4, 4, 4, 2, 2, 1], 12)  # EEC Council of Ministers 1958
    g = weighted_game(*eec)
    assert shapley_shubik(g) == shapley_shubik(*eec)
    assert banzhaf(g) == banzhaf(*eec)
    assert banzhaf(g, normalized=False) == banzhaf(*eec, normalized=False)
    assert coleman_power_to_act(g) == coleman_power_to_act(*eec)
    assert coleman_indices(g) == coleman_indices(*eec)
    assert banzhaf(g).counts == (10, 10, 10, 6, 6, 0)  # published: Felsenthal & Machover (1998)


def test_a_weighted_game_with_a_quota_too_is_refused():
    with pytest.raises(ValueError, match="a WeightedGame carries its quota"):
        shapley_shubik(weighted_game([1, 1], 2), 2)


def test_weights_without_a_quota_say_the_quota_is_needed():
    with pytest.raises(ValueError, match="quota is needed"):
        banzhaf([1, 1, 1])
