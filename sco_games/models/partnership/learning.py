"""Learning dynamics on the stage game: how two players might find an equilibrium by trial and error
(issue 14).

Two standard processes, both run by nashpy (0.0.43; the stage game is not symmetric, so the two-population
replicator dynamics):

* **Fictitious play** (Brown 1951; Robinson 1951): each round, each side plays a best reply to the
  *empirical frequencies* of the other's past plays. nashpy's ``fictitious_play`` breaks ties between best
  replies at random, with numpy's global generator; :func:`fictitious_play` seeds it with ``seed`` and
  restores the global state afterwards, so a path depends on its seed only. If the empirical frequencies
  converge, the limit is a Nash equilibrium (a best reply to the limit is played ever more often).
* **Asymmetric replicator dynamics** (Taylor 1979; Hofbauer & Sigmund 1998, ch. 10): two populations, one
  per side; a strategy's share grows in proportion to how much better than the population's average it
  does, ``dx_i/dt = x_i ((A y)_i - x^T A y)`` and ``dy_j/dt = y_j ((x^T B)_j - x^T B y)``. A rest point
  that is stable is a Nash equilibrium (the "folk theorem" of evolutionary game theory). The start is
  an interior point drawn from ``seed`` (uniform on the simplex) unless given.

Either path ends somewhere: :class:`LearningPath` records the final profile, its regret in the stage game
(:meth:`~sco_games.theory.games.NormalFormGame.regrets`) and the nearest equilibrium that
:func:`sco_games.theory.games.solve` reports, so a notebook says whether the players learned an
equilibrium and which one, without trusting the learning process.

>>> from sco_games.models.partnership import PartnershipParams
>>> fp = fictitious_play(PartnershipParams.example(), iterations=200, seed=1)
>>> fp.row.shape, int(fp.steps[-1]), fp.regret < 0.1
((200, 3), 200, True)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import nashpy
import numpy as np

from sco_games.models.partnership.game import stage_game
from sco_games.models.partnership.params import PartnershipParams
from sco_games.theory.games import NormalFormGame, solve

__all__ = [
    "LEARNING_SEED",
    "FP_ITERATIONS",
    "REPLICATOR_TIME",
    "LearningPath",
    "Learning",
    "fictitious_play",
    "replicator_dynamics",
    "learning",
]

#: The default seed of the learning paths (the SCO's founding date, as the enlargement sample's seed).
LEARNING_SEED = 20010615
#: Rounds of fictitious play shown in the notebook.
FP_ITERATIONS = 300
#: Length of the replicator path (in the dynamics' own time unit) and its number of points.
REPLICATOR_TIME = 30.0
REPLICATOR_POINTS = 301


@dataclass(frozen=True)
class LearningPath:
    """One learning path on a two-player game.

    ``steps``: the round (fictitious play, from 1) or the time (replicator) of each point; ``row``, ``col``:
    the row and column players' mixed strategies there, shape ``(len(steps), m)`` and ``(len(steps), n)``
    (fictitious play: the empirical frequencies of the plays so far; replicator: the population shares).
    ``counts``: fictitious play's play counts, ``(row, col)``, or None. ``regret``: the larger of the two
    players' regrets at the final point; ``nearest``: the label of the nearest equilibrium ``solve`` reports,
    and ``distance`` its L1 distance (both players' strategies added). ``method`` and ``seed`` say how
    the path was made.
    """

    method: str
    game: NormalFormGame
    steps: np.ndarray
    row: np.ndarray
    col: np.ndarray
    counts: tuple[np.ndarray, np.ndarray] | None
    seed: int | None
    regret: float
    nearest: str
    distance: float

    @property
    def final(self) -> tuple[np.ndarray, np.ndarray]:
        """The last point: ``(row strategy, column strategy)``."""
        return self.row[-1], self.col[-1]

    def converged(self, tol: float = 0.05) -> bool:
        """Whether the final point is within ``tol`` (L1) of an equilibrium the solver reports."""
        return self.distance <= tol

    def summary(self) -> str:
        """One plain-text sentence on where the path ends (for a notebook)."""
        (x, y), g = self.final, self.game
        shares = "; ".join(
            f"{who}: " + ", ".join(f"{s} {100 * p:.0f}%" for s, p in zip(labels, v, strict=True)
                                   if p >= 0.005)
            for who, labels, v in zip(g.players, g.strategies, (x, y), strict=True))
        end = "rounds" if self.counts is not None else "time units"
        return (f"{self.method}, after {self.steps[-1]:g} {end}: {shares}. Largest regret there "
                f"{self.regret:.3f}; nearest equilibrium found by the solver: {self.nearest} (distance "
                f"{self.distance:.3f}).")


def _as_game(game: NormalFormGame | PartnershipParams) -> NormalFormGame:
    if isinstance(game, NormalFormGame):
        return game
    return stage_game(game)


@contextlib.contextmanager
def _seeded_global_numpy(seed: int) -> Iterator[None]:
    """nashpy draws its tie breaks from numpy's global generator: seed it, and restore it afterwards."""
    state = np.random.get_state()
    np.random.seed(seed % 2**32)
    try:
        yield
    finally:
        np.random.set_state(state)


def _ending(game: NormalFormGame, x: np.ndarray, y: np.ndarray) -> tuple[float, str, float]:
    regret = max(game.regrets(x, y))
    eqs = solve(game)
    dist = [float(np.abs(eq.row - x).sum() + np.abs(eq.col - y).sum()) for eq in eqs]
    i = int(np.argmin(dist))
    return float(regret), eqs[i].label(game), dist[i]


def fictitious_play(game: NormalFormGame | PartnershipParams, iterations: int = FP_ITERATIONS,
                    seed: int = LEARNING_SEED,
                    initial_counts: Sequence[Sequence[float]] | None = None) -> LearningPath:
    """Fictitious play (nashpy's ``fictitious_play``) on ``game`` (or the stage game of partnership
    params) for ``iterations`` rounds; ties between best replies are broken at random from ``seed``.

    ``initial_counts``: the players' prior play counts ``(row's, column's)`` (default: none, so the first
    round is a random pick between all strategies). The path's points are rounds ``1..iterations``.
    """
    if int(iterations) < 1:
        raise ValueError(f"fictitious_play: iterations must be >= 1, got {iterations!r}")
    g = _as_game(game)
    m, n = g.shape
    if initial_counts is None:
        start = [np.zeros(m), np.zeros(n)]
    else:
        start = [np.asarray(c, dtype=float) for c in initial_counts]
        if len(start) != 2 or start[0].shape != (m,) or start[1].shape != (n,) or min(
                start[0].min(), start[1].min()) < 0:
            raise ValueError(f"fictitious_play: initial_counts must be two non-negative vectors of "
                             f"lengths {m} and {n}")
    with _seeded_global_numpy(int(seed)):
        path = list(nashpy.Game(g.A, g.B).fictitious_play(iterations=int(iterations),
                                                           play_counts=[c.copy() for c in start]))
    rows = np.array([p[0] for p in path[1:]], dtype=float)
    cols = np.array([p[1] for p in path[1:]], dtype=float)
    x = rows / rows.sum(axis=1, keepdims=True)
    y = cols / cols.sum(axis=1, keepdims=True)
    regret, nearest, dist = _ending(g, x[-1], y[-1])
    return LearningPath(method="fictitious play", game=g, steps=np.arange(1, int(iterations) + 1),
                        row=x, col=y, counts=(rows, cols), seed=int(seed), regret=regret, nearest=nearest,
                        distance=dist)


def replicator_dynamics(game: NormalFormGame | PartnershipParams, t_max: float = REPLICATOR_TIME,
                        points: int = REPLICATOR_POINTS, seed: int = LEARNING_SEED,
                        x0: Sequence[float] | None = None, y0: Sequence[float] | None = None
                        ) -> LearningPath:
    """The two-population replicator dynamics (nashpy's ``asymmetric_replicator_dynamics``, scipy's
    ``odeint``) on ``game`` from ``(x0, y0)`` (default: an interior point drawn from ``seed``, uniform on
    each simplex), over ``points`` times in ``[0, t_max]``."""
    g = _as_game(game)
    m, n = g.shape
    rng = np.random.default_rng(int(seed))
    x_start = rng.dirichlet(np.ones(m)) if x0 is None else np.asarray(x0, dtype=float)
    y_start = rng.dirichlet(np.ones(n)) if y0 is None else np.asarray(y0, dtype=float)
    for name, v, k in (("x0", x_start, m), ("y0", y_start, n)):
        if v.shape != (k,) or v.min() < 0 or abs(v.sum() - 1) > 1e-9:
            raise ValueError(f"replicator_dynamics: {name} must be a probability vector of length {k}")
    if not (t_max > 0 and int(points) >= 2):
        raise ValueError("replicator_dynamics: t_max must be > 0 and points >= 2")
    times = np.linspace(0.0, float(t_max), int(points))
    xs, ys = nashpy.Game(g.A, g.B).asymmetric_replicator_dynamics(x0=x_start, y0=y_start, timepoints=times)
    x = np.clip(np.asarray(xs, dtype=float), 0.0, None)
    y = np.clip(np.asarray(ys, dtype=float), 0.0, None)
    x, y = x / x.sum(axis=1, keepdims=True), y / y.sum(axis=1, keepdims=True)
    regret, nearest, dist = _ending(g, x[-1], y[-1])
    return LearningPath(method="replicator dynamics (two populations)", game=g, steps=times, row=x, col=y,
                        counts=None, seed=int(seed) if x0 is None or y0 is None else None, regret=regret,
                        nearest=nearest, distance=dist)


@dataclass(frozen=True)
class Learning:
    """The notebook's learning section: a fictitious-play path and a replicator path on the stage game."""

    fictitious: LearningPath
    replicator: LearningPath

    def text(self) -> str:
        """Plain text for the notebook: where each path ends, and whether it found an equilibrium."""
        out = []
        for p in (self.fictitious, self.replicator):
            verdict = ("It ends at (or next to) an equilibrium the solver reports." if p.converged()
                       else "It has not settled on an equilibrium by then.")
            out.append(f"{p.summary()} {verdict}")
        return "\n\n".join(out)


def learning(params: PartnershipParams, seed: int = LEARNING_SEED) -> Learning:
    """Both learning paths on the stage game of ``params`` (its events applied), from ``seed``."""
    g = stage_game(params)
    return Learning(fictitious=fictitious_play(g, seed=seed), replicator=replicator_dynamics(g, seed=seed))
