"""The enlargement section's stated ranges and a re-validated copy of it with values moved: what the
claims' sensitivity (:mod:`~sco_games.models.enlargement.sensitivity`), the status-quo table and the
history scorecard move.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from sco_games.models.enlargement.params import EnlargementParams
from sco_games.sourced import Sourced, check_section, set_values, validated

__all__ = ["ranged_points", "ranged_values", "with_overrides"]


def with_overrides(params: EnlargementParams, overrides: Mapping[str, Any]) -> EnlargementParams:
    """A re-validated copy of ``params`` with dotted keys (relative to the section, e.g.
    ``"weights.effectiveness"`` or ``"affinities.Tajikistan->Pakistan"``) set to new values.

    >>> from sco_games.scenario import load_scenario
    >>> p = load_scenario("params/founding_2001.yaml").enlargement
    >>> with_overrides(p, {"weights.voice": 2.0}).weights.voice.value
    2.0
    """
    check_section(params, EnlargementParams, "enlargement", "with_overrides")
    data, unknown = set_values(params.model_dump(), overrides, "override")
    if unknown:
        raise ValueError(f"overrides: {unknown[0]!r} names no entry of the enlargement section")
    for entry in _point_entries(data):
        r, v = entry.get("range"), entry.get("value")
        if r is not None and not all(lo <= x <= hi for x, (lo, hi) in zip(v, r, strict=True)):
            del entry["range"]
            entry["source"] = f"{entry['source']}; outside the range {r} of the sources, so no range"
    return validated(EnlargementParams, data, "enlargement", "with_overrides")


def _point_entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The dumped :class:`SourcedPoint` entries of a section (members, candidates, status quo, ...)."""
    out = [data[k] for k in ("status_quo", "statement", "us_ideal")]
    for k in ("members", "candidates", "status_quo_alternatives"):
        out += list(data[k].values())
    out += [d["position"] for d in data["documents"].values()]
    return [e for e in out if isinstance(e.get("value"), list | tuple)]


def ranged_values(params: EnlargementParams) -> list[tuple[str, float, tuple[float, float]]]:
    """Every sourced scalar that carries a ``range`` (the spread a reader might defend):
    ``(dotted key, value, (low, high))``."""
    out: list[tuple[str, float, tuple[float, float]]] = []

    def walk(v: Any, path: str) -> None:
        if isinstance(v, Sourced):
            if v.range is not None and isinstance(v.value, int | float):
                out.append((path, float(v.value), (float(v.range[0]), float(v.range[1]))))
        elif isinstance(v, BaseModel):
            for name in type(v).model_fields:
                walk(getattr(v, name), f"{path}.{name}" if path else name)
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(x, f"{path}.{k}")

    walk(params, "")
    return out


def ranged_points(
    params: EnlargementParams,
) -> list[tuple[str, int, tuple[float, float], tuple[float, float]]]:
    """Every position that the claims read (ideal points, status quo, statement) with a per-coordinate
    ``range``: ``(dotted key, axis 0/1, the point, (low, high) on that axis)``."""
    entries = [("status_quo", params.status_quo), ("statement", params.statement)]
    entries += [(f"members.{k}", v) for k, v in params.members.items()]
    entries += [(f"candidates.{k}", v) for k, v in params.candidates.items()]
    return [
        (key, axis, tuple(e.value), tuple(e.range[axis]))
        for key, e in entries
        if e.range is not None
        for axis in (0, 1)
    ]
