"""The enlargement model under each coding of the status quo (paper §3-2: where the SCO stands decides what
its members can pass): the winset's area, the pass probability and the verdicts of E1, E2, E4.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sco_games.models.enlargement.claims import _e1, _e2, _e4
from sco_games.models.enlargement.game import EnlargementModel
from sco_games.models.enlargement.params import EnlargementParams
from sco_games.models.enlargement.ranges import with_overrides
from sco_games.models.enlargement.space import pass_probability, winset_area_in_square
from sco_games.sourced import check_section

__all__ = ["StatusQuoRow", "status_quo_table"]


@dataclass(frozen=True)
class StatusQuoRow:
    """The model under one coding of the status quo: the winset's area inside the square, the members' pass
    probability, and the verdicts of the claims that hang on it (E1, E2, E4)."""

    label: str
    point: tuple[float, float]
    winset_area: float
    pass_probability: float
    verdicts: Mapping[str, str]


def status_quo_table(params: EnlargementParams) -> list[StatusQuoRow]:
    """The coded status quo (first row), the corners of its range and each ``status_quo_alternatives`` entry,
    each with its winset area, pass probability and the E1, E2, E4 verdicts."""
    check_section(params, EnlargementParams, "enlargement", "status_quo_table")
    sq = params.status_quo
    cands: list[tuple[str, tuple[float, float]]] = [("as coded", tuple(sq.value))]
    if sq.range is not None:
        (xl, xh), (yl, yh) = sq.range
        cands += [(f"range end, y = {y:g}", (sq.value[0], y)) for y in (yl, yh) if y != sq.value[1]]
        cands += [(f"range end, x = {x:g}", (x, sq.value[1])) for x in (xl, xh) if x != sq.value[0]]
    cands += [(k, tuple(v.value)) for k, v in params.status_quo_alternatives.items()]
    rows = []
    for label, q in cands:
        m = EnlargementModel(with_overrides(params, {"status_quo": list(q)}))
        cs = {c.id: c.verdict for c in (_e1(m), _e2(m), _e4(m))}
        rows.append(
            StatusQuoRow(
                label,
                (float(q[0]), float(q[1])),
                winset_area_in_square(m.world, m.world.members),
                pass_probability(m.world, m.world.members),
                cs,
            )
        )
    return rows
