"""Results that explain themselves and inputs checked where they enter (issue 16): an equilibrium remembers
its game, a SolveResult prints as a table, Nash subsets in words, reprs free of ``np.float64`` and ``-0.0``;
``NormalFormGame`` and ``regrets`` refuse malformed input with the expected shape in the message."""

from __future__ import annotations

import numpy as np
import pytest

from sco_games.theory import NormalFormGame, solve, solve_batch

BOS = NormalFormGame([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Ann", "Bob"),
                     strategies=(("Opera", "Football"), ("Opera", "Football")))
# von Stengel (2007), ch. 3: a degenerate 3 x 2 game with a continuum of equilibria (R1 against C1..2/3 C1)
DEG_A = [[3, 3], [2, 5], [0, 6]]
DEG_B = [[3, 3], [2, 6], [3, 1]]


def test_label_without_argument_uses_the_solved_game():
    eqs = solve(BOS)
    assert [eq.label() for eq in eqs] == [
        "Ann: Opera; Bob: Opera",
        "Ann: Football; Bob: Football",
        "Ann: 2/3 Opera + 1/3 Football; Bob: 1/3 Opera + 2/3 Football",
    ]
    assert all(eq.game is BOS for eq in eqs)


def test_label_from_solve_batch_knows_its_game():
    batch = solve_batch(np.stack([DEG_A, DEG_A]), np.stack([DEG_B, DEG_B]))
    assert batch[1][0].label() == "Row: R1; Column: C1"


def test_label_with_a_relabelled_game_of_the_same_payoffs_is_allowed():
    eq = solve(DEG_A, DEG_B)[2]
    named = NormalFormGame(DEG_A, DEG_B, players=("P", "Q"), strategies=(("a", "b", "c"), ("x", "y")))
    assert eq.label(named) == "P: 1/3 b + 2/3 c; Q: 1/3 x + 2/3 y"


def test_label_with_another_game_says_it_does_not_match():
    eq = solve(DEG_A, DEG_B)[0]
    with pytest.raises(ValueError, match=r"does not match.*2 x 2.*3 x 2"):
        eq.label(BOS)
    other = NormalFormGame(DEG_A, [[3, 3], [2, 6], [3, 2]])
    with pytest.raises(ValueError, match="does not match.*payoffs differ"):
        eq.label(other)


def test_hand_made_equilibrium_label_asks_for_the_game():
    eq = solve(BOS)[0]
    from dataclasses import replace

    bare = replace(eq, game=None)
    with pytest.raises(ValueError, match=r"pass eq.label\(game\)"):
        bare.label()
    assert bare.label(BOS) == "Ann: Opera; Bob: Opera"


def test_solve_result_prints_as_a_table():
    text = str(solve(BOS))
    lines = text.splitlines()
    assert lines[0].split() == ["#", "Ann", "Bob", "payoff", "Ann", "payoff", "Bob", "regret"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split()[:3] == ["0", "Opera", "Opera"]
    assert "2/3 Opera + 1/3 Football" in lines[4] and "1/3 Opera + 2/3 Football" in lines[4]
    assert lines[-1].startswith("3 equilibria of a nondegenerate game")
    html = solve(BOS)._repr_html_()
    assert html.count("<tr>") == 4 and "<th>Ann</th>" in html and "2/3 Opera + 1/3 Football" in html


def test_degenerate_table_points_to_nash_subsets():
    assert "degenerate (extreme equilibria listed; see nash_subsets())" in str(solve(DEG_A, DEG_B))


def test_nash_subsets_are_labelled():
    subsets = solve(DEG_A, DEG_B).nash_subsets()
    assert [s.label() for s in subsets] == [
        "Row: R1; Column: any mix of {C1 | 2/3 C1 + 1/3 C2}",
        "Row: 1/3 R2 + 2/3 R3; Column: 1/3 C1 + 2/3 C2",
    ]


@pytest.mark.parametrize("make", [
    lambda: solve(BOS),
    lambda: solve(BOS).nash_subsets(),
    lambda: solve([[0.0, 0.0], [0.0, 0.0]]),       # zero payoffs: -0.0 arises from B = -A
    lambda: solve([[1, -1], [-1, 1]]),               # mixed: payoffs that are -0 up to rounding
    lambda: solve(DEG_A, DEG_B).nash_subsets(),
])
def test_reprs_have_no_numpy_scalars_or_negative_zero(make):
    text = repr(make())
    assert "np.float64" not in text and "array(" not in text
    assert "-0.0" not in text and "-0," not in text and "-0)" not in text, text


def test_players_as_a_string_is_refused_with_the_expected_shape():
    with pytest.raises(ValueError, match=r"players must be a pair of names, e.g. players=\('Ann', 'Bob'\)"):
        NormalFormGame([[1, 2], [3, 4]], players="AB")


def test_flat_strategies_are_refused_with_the_expected_shape():
    with pytest.raises(ValueError, match=r"strategies=\(\('R1', 'R2'\), \('C1', 'C2', 'C3'\)\).*the flat"):
        NormalFormGame([[1, 2, 3], [3, 4, 5]], strategies=("a", "b", "x", "y", "z"))
    with pytest.raises(ValueError, match="pair"):
        NormalFormGame([[1, 2], [3, 4]], strategies=5)


@pytest.mark.parametrize("row, col, what", [
    ([0.5, 0.5], [1, 1], "col must be a probability distribution"),
    ([1.5, -0.5], [0.5, 0.5], "row must be a probability distribution"),
    ([0.5, 0.5, 0.0], [0.5, 0.5], "row must be a probability vector of 2"),
    ([np.nan, 1.0], [0.5, 0.5], "row must be a probability distribution"),
    (["a", "b"], [0.5, 0.5], "row must be a probability vector"),
])
def test_regrets_refuse_what_is_not_a_distribution(row, col, what):
    game = NormalFormGame([[1, -1], [-1, 1]])
    with pytest.raises(ValueError, match=what):
        game.regrets(row, col)
    with pytest.raises(ValueError, match=what):
        game.expected_payoffs(row, col)


def test_regrets_of_a_distribution_still_work():
    game = NormalFormGame([[1, -1], [-1, 1]])
    assert game.regrets([0.5, 0.5], [0.5, 0.5]) == (0.0, 0.0)
    assert game.regrets([1, 0], [1, 0]) == (0.0, 2.0)
