"""The uncertain values of a scenario section: every entry that declares a ``range`` (a number, or a point
with a range per coordinate) or ``alternatives`` (a discrete choice) becomes one :class:`Uncertainty` per
dimension (a point: one per coordinate). The scenario files declare them (README, "Add a scenario");
:mod:`sco_games.sourced` checks them.

>>> from sco_games.scenario import load_scenario
>>> u = uncertainties(load_scenario("params/founding_2001.yaml").border, include=["war_cost_*"])
>>> [(x.key, x.kind, x.low, x.high) for x in u]
[('war_cost_china', 'uniform', 0.05, 1.0), ('war_cost_neighbour', 'uniform', 0.05, 1.0)]
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

__all__ = ["AXES", "Uncertainty", "uncertainties"]

#: the names of a point's coordinates (the enlargement model's policy square: x, y)
AXES = ("x", "y")


@dataclass(frozen=True)
class Uncertainty:
    """One dimension of the uncertainty box.

    ``key``: the dotted key of the section (as :func:`sco_games.sourced.set_values` takes it);
    ``coordinate``: ``None`` for a number or a choice, else the coordinate of a point (0 = x, 1 = y);
    ``kind``: ``uniform``, ``triangular``, ``loguniform`` (over ``[low, high]``, ``mode`` the coded value)
    or ``categorical`` (``choices``, the coded value first, drawn with ``weights``, which sum to 1).
    """

    key: str
    kind: str
    value: Any
    source: str
    low: float | None = None
    high: float | None = None
    coordinate: int | None = None
    choices: tuple = ()
    weights: tuple[float, ...] = ()

    @property
    def label(self) -> str:
        """The key, with the coordinate's axis for a point (``members.China (x)``)."""
        return self.key if self.coordinate is None else f"{self.key} ({AXES[self.coordinate]})"

    @property
    def mode(self) -> Any:
        """The coded value of this dimension (a point's coordinate for a point)."""
        return self.value if self.coordinate is None else self.value[self.coordinate]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (points and choices as lists)."""
        def plain(x: Any) -> Any:
            return [plain(y) for y in x] if isinstance(x, list | tuple) else x
        return {"key": self.key, "label": self.label, "kind": self.kind, "value": plain(self.value),
                "source": self.source, "low": self.low, "high": self.high, "coordinate": self.coordinate,
                "choices": plain(self.choices), "weights": list(self.weights)}


def _is_entry(v: Any) -> bool:
    return isinstance(v, BaseModel) and {"value", "source", "range"} <= set(type(v).model_fields)


def _of_entry(key: str, e: Any) -> list[Uncertainty]:
    alts = getattr(e, "alternatives", None)
    if alts:
        choices = (e.value, *alts)
        w = e.weights or (1.0,) * len(choices)
        total = float(sum(w))
        return [Uncertainty(key, "categorical", e.value, e.source, choices=choices,
                            weights=tuple(float(x) / total for x in w))]
    if e.range is None:
        return []
    kind = getattr(e, "distribution", None) or "uniform"
    if isinstance(e.value, tuple):  # a point: a range per coordinate
        return [Uncertainty(key, kind, e.value, e.source, float(lo), float(hi), coordinate=i)
                for i, (lo, hi) in enumerate(e.range) if hi > lo]
    lo, hi = e.range
    return [Uncertainty(key, kind, e.value, e.source, float(lo), float(hi))] if hi > lo else []


def _walk(v: Any, key: str, out: list[Uncertainty]) -> None:
    if _is_entry(v):
        out.extend(_of_entry(key, v))
    elif isinstance(v, BaseModel):
        for name in type(v).model_fields:
            _walk(getattr(v, name), f"{key}.{name}" if key else name, out)
    elif isinstance(v, dict):
        for k, x in v.items():
            _walk(x, f"{key}.{k}" if key else str(k), out)


def _matches(key: str, patterns: Sequence[str]) -> bool:
    return any(key == p or fnmatch.fnmatchcase(key, p) for p in patterns)


def uncertainties(section: BaseModel, include: Sequence[str] | None = None,
                  exclude: Sequence[str] | None = None) -> list[Uncertainty]:
    """Every uncertain value of ``section`` (a model's parameters), in file order; ``include`` keeps only
    the keys it names, ``exclude`` drops keys (exact dotted keys or ``fnmatch`` patterns, e.g.
    ``"members.*"``). A pattern that names no uncertain key is a ``ValueError`` that lists them.
    A range of zero width is no uncertainty.
    """
    out: list[Uncertainty] = []
    _walk(section, "", out)
    keys = list(dict.fromkeys(u.key for u in out))
    for what, pats in (("include", include), ("exclude", exclude)):
        for p in pats or ():
            if not _matches_any(p, keys):
                raise ValueError(f"{what}: {p!r} names no uncertain value of this section (those with a "
                                 f"range or alternatives: {', '.join(keys) or 'none'})")
    if include:
        out = [u for u in out if _matches(u.key, include)]
    if exclude:
        out = [u for u in out if not _matches(u.key, exclude)]
    return out


def _matches_any(pattern: str, keys: Sequence[str]) -> bool:
    return any(_matches(k, [pattern]) for k in keys)
