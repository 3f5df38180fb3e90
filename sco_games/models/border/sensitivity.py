"""Sensitivity of the border model: China's predicted share along a grid of linkage values, and how the
calibrated ``L`` moves when one scenario value goes to the ends of its sourced range.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sco_games.models.border.calibration import calibrate_linkage, linkage_need
from sco_games.models.border.game import DyadGame, check_game, dyad_game
from sco_games.models.border.params import BorderParams
from sco_games.models.border.solutions import predict
from sco_games.sourced import check_section

__all__ = [
    "LinkageCurve",
    "linkage_curve",
    "SensitivityRow",
    "linkage_sensitivity",
]


@dataclass(frozen=True)
class LinkageCurve:
    """China's predicted share as ``L`` varies, one array per solution (NaN where there is no agreement;
    ``fearon_low``/``fearon_high`` are the ends of Fearon's range)."""

    neighbour: str
    linkage: np.ndarray
    shares: dict[str, np.ndarray]
    fearon_low: np.ndarray
    fearon_high: np.ndarray
    win_probability: float


def linkage_curve(game: DyadGame, linkage: Sequence[float]) -> LinkageCurve:
    """Predicted shares over a grid of linkage values (for the L-vs-share figure)."""
    check_game(game, "linkage_curve")
    grid = np.asarray(linkage, dtype=float)
    if grid.ndim != 1 or grid.size == 0 or np.any(grid < 0) or not np.all(np.isfinite(grid)):
        raise ValueError("linkage must be a non-empty 1-d sequence of finite values >= 0")
    shares = {s: np.full(grid.size, np.nan) for s in ("nash", "kalai-smorodinsky", "rubinstein")}
    lo, hi = np.full(grid.size, np.nan), np.full(grid.size, np.nan)
    for i, L in enumerate(grid):
        p = predict(game.replace(linkage=float(L)))
        for s in shares:
            v = p.share(s)
            shares[s][i] = np.nan if v is None else v
        if not p.fearon.empty:
            lo[i], hi[i] = p.fearon.low, p.fearon.high
    return LinkageCurve(game.neighbour, grid, shares, lo, hi, game.win_probability)


@dataclass(frozen=True)
class SensitivityRow:
    """The calibrated ``L`` when one parameter is moved to the ends of its sourced range."""

    parameter: str
    base_value: float
    low_value: float
    high_value: float
    linkage_base: float | None
    linkage_at_low: float | None
    linkage_at_high: float | None
    #: :func:`~sco_games.models.border.calibration.linkage_need` at the base, the low and the high end
    need_base: str = "needed"
    need_at_low: str = "needed"
    need_at_high: str = "needed"

    @property
    def swing(self) -> float:
        """The largest move of the calibrated ``L`` away from the baseline (0 when nothing is defined)."""
        vals = [v for v in (self.linkage_at_low, self.linkage_at_high) if v is not None]
        if not vals or self.linkage_base is None:
            return 0.0
        return max(abs(v - self.linkage_base) for v in vals)


_GAME_FIELD = {
    "valuation_curvature_china": "curvature_china",
    "valuation_curvature_neighbour": "curvature_neighbour",
    "war_cost_china": "war_cost_china",
    "war_cost_neighbour": "war_cost_neighbour",
    "dispute_cost_china": "dispute_cost_china",
    "dispute_cost_neighbour": "dispute_cost_neighbour",
    "nash_weight_china": "nash_weight_china",
    "discount_rate_china": "discount_rate_china",
    "discount_rate_neighbour": "discount_rate_neighbour",
    "offer_interval_years": "offer_interval_years",
    "neighbour_outside_option": "neighbour_outside_option",
}


def linkage_sensitivity(
    params: BorderParams,
    neighbour: str,
    observed_share: float,
    solution: str = "nash",
    win_probability_range: tuple[float, float] | None = None,
    disagreement: str | None = None,
) -> list[SensitivityRow]:
    """For each numeric parameter with a ``range`` in the scenario, the calibrated ``L`` at both ends
    (the others held at their values): which uncertain input moves the answer most.

    ``win_probability_range`` adds a row for China's win probability ``p`` (data, not a scenario value: the
    CINC ratio is only a proxy for the chance of winning a war in the Pamirs). ``disagreement`` replaces the
    scenario's disagreement point (``"war"`` or ``"dispute"``).
    """
    check_section(params, BorderParams, "border", "linkage_sensitivity")
    change = {} if disagreement is None else {"disagreement": disagreement}
    base_game = dyad_game(params, neighbour, **change)
    base = calibrate_linkage(base_game, observed_share, solution).value
    base_need = linkage_need(base_game, observed_share, solution)[0]
    ranges: list[tuple[str, str, float, tuple[float, float]]] = []
    for key, field in _GAME_FIELD.items():
        entry = getattr(params, key)
        if entry.range is not None:
            ranges.append((key, field, float(entry.value), entry.range))
    if win_probability_range is not None:
        ranges.append(
            ("win_probability", "win_probability", base_game.win_probability, win_probability_range)
        )
    rows = []
    for key, field, value, (lo, hi) in ranges:
        vals, needs = [], []
        for v in (lo, hi):
            try:
                g = base_game.replace(**{field: float(v)})
            except ValueError:
                vals.append(None)
                needs.append("not applicable")
                continue
            vals.append(calibrate_linkage(g, observed_share, solution).value)
            needs.append(linkage_need(g, observed_share, solution)[0])
        rows.append(SensitivityRow(key, value, float(lo), float(hi), base, vals[0], vals[1], base_need,
                                   needs[0], needs[1]))
    return rows
