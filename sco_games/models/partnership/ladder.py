"""Is the outcome an artefact of reading the value ladder (1 minor, 2 significant, 3 major, 4 vital) as a
cardinal scale? :func:`ladder_check` re-solves the stage game with every payoff value mapped through two other
increasing maps of the ladder, a convex and a concave one, and says whether the equilibrium label survives.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sco_games.models.partnership.game import analyze
from sco_games.models.partnership.params import (
    PAYOFF_KEYS,
    PartnershipParams,
    apply_events,
    values_of,
    with_values,
)
from sco_games.sourced import check_section

__all__ = ["LADDER_READINGS", "LadderCheck", "ladder_map", "ladder_check"]

#: Other readings of the ladder 0, 1, 2, 3, 4: where each rung goes (0 stays 0).
LADDER_READINGS: dict[str, tuple[float, ...]] = {
    "convex (1, 2, 4, 8)": (0.0, 1.0, 2.0, 4.0, 8.0),
    "concave (1, 1.6, 2, 2.3)": (0.0, 1.0, 1.6, 2.0, 2.3),
}


def ladder_map(x: float, rungs: tuple[float, ...]) -> float:
    """``x`` mapped through the rungs ``rungs[0..4]`` of the ladder 0..4, linear between rungs and beyond 4
    (with the slope of the last step).

    >>> convex = LADDER_READINGS["convex (1, 2, 4, 8)"]
    >>> ladder_map(3, convex), ladder_map(2.5, convex), ladder_map(5, convex)
    (4.0, 3.0, 12.0)
    """
    knots = np.arange(len(rungs), dtype=float)
    if x <= knots[-1]:
        return float(np.interp(x, knots, rungs))
    return float(rungs[-1] + (x - knots[-1]) * (rungs[-1] - rungs[-2]))


@dataclass(frozen=True)
class LadderCheck:
    """The label as coded (``label``) and under each reading of :data:`LADDER_READINGS` (``labels``);
    ``survives``: the same under all."""

    label: str
    labels: dict[str, str]

    @property
    def survives(self) -> bool:
        return all(lab == self.label for lab in self.labels.values())


def ladder_check(params: PartnershipParams) -> LadderCheck:
    """Re-solve ``params`` (with its events) with every payoff value (not theta, not the relations) mapped
    through each reading of the ladder.

    >>> c = ladder_check(PartnershipParams.example())
    >>> c.label, c.labels["convex (1, 2, 4, 8)"]
    ('multiple: Partner/Partner + Rival/Rival', 'multiple: Partner/Partner + Rival/Rival')
    """
    check_section(params, PartnershipParams, "partnership", "ladder_check")
    flat = apply_events(params) if params.events else params
    v = values_of(flat)
    out = {}
    for name, rungs in LADDER_READINGS.items():
        mapped = {k: ladder_map(v[k], rungs) for k in PAYOFF_KEYS if k != "partnership_depth"}
        out[name] = analyze(with_values(flat, **mapped)).label
    return LadderCheck(analyze(flat).label, out)
