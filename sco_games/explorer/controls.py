"""The explorer's controls: every sourced value of a scenario section that declares a ``range``, as a
slider's bounds, and the overrides a set of slider positions stands for (issue 14).

No widget here (plain data, tested without a browser): :mod:`sco_games.explorer.widget` turns each
:class:`Control` into a slider, and applies the positions with :func:`overrides_of` through the scenario's
own overrides (:func:`sco_games.scenario.scenario_from_data`), so the model sees exactly what
``load_scenario(path, overrides)`` gives, source "override (was ...)" included.

A number with a range is one control; a point with a range per coordinate (the enlargement's positions,
``[[x_lo, x_hi], [y_lo, y_hi]]``) is one control per coordinate, and moving either sets the whole point.

>>> from sco_games.scenario import load_scenario
>>> cs = controls(load_scenario("params/founding_2001.yaml"), "partnership")
>>> c = cs[0]
>>> c.key, c.value, (c.low, c.high)
('partnership.border_stability', 3.0, (2.0, 4.0))
>>> overrides_of(cs, {"partnership.border_stability": 3.5})
{'partnership.border_stability': 3.5}
>>> m = controls(load_scenario("params/founding_2001.yaml"), "enlargement")[0]
>>> m.key, m.coordinate, m.label
('enlargement.members.China', 0, 'members.China (x)')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from sco_games.scenario import Scenario

__all__ = ["Control", "SECTIONS", "controls", "overrides_of", "control_id", "STEPS"]

#: The scenario sections the explorer has a view of (one per model).
SECTIONS: tuple[str, ...] = ("partnership", "border", "enlargement")
#: Slider positions across a range (the step is (high - low) / STEPS).
STEPS = 100
_AXES = ("x", "y")


@dataclass(frozen=True)
class Control:
    """One slider: the value at ``key`` (dotted, from the scenario's top: ``partnership.us_stake_russia``),
    or its coordinate ``coordinate`` (0 = x, 1 = y) for a point, within ``[low, high]``, starting at
    ``value`` (the file's). ``point``: the whole point as in the file (None for a number). ``source`` and
    ``note`` are the file's text (untrusted: escape it where it is shown)."""

    key: str
    path: tuple[str, ...]
    coordinate: int | None
    value: float
    low: float
    high: float
    source: str
    note: str | None
    point: tuple[float, ...] | None

    @property
    def id(self) -> str:
        """The control's id: ``key``, or ``key[0]``/``key[1]`` for a coordinate."""
        return control_id(self.key, self.coordinate)

    @property
    def label(self) -> str:
        """The key without its section, and the axis of a coordinate: ``members.China (x)``."""
        short = ".".join(self.path[1:])
        return short if self.coordinate is None else f"{short} ({_AXES[self.coordinate]})"

    @property
    def step(self) -> float:
        return (self.high - self.low) / STEPS if self.high > self.low else 1.0


def control_id(key: str, coordinate: int | None = None) -> str:
    """``key`` for a number, ``key[i]`` for coordinate ``i`` of a point."""
    return key if coordinate is None else f"{key}[{coordinate}]"


def _is_sourced(v: Any) -> bool:
    return isinstance(v, BaseModel) and {"value", "source", "range"} <= set(type(v).model_fields)


def _walk(v: Any, path: tuple[str, ...], out: list[Control]) -> None:
    if _is_sourced(v):
        r, val = v.range, v.value
        if r is None:
            return
        if isinstance(val, int | float) and not isinstance(val, bool):
            out.append(Control(".".join(path), path, None, float(val), float(r[0]), float(r[1]), v.source,
                               v.note, None))
        elif isinstance(val, tuple | list):
            point = tuple(float(x) for x in val)
            for i, (lo, hi) in enumerate(r):
                out.append(Control(".".join(path), path, i, point[i], float(lo), float(hi), v.source, v.note,
                                   point))
    elif isinstance(v, BaseModel):
        for name in type(v).model_fields:
            _walk(getattr(v, name), (*path, name), out)
    elif isinstance(v, dict):
        for k, x in v.items():
            _walk(x, (*path, str(k)), out)


def controls(scenario: Scenario, section: str) -> list[Control]:
    """The controls of ``scenario.<section>``, in the order of the section's fields (the same in every
    scenario; a mapping's entries in file order): every sourced value with a ``range``.

    Raises ``ValueError`` for a section the scenario does not have."""
    if section not in SECTIONS:
        raise ValueError(f"controls: unknown section {section!r}; allowed: {', '.join(SECTIONS)}")
    if getattr(scenario, section) is None:
        raise ValueError(f"controls: scenario {scenario.meta.name!r} does not code the {section} model "
                         "(its file has no such section)")
    out: list[Control] = []
    _walk(getattr(scenario, section), (section,), out)
    return out


def overrides_of(cs: list[Control], values: Mapping[str, float]) -> dict[str, Any]:
    """The overrides that the slider positions ``values`` (control id -> value) stand for: only values that
    differ from the file's, keyed as :func:`sco_games.scenario.apply_overrides` takes them (dotted; a key
    part that itself holds a dot is nested instead), a point as the list of its coordinates."""
    changed: dict[tuple[str, ...], Any] = {}
    for c in cs:
        v = float(values.get(c.id, c.value))
        if v == c.value:
            continue
        if c.coordinate is None:
            changed[c.path] = v
        else:
            pt = changed.get(c.path) or [float(values.get(control_id(c.key, i), x))
                                         for i, x in enumerate(c.point or ())]
            changed[c.path] = pt
    out: dict[str, Any] = {}
    for path, v in changed.items():
        if not any("." in p for p in path):
            out[".".join(path)] = v
            continue
        cur = out
        for p in path[:-1]:
            cur = cur.setdefault(p, {})
        cur[path[-1]] = v
    return out
