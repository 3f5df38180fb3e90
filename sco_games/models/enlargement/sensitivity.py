"""The claims E1-E6 with one stated value at a time moved to an end of its range: which verdicts change.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass

from sco_games.models.enlargement.claims import evaluate_claims
from sco_games.models.enlargement.game import EnlargementModel
from sco_games.models.enlargement.params import EnlargementParams
from sco_games.models.enlargement.ranges import ranged_points, ranged_values, with_overrides
from sco_games.sourced import check_section

__all__ = ["SensitivityRow", "claims_sensitivity"]


@dataclass(frozen=True)
class SensitivityRow:
    """The verdicts of E1-E6 with one value moved to one end of its stated range."""

    key: str
    value: float
    verdicts: Mapping[str, str]
    changed: tuple[str, ...]


def claims_sensitivity(params: EnlargementParams, date: _dt.date | None = None) -> list[SensitivityRow]:
    """Move each ranged value (see :func:`ranged_values`) and each coordinate of a ranged position (see
    :func:`ranged_points`) to the low and the high end of its range, one at a time, and report which
    claims' verdicts change. The first row is the scenario as given. ``date`` as in :func:`evaluate_claims`.

    >>> from sco_games.scenario import load_scenario
    >>> rows = claims_sensitivity(load_scenario("params/founding_2001.yaml").enlargement)
    >>> rows[0].key, rows[0].changed
    ('(as given)', ())
    """
    check_section(params, EnlargementParams, "enlargement", "claims_sensitivity")
    base = {c.id: c.verdict for c in evaluate_claims(EnlargementModel(params), date)}
    rows = [SensitivityRow("(as given)", float("nan"), base, ())]
    for key, value, (lo, hi) in ranged_values(params):
        for x in (lo, hi):
            if x == value:
                continue
            v = {c.id: c.verdict
                 for c in evaluate_claims(EnlargementModel(with_overrides(params, {key: x})), date)}
            rows.append(SensitivityRow(key, x, v, tuple(k for k in v if v[k] != base[k])))
    for key, axis, point, (lo, hi) in ranged_points(params):
        for x in (lo, hi):
            if x == point[axis]:
                continue
            moved = list(point)
            moved[axis] = x
            v = {
                c.id: c.verdict
                for c in evaluate_claims(EnlargementModel(with_overrides(params, {key: moved})), date)
            }
            rows.append(SensitivityRow(f"{key}.{'xy'[axis]}", x, v, tuple(k for k in v if v[k] != base[k])))
    return rows
