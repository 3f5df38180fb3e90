"""Base classes for parameters that carry their source.

Every number in a scenario file is written once, next to where it comes from::

    border_stability: {value: 3.0, source: "paper §3-1: border stability is the first need"}

Model parameter classes (in ``sco_games.models``) are built from :class:`Strict` and
:class:`Sourced`; :mod:`sco_games.scenario` composes them into a whole scenario.
This module knows nothing of YAML files or of the SCO.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

__all__ = ["Strict", "Sourced", "unwrap", "sources", "set_values"]


class Strict(BaseModel):
    """A frozen pydantic model that rejects unknown keys, NaN and infinities."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=False)


class Sourced(Strict, Generic[T]):
    """A value with its source (paper section or footnote, or a data set).

    ``range`` records the spread where sources disagree (e.g. 1,000 vs 4,000 km2).

    >>> from typing import Annotated
    >>> from pydantic import Field
    >>> class P(Strict):
    ...     stake: Sourced[Annotated[float, Field(ge=0)]]
    >>> P(stake={"value": 2, "source": "paper §2-1"}).stake.value
    2.0
    """

    value: T
    source: str = Field(min_length=3, description="paper section/footnote or data set")
    note: str | None = None
    range: tuple[float, float] | None = None


def unwrap(model: BaseModel) -> dict[str, Any]:
    """The plain values of a parameter object: every :class:`Sourced` replaced by its value.

    >>> from typing import Annotated
    >>> class Q(Strict):
    ...     a: Sourced[float]
    ...     b: int = 3
    >>> unwrap(Q(a={"value": 1.5, "source": "fn 12"}))
    {'a': 1.5, 'b': 3}
    """
    out: dict[str, Any] = {}
    for name in type(model).model_fields:
        out[name] = _unwrap_value(getattr(model, name))
    return out


def _unwrap_value(v: Any) -> Any:
    if isinstance(v, Sourced):
        return _unwrap_value(v.value)
    if isinstance(v, BaseModel):
        return unwrap(v)
    if isinstance(v, dict):
        return {k: _unwrap_value(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return type(v)(_unwrap_value(x) for x in v)
    return v


def sources(model: BaseModel, prefix: str = "") -> list[tuple[str, Any, str]]:
    """Rows ``(key.path, value, source)`` for every :class:`Sourced` value, in file order.

    >>> class Q(Strict):
    ...     a: Sourced[float]
    >>> sources(Q(a={"value": 1.5, "source": "fn 12"}), "x")
    [('x.a', 1.5, 'fn 12')]
    """
    rows: list[tuple[str, Any, str]] = []
    for name in type(model).model_fields:
        _collect(getattr(model, name), f"{prefix}.{name}" if prefix else name, rows)
    return rows


def _collect(v: Any, path: str, rows: list) -> None:
    if isinstance(v, Sourced):
        rows.append((path, _unwrap_value(v.value), v.source))
    elif isinstance(v, BaseModel):
        rows.extend(sources(v, path))
    elif isinstance(v, dict):
        for k, x in v.items():
            _collect(x, f"{path}.{k}", rows)
    elif isinstance(v, (list, tuple)):
        for i, x in enumerate(v):
            _collect(x, f"{path}[{i}]", rows)


def set_values(
    data: Mapping[str, Any], values: Mapping[str, Any], label: str = "override"
) -> tuple[dict[str, Any], list[str]]:
    """``(copy, unknown)``: a deep copy of ``data`` (nested mappings: a scenario file, or a parameter object's
    ``model_dump()``) with each dotted key of ``values`` set, and the keys that name no entry (left unset).

    A sourced entry (``{value, source, ...}``) keeps its other fields and its source becomes
    ``"<label> (was <old value> from <old source>)"``; any other entry is replaced by the new value. The one
    walker behind scenario overrides and the models' counterfactuals.

    >>> d = {"a": {"x": {"value": 1, "source": "fn 1"}, "n": 3}}
    >>> set_values(d, {"a.x": 2, "a.n": 4, "a.y": 0})
    ({'a': {'x': {'value': 2, 'source': 'override (was 1 from fn 1)'}, 'n': 4}}, ['a.y'])
    """
    out = copy.deepcopy(dict(data))
    unknown = []
    for dotted, new in values.items():
        *parents, last = str(dotted).split(".")
        cur: Any = out
        for part in parents:
            cur = cur.get(part) if isinstance(cur, dict) else None
        if not isinstance(cur, dict) or last not in cur:
            unknown.append(str(dotted))
            continue
        old = cur[last]
        if isinstance(old, dict) and "value" in old and "source" in old:
            was = f"{label} (was {old['value']!r} from {old['source']})"
            cur[last] = {**old, "value": new, "source": was}
        else:
            cur[last] = new
    return out, unknown

