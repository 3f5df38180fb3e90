"""The frames of the enlargement report's status-quo slider: the members' indifference circles, the
unanimity winset and the consensus vote on the scenario's statement as the status quo moves along one
coordinate over its declared range (paper Conclusion: "the existence of Uzbekistan within the SCO blocks
rapid and flexible reaction"; the status quo is a coded choice, see notebook 04).

Every frame is computed as the report computes the coded status quo: the exact winset area in the square
(:func:`~sco_games.models.enlargement.space.winset_area_in_square`), the vote
(:func:`~sco_games.models.enlargement.space.statement_vote`), and the pass probability over the scenario's
own proposal sample (vectorized over the frames).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from sco_games.models.enlargement.params import EnlargementParams
from sco_games.models.enlargement.space import BOX, build_world, statement_vote, winset_area_in_square
from sco_games.sourced import check_section

__all__ = ["AXES", "StatusQuoFrame", "StatusQuoFrames", "status_quo_frames"]

#: The two coordinates of the policy square.
AXES = ("stance toward the US", "depth of security cooperation")

#: Points per side of the lattice that draws the winset (the area is computed exactly, not from it).
_LATTICE = 41


@dataclass(frozen=True)
class StatusQuoFrame:
    """One slider position: the status quo ``q``, each member's indifference radius ``|q - a_i|``, the
    exact winset area in the square, the Monte Carlo pass probability, the statement's blockers, and the
    lattice points inside the winset (for drawing)."""

    status_quo: tuple[float, float]
    radius: dict[str, float]
    winset_area: float
    pass_probability: float
    blockers: tuple[str, ...]
    winset_points: np.ndarray

    @property
    def passes(self) -> bool:
        return not self.blockers


@dataclass(frozen=True)
class StatusQuoFrames:
    """The frames of :func:`status_quo_frames` along coordinate ``axis`` (0 or 1) over its declared
    ``range``; ``coded`` is the scenario's status quo, ``ideal`` the members' ideal points, ``statement`` the
    contested statement."""

    axis: int
    range: tuple[float, float]
    coded: tuple[float, float]
    ideal: dict[str, tuple[float, float]]
    statement: tuple[float, float]
    frames: tuple[StatusQuoFrame, ...]

    @property
    def values(self) -> np.ndarray:
        return np.array([f.status_quo[self.axis] for f in self.frames])

    def passes_at(self) -> list[float]:
        """The coordinate values at which the statement passes."""
        return [float(f.status_quo[self.axis]) for f in self.frames if f.passes]


def status_quo_frames(params: EnlargementParams, axis: int = 0, n: int = 21) -> StatusQuoFrames:
    """The status quo at ``n`` evenly spaced values of coordinate ``axis`` over its declared range (plus the
    coded value), the other coordinate as coded.

    >>> from sco_games.scenario import load_scenario
    >>> f = status_quo_frames(load_scenario("params/founding_2001.yaml").enlargement, axis=0, n=5)
    >>> f.values.tolist(), f.coded
    ([-0.2, -0.1, 0.0, 0.1, 0.2], (0.0, -0.3))
    """
    check_section(params, EnlargementParams, "enlargement", "status_quo_frames")
    if axis not in (0, 1):
        raise ValueError(f"status_quo_frames: axis = {axis!r}: must be 0 (x) or 1 (y)")
    if n < 2:
        raise ValueError(f"status_quo_frames: n = {n}: need at least 2 frames")
    world = build_world(params)
    q0 = world.status_quo.astype(float)
    rng = params.status_quo.range
    lo, hi = (
        (float(rng[axis][0]), float(rng[axis][1])) if rng is not None else (q0[axis] - 0.2, q0[axis] + 0.2)
    )
    grid = np.union1d(np.round(np.linspace(lo, hi, n), 12), [q0[axis]])
    qs = np.repeat(q0[None, :], grid.size, axis=0)
    qs[:, axis] = grid
    members = world.members
    a = np.array([world.ideal[m] for m in members])  # (M, 2)
    r2 = ((qs[:, None, :] - a[None, :, :]) ** 2).sum(-1)  # (F, M)
    x = world.proposals  # (N, 2)
    d2 = ((x[:, None, :] - a[None, :, :]) ** 2).sum(-1)  # (N, M)
    passes = (d2[None, :, :] < r2[:, None, :]).all(-1)  # (F, N)
    t = np.linspace(BOX[0], BOX[1], _LATTICE)
    lat = np.stack(np.meshgrid(t, t), -1).reshape(-1, 2)
    dl = ((lat[:, None, :] - a[None, :, :]) ** 2).sum(-1)
    inside = (dl[None, :, :] < r2[:, None, :]).all(-1)  # (F, L)
    frames = []
    for i, q in enumerate(qs):
        w = dataclasses.replace(world, status_quo=q)
        vote = statement_vote(w)
        frames.append(
            StatusQuoFrame(
                status_quo=(float(q[0]), float(q[1])),
                radius={m: float(np.sqrt(r2[i, k])) for k, m in enumerate(members)},
                winset_area=winset_area_in_square(w, members),
                pass_probability=float(passes[i].mean()),
                blockers=vote.blockers,
                winset_points=lat[inside[i]],
            )
        )
    return StatusQuoFrames(
        axis=axis,
        range=(lo, hi),
        coded=(float(q0[0]), float(q0[1])),
        ideal={m: (float(world.ideal[m][0]), float(world.ideal[m][1])) for m in members},
        statement=(float(world.statement[0]), float(world.statement[1])),
        frames=tuple(frames),
    )
