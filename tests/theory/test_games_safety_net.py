"""The regret check is a safety net: even if the vertex enumeration produced a wrong candidate, no false
equilibrium is returned; rejected candidates are counted, not hidden."""

import numpy as np

import sco_games.theory.vertex as vertex
from sco_games.theory.games import solve, solve_batch


def test_false_candidates_are_rejected_not_returned(monkeypatch):
    # With an absurd label tolerance, near-tight constraints count as tight, so the enumeration proposes
    # completely labelled pairs that are not equilibria; the regret check must drop them.
    A = np.array([[3.0, 0.0], [5.0, 1.0]])  # Prisoner's Dilemma (Axelrod 1984): (D, D) only
    monkeypatch.setattr(vertex, "LABEL_TOL", 0.6)
    res = solve(A, A.T)
    assert res.rejected > 0
    for eq in res:
        assert eq.regret <= 1e-9 * 5
    batch = solve_batch(A[None], A.T[None])
    assert batch.rejected[0] == res.rejected and batch.counts[0] == len(res)


def test_nothing_rejected_normally():
    rng = np.random.default_rng(0)
    A, B = rng.integers(-3, 4, (2, 200, 3, 3)).astype(float)
    assert solve_batch(A, B).rejected.sum() == 0
