"""The frames of the report's US-stake slider: the stage game re-solved at every point of the declared range
of one side's US stake (paper §3-1 and fn 25: Russia's "West-East orientation"; the US as the third actor,
§2-1), all at once with :func:`~sco_games.theory.games.solve_batch`.

The slider moves the scenario's *founding* value of the stake, as a scenario override does: the scenario's
dated events are added to it (so the frame at the coded value is the scenario itself).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sco_games.models.partnership.game import payoff_matrices
from sco_games.models.partnership.params import PLAYERS, PartnershipParams, values_of
from sco_games.models.partnership.regions import batch_labels
from sco_games.sourced import check_section, unwrap
from sco_games.theory.games import DEFAULT_TOL, solve_batch

__all__ = ["StakeFrame", "StakeFrames", "stake_frames"]


@dataclass(frozen=True)
class StakeFrame:
    """One slider position: the founding ``value`` of the stake, the payoff bimatrix ``A``, ``B`` (3 x 3,
    events added), the equilibrium ``label``, each verified equilibrium as (Russia's mixed strategy,
    China's mixed strategy, payoffs, regret), and whether it is a pure one."""

    value: float
    A: np.ndarray
    B: np.ndarray
    label: str
    equilibria: tuple[tuple[tuple[float, ...], tuple[float, ...], tuple[float, float], float, bool], ...]


@dataclass(frozen=True)
class StakeFrames:
    """The frames of :func:`stake_frames` over the stake ``key`` of ``side``, its declared ``range``, the
    scenario's coded (founding) value ``coded``, the labels' change points (``changes``: the first frame
    value of each new label), the largest regret of any frame's equilibria (``max_regret``) and the
    solver's tolerance."""

    side: str
    key: str
    range: tuple[float, float]
    coded: float
    frames: tuple[StakeFrame, ...]
    max_regret: float
    tol: float

    @property
    def values(self) -> np.ndarray:
        return np.array([f.value for f in self.frames])

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(f.label for f in self.frames)

    @property
    def changes(self) -> tuple[tuple[float, str, str], ...]:
        """(stake value, label before, label from there on) for every change of label along the slider."""
        fs = self.frames
        return tuple(
            (b.value, a.label, b.label) for a, b in zip(fs, fs[1:], strict=False) if a.label != b.label
        )

    def frame_at(self, value: float) -> StakeFrame:
        """The frame nearest to ``value``."""
        return self.frames[int(np.argmin(np.abs(self.values - value)))]


def stake_frames(
    params: PartnershipParams, side: str = "Russia", n: int = 21, tol: float = DEFAULT_TOL
) -> StakeFrames:
    """The stage game at ``n`` evenly spaced founding values of ``side``'s US stake over its declared range
    (plus the coded value, if it falls between grid points), solved in one :func:`solve_batch` call; every
    equilibrium passes the solver's regret check (``max_regret`` <= ``tol`` x payoff range).

    >>> from sco_games.scenario import load_scenario
    >>> f = stake_frames(load_scenario("params/founding_2001.yaml").partnership, "China", n=5)
    >>> f.range, f.values.tolist()
    ((1.0, 3.0), [1.0, 1.5, 2.0, 2.5, 3.0])
    >>> f.changes
    ((2.0, 'Partner/Partner', 'multiple: Partner/Partner + Rival/Rival'),)
    >>> stake_frames(PartnershipParams.example(), "Russia", n=3).values.tolist()  # no range: 0 to 2x
    [0.0, 2.0, 4.0]
    """
    check_section(params, PartnershipParams, "partnership", "stake_frames")
    if side not in PLAYERS:
        raise ValueError(f"stake_frames: side must be one of {PLAYERS}, not {side!r}")
    if n < 2:
        raise ValueError(f"stake_frames: n = {n}: need at least 2 frames")
    key = f"us_stake_{side.lower()}"
    stake = getattr(params, key)
    coded = float(stake.value)
    lo, hi = stake.range if stake.range is not None else (0.0, max(1.0, 2 * coded))
    grid = np.union1d(np.linspace(lo, hi, n), [coded])
    v = values_of(params, "stake_frames")
    shift = float(v[key]) - float(unwrap(params)[key])  # what the scenario's events add to the stake
    v[key] = grid + shift
    a, b = payoff_matrices(v)
    batch = solve_batch(a, b, tol=tol)
    labels = batch_labels(batch)
    frames = []
    for i, u in enumerate(grid):
        eqs = []
        for k in np.flatnonzero(batch.mask[i]):
            eqs.append(
                (
                    tuple(float(x) for x in batch.row[i, k]),
                    tuple(float(x) for x in batch.col[i, k]),
                    (float(batch.payoffs[i, k, 0]), float(batch.payoffs[i, k, 1])),
                    float(batch.regret[i, k]),
                    bool(batch.pure[i, k]),
                )
            )
        frames.append(StakeFrame(float(u), a[i], b[i], str(labels[i]), tuple(eqs)))
    reg = batch.regret[batch.mask]
    return StakeFrames(
        side=side,
        key=key,
        range=(float(lo), float(hi)),
        coded=coded,
        frames=tuple(frames),
        max_regret=float(reg.max()) if reg.size else 0.0,
        tol=tol,
    )
