"""The frames of the border report's linkage slider: China's predicted share of the disputed area under
every solution concept and both disagreement points (the paper's continuing dispute, §1-1; war, our
power-only benchmark), at every point of the declared range of the linkage value ``L`` (§1-2: "combating
separatism" on the Shanghai Five agenda), against the split observed on the record (fn 12-13).

Each frame is :func:`~sco_games.models.border.solutions.predict` at that ``L`` (through
:func:`~sco_games.models.border.sensitivity.linkage_curve`), the same function every table of the report uses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sco_games.models.border.dyads import DISAGREEMENT_LABELS, disagreements
from sco_games.models.border.game import dyad_game
from sco_games.models.border.params import BorderParams
from sco_games.models.border.sensitivity import LinkageCurve, linkage_curve
from sco_games.models.border.settlements import Reading, settlements
from sco_games.sourced import check_section

__all__ = ["LinkageFrames", "linkage_frames"]


@dataclass(frozen=True)
class LinkageFrames:
    """China's predicted share over the linkage grid ``linkage`` (founding to the end of ``L``'s declared
    ``range``; ``prior`` = the scenario's value) for the dyad ``neighbour``: ``curves[disagreement]`` (one
    :class:`LinkageCurve` per disagreement point, ``labels`` their names), and the dyad's readings of the
    record (``readings``; the first is the main one)."""

    neighbour: str
    linkage: np.ndarray
    range: tuple[float, float]
    prior: float
    curves: dict[str, LinkageCurve]
    labels: dict[str, str]
    readings: tuple[Reading, ...]

    def share(self, disagreement: str, solution: str, i: int) -> float | None:
        """China's predicted share at frame ``i`` (None where no agreement beats disagreement)."""
        v = float(self.curves[disagreement].shares[solution][i])
        return None if np.isnan(v) else v

    def matches(self, disagreement: str, solution: str, tol: float = 0.02) -> list[float]:
        """The frame values of ``L`` at which ``solution`` under ``disagreement`` lies within ``tol`` (2
        percentage points, the record check's rule) of the main reading's share or inside its range."""
        lo, hi = self.readings[0].share_range
        s = self.curves[disagreement].shares[solution]
        ok = np.isfinite(s) & (s >= lo - tol) & (s <= hi + tol)
        return [float(x) for x in self.linkage[ok]]


def linkage_frames(params: BorderParams, neighbour: str | None = None, n: int = 31) -> LinkageFrames:
    """The slider's frames: ``n`` evenly spaced values of ``L`` over its declared range (plus the scenario's
    prior), for ``neighbour`` (default: the scenario's focus dyad), under each disagreement point the dyad
    admits.

    >>> from sco_games.scenario import load_scenario
    >>> f = linkage_frames(load_scenario("params/founding_2001.yaml").border, "Tajikistan", n=4)
    >>> f.linkage.tolist(), sorted(f.curves)
    ([0.0, 0.5, 1.0, 2.0, 3.0], ['dispute', 'war'])
    >>> linkage_frames(BorderParams.example(), n=3).linkage.tolist()  # no range: 0 to max(1, twice the prior)
    [0.0, 0.5, 1.0]
    """
    check_section(params, BorderParams, "border", "linkage_frames")
    if n < 2:
        raise ValueError(f"linkage_frames: n = {n}: need at least 2 frames")
    who = neighbour or params.focus_dyad
    prior = float(params.linkage_prior.value)
    lo, hi = (
        params.linkage_prior.range if params.linkage_prior.range is not None else (0.0, max(1.0, 2 * prior))
    )
    grid = np.union1d(np.linspace(lo, hi, n), [prior])
    curves = {
        dis: linkage_curve(dyad_game(params, who, disagreement=dis), grid) for dis in disagreements(who)
    }
    return LinkageFrames(
        neighbour=who,
        linkage=grid,
        range=(float(lo), float(hi)),
        prior=prior,
        curves=curves,
        labels={d: DISAGREEMENT_LABELS[d] for d in curves},
        readings=tuple(settlements()[who].readings),
    )
