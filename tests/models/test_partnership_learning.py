"""Learning dynamics on the stage game (sco_games.models.partnership.learning): the paths are valid
fictitious-play / replicator paths, they end at equilibria the solver reports (checked by regret), on games
with known answers too, and they depend on their seed only."""

from __future__ import annotations

import numpy as np
import pytest

from sco_games.models import partnership as pm
from sco_games.scenario import load_scenario, read_yaml
from sco_games.theory.games import NormalFormGame, solve
from tests.conftest import PARAMS

#: the scenarios that code the partnership model (the dated 2004-2024 ones code enlargement only)
SCENARIOS = [p for p in sorted(PARAMS.glob("*.yaml")) if read_yaml(p).get("partnership")]
MATCHING_PENNIES = NormalFormGame([[1, -1], [-1, 1]])
PRISONERS = NormalFormGame([[3, 0], [5, 1]], [[3, 5], [0, 1]])  # D (index 1) strictly dominant


def test_fictitious_play_path_is_a_fictitious_play_path():
    """Independent check of the wrapper: each round adds exactly one play per player, and that play is a
    best reply (computed here with plain numpy) to the other's counts before the round."""
    g = pm.stage_game(pm.PartnershipParams.example())
    p = pm.fictitious_play(g, iterations=120, seed=7)
    rows, cols = p.counts
    prev_r, prev_c = np.zeros(3), np.zeros(3)
    for t in range(120):
        dr, dc = rows[t] - prev_r, cols[t] - prev_c
        assert dr.sum() == 1 and dc.sum() == 1 and dr.min() == 0 and dc.min() == 0
        i, j = int(dr.argmax()), int(dc.argmax())
        u_row, u_col = g.A @ prev_c, prev_r @ g.B
        assert u_row[i] == u_row.max() and u_col[j] == u_col.max()
        prev_r, prev_c = rows[t], cols[t]
    np.testing.assert_allclose(p.row, rows / np.arange(1, 121)[:, None])


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fictitious_play_ends_at_a_verified_equilibrium(path, seed):
    """On every scenario's stage game the empirical frequencies end within 0.05 (L1) of an equilibrium the
    solver reports, with a regret that small too (in payoff units of the ladder, ranges ~10)."""
    p = pm.fictitious_play(load_scenario(path).partnership, iterations=300, seed=seed)
    eqs = solve(p.game)
    x, y = p.final
    dists = [np.abs(eq.row - x).sum() + np.abs(eq.col - y).sum() for eq in eqs]
    assert min(dists) == pytest.approx(p.distance) and p.distance <= 0.05
    assert max(p.game.regrets(x, y)) == pytest.approx(p.regret) and p.regret <= 0.05
    assert p.converged()


def test_fictitious_play_known_answers():
    """Robinson (1951): in Matching Pennies the frequencies go to (1/2, 1/2), and the regret shrinks with
    the rounds; in the Prisoner's Dilemma every round after the first plays the dominant D."""
    short = pm.fictitious_play(MATCHING_PENNIES, iterations=200, seed=0)
    long = pm.fictitious_play(MATCHING_PENNIES, iterations=4000, seed=0)
    np.testing.assert_allclose(long.final[0], [0.5, 0.5], atol=0.02)
    np.testing.assert_allclose(long.final[1], [0.5, 0.5], atol=0.02)
    assert long.regret < short.regret
    pd = pm.fictitious_play(PRISONERS, iterations=100, seed=0)
    assert pd.counts[0][-1][1] >= 99 and pd.counts[1][-1][1] >= 99
    assert pd.nearest == "Row: R2; Column: C2"


def test_fictitious_play_from_rival_beliefs_stays_at_rival_rival():
    """With US stakes 3 (> (C - V) / theta = 2) Rival is the strict best reply to Rival (Partner then pays
    -theta U - V = -2.5 < -C = -2): players who expect Rival keep playing it."""
    params = pm.PartnershipParams.example(us_stake_russia=3, us_stake_china=3)
    assert "Rival/Rival" in pm.analyze(params).label
    p = pm.fictitious_play(params, iterations=50, seed=0,
                           initial_counts=([0, 0, 10], [0, 0, 10]))
    assert p.nearest == "Russia: Rival; China: Rival" and p.distance < 1e-12
    assert p.counts[0][-1].tolist() == [0, 0, 60]


def test_fictitious_play_depends_on_its_seed_only():
    g = pm.stage_game(pm.PartnershipParams.example())
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    a = pm.fictitious_play(g, iterations=80, seed=5)
    assert np.array_equal(np.random.get_state()[1], before)  # the global generator is restored
    np.random.random(10)
    b = pm.fictitious_play(g, iterations=80, seed=5)
    assert np.array_equal(a.row, b.row) and np.array_equal(a.col, b.col)
    firsts = {tuple(np.argmax(pm.fictitious_play(g, iterations=1, seed=s).row[0], axis=-1).ravel())
              for s in range(12)}
    assert len(firsts) > 1  # the first round is a random pick: the seed matters


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_replicator_ends_at_a_verified_equilibrium(path):
    p = pm.replicator_dynamics(load_scenario(path).partnership, seed=3)
    assert p.row.shape == (len(p.steps), 3) and np.allclose(p.row.sum(axis=1), 1)
    assert p.regret <= 0.05 and p.converged()
    assert p.nearest in [eq.label(p.game) for eq in solve(p.game)]


def test_replicator_known_answer_and_rest_point():
    """In the Prisoner's Dilemma both populations go to D; a pure profile is a rest point (its shares
    never change: the dynamics cannot create a strategy nobody plays)."""
    pd = pm.replicator_dynamics(PRISONERS, t_max=40, seed=1)
    assert pd.final[0][1] > 0.99 and pd.final[1][1] > 0.99
    rest = pm.replicator_dynamics(pm.PartnershipParams.example(), x0=[0, 1, 0], y0=[0, 1, 0])
    np.testing.assert_allclose(rest.row, np.tile([0, 1, 0], (len(rest.steps), 1)), atol=1e-12)
    assert rest.seed is None


def test_bad_arguments_are_clear_errors():
    with pytest.raises(ValueError, match="iterations must be >= 1"):
        pm.fictitious_play(MATCHING_PENNIES, iterations=0)
    with pytest.raises(ValueError, match="initial_counts"):
        pm.fictitious_play(MATCHING_PENNIES, initial_counts=([1, 2, 3], [1, 1]))
    with pytest.raises(ValueError, match="x0 must be a probability vector"):
        pm.replicator_dynamics(MATCHING_PENNIES, x0=[0.5, 0.6])


def test_learning_text_names_the_end():
    lrn = pm.learning(pm.PartnershipParams.example(), seed=pm.LEARNING_SEED)
    text = lrn.text()
    assert "fictitious play, after 300 rounds" in text and "replicator dynamics" in text
    assert lrn.fictitious.nearest in text


def test_learning_figure_has_frames_a_slider_and_a_play_button():
    from sco_games import figures

    p = pm.fictitious_play(pm.PartnershipParams.example(), iterations=300, seed=1)
    fig = figures.partnership.learning_figure(p, frames=40)
    assert 2 <= len(fig.frames) <= 40
    assert [f.name for f in fig.frames][-1] == "300"  # the last round is always shown
    last = fig.frames[-1].data
    np.testing.assert_allclose(last[0].y, p.row[-1]) and np.testing.assert_allclose(last[1].y, p.col[-1])
    assert [s.label for s in fig.layout.sliders[0].steps] == [f.name for f in fig.frames]
    assert fig.layout.updatemenus[0].buttons[0].method == "animate"
