"""Base classes for parameters that carry their source.

Every number in a scenario file is written once, next to where it comes from::

    border_stability: {value: 3.0, source: "paper §3-1: border stability is the first need"}

Model parameter classes (in ``sco_games.models``) are built from :class:`Strict` and
:class:`Sourced`; :mod:`sco_games.scenario` composes them into a whole scenario.
This module knows nothing of YAML files or of the SCO.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from typing import Any, Generic, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

__all__ = ["DISTRIBUTIONS", "Distribution", "Strict", "Sourced", "unwrap", "sources", "set_values",
           "with_value", "check_section", "check_distribution", "check_alternatives"]

#: How a ranged value is spread over its range when the suite samples it (sco_games.uncertainty):
#: ``uniform`` (the default), ``triangular`` (the value is the mode), ``loguniform`` (positive ranges only).
DISTRIBUTIONS = ("uniform", "triangular", "loguniform")
Distribution = Literal["uniform", "triangular", "loguniform"]


class Strict(BaseModel):
    """A frozen pydantic model that rejects unknown keys, NaN and infinities."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=False)


class Sourced(Strict, Generic[T]):
    """A value with its source (paper section or footnote, or a data set).

    ``range`` records the spread where sources disagree (e.g. 1,000 vs 4,000 km2); the uncertainty layer
    samples it uniformly unless ``distribution`` names another (:data:`DISTRIBUTIONS`). A discrete choice
    (a word, a list, a flag) may instead declare ``alternatives``: the other values it could take, each
    checked like the value, with optional ``weights`` (one per choice, the value's first).

    >>> Sourced[str](value="war", source="paper §1-1", alternatives=["dispute"], weights=[1, 3]).weights
    (1.0, 3.0)

    >>> from typing import Annotated
    >>> from pydantic import Field
    >>> class P(Strict):
    ...     stake: Sourced[Annotated[float, Field(ge=0)]]
    >>> P(stake={"value": 2, "source": "paper §2-1"}).stake.value
    2.0
    >>> P(stake={"value": 5, "source": "paper §2-1", "range": [1, 3]})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for P
    stake.range
      Value error, the value 5 lies outside its own range [1, 3]: ...
    """

    value: T
    source: str = Field(min_length=3, description="paper section/footnote or data set")
    note: str | None = None
    range: tuple[float, float] | None = None
    distribution: Distribution | None = None
    alternatives: tuple[T, ...] | None = None
    weights: tuple[float, ...] | None = None

    @model_validator(mode="after")
    def _uncertainty_is_consistent(self) -> Sourced[T]:
        """``distribution`` needs a ``range``; ``alternatives`` and ``range`` exclude each other;
        ``weights`` need ``alternatives`` (see :func:`check_distribution`, :func:`check_alternatives`)."""
        if self.range is not None and self.alternatives is not None:
            raise ValueError("give a range (a continuous value) or alternatives (a discrete choice), "
                             "not both")
        r = [self.range] if self.range is not None else None
        check_distribution(self.distribution, r)
        check_alternatives(self.value, self.alternatives, self.weights)
        return self

    @field_validator("range")
    @classmethod
    def _range_is_ordered_and_holds_the_value(
        cls, r: tuple[float, float] | None, info: ValidationInfo
    ) -> tuple[float, float] | None:
        """``range`` is ``[low, high]`` and a number's own ``value`` lies in it (ends included)."""
        if r is None:
            return r
        lo, hi = r
        if lo > hi:
            raise ValueError(f"[{lo:g}, {hi:g}] is reversed: write [low, high], i.e. [{hi:g}, {lo:g}]")
        v = info.data.get("value")  # absent when the value itself failed validation
        if _is_number(v) and not lo <= v <= hi:
            raise ValueError(
                f"the value {v:g} lies outside its own range [{lo:g}, {hi:g}]: correct the value, or widen "
                "the range if the sources allow it"
            )
        return r


def check_distribution(distribution: str | None, ranges: list[tuple[float, float]] | None) -> None:
    """Raise ``ValueError`` unless ``distribution`` fits the ``ranges`` (one ``(low, high)`` per coordinate):
    a distribution needs a range, and ``loguniform`` a positive one.

    >>> check_distribution("loguniform", [(0.0, 1.0)])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: distribution loguniform needs a positive range (low > 0), not [0, 1]: use uniform ...
    """
    if distribution is None:
        return
    if distribution not in DISTRIBUTIONS:
        raise ValueError(f"distribution {distribution!r} is none of {', '.join(DISTRIBUTIONS)}")
    if ranges is None:
        raise ValueError(f"distribution {distribution} needs a range [low, high] to spread over")
    if distribution == "loguniform":
        for lo, hi in ranges:
            if lo <= 0:
                raise ValueError(f"distribution loguniform needs a positive range (low > 0), not "
                                 f"[{lo:g}, {hi:g}]: use uniform or triangular")


def check_alternatives(value: Any, alternatives: tuple | None, weights: tuple[float, ...] | None) -> None:
    """Raise ``ValueError`` unless ``alternatives`` (the other values of a discrete choice) are non-empty,
    distinct and differ from ``value``, and ``weights`` (one per choice, the value's first) are finite,
    non-negative and not all zero.

    >>> check_alternatives("war", ("war",), None)
    Traceback (most recent call last):
    ...
    ValueError: alternatives repeat 'war' (the value or another alternative): list each other choice once
    >>> check_alternatives("war", ("dispute",), (1.0,))
    Traceback (most recent call last):
    ...
    ValueError: weights: 1 given for 2 choices (the value 'war' first, then the alternatives 'dispute')
    """
    if alternatives is None:
        if weights is not None:
            raise ValueError("weights need alternatives: they weigh the value and its alternatives")
        return
    if not alternatives:
        raise ValueError("alternatives is empty: list the other values it could take, or drop the key")
    seen = [value]
    for a in alternatives:
        if a in seen:
            raise ValueError(f"alternatives repeat {a!r} (the value or another alternative): list each other "
                             "choice once")
        seen.append(a)
    if weights is None:
        return
    if len(weights) != len(seen):
        listed = ", ".join(repr(a) for a in alternatives)
        raise ValueError(f"weights: {len(weights)} given for {len(seen)} choices (the value {value!r} first, "
                         f"then the alternatives {listed})")
    if any(not (w >= 0) for w in weights) or not sum(weights) > 0:
        raise ValueError(f"weights {list(weights)} must be non-negative and not all zero")


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def with_value(entry: Mapping[str, Any], value: Any, source: str) -> dict[str, Any]:
    """A sourced entry (as a plain mapping) with a new ``value`` and ``source``, for overrides and
    counterfactuals. A ``range`` that does not hold the new value is dropped, and the source says so: the
    range is the spread of the sources around the old value, and a what-if beyond it is not a mistake.

    >>> with_value({"value": 0.2, "source": "fn 9", "range": [0.1, 0.4]}, 0.3, "override")["range"]
    [0.1, 0.4]
    >>> with_value({"value": 0.2, "source": "fn 9", "range": [0.1, 0.4]}, 0.0, "override")
    {'value': 0.0, 'source': 'override; outside the range [0.1, 0.4] of the sources, so no range'}
    """
    out = {**entry, "value": value, "source": source}
    r = out.get("range")
    if r is not None and _is_number(value) and all(_is_number(x) for x in r) and not r[0] <= value <= r[1]:
        del out["range"]
        out.pop("distribution", None)
        out["source"] = f"{source}; outside the range [{r[0]:g}, {r[1]:g}] of the sources, so no range"
    elif r is not None and _outside_per_coordinate(value, r):  # a point with a [lo, hi] range per coordinate
        del out["range"]
        out.pop("distribution", None)
        out["source"] = f"{source}; outside the range {list(map(list, r))} of the sources, so no range"
    alts = out.get("alternatives")
    if isinstance(alts, list | tuple) and _same_choice(value, alts):  # the value picks one of them
        old = entry.get("value")
        rest = [a for a in alts if not _same_choice(value, [a])]
        out["alternatives"] = [old, *rest] if old is not None and not _same_choice(old, rest) else rest
        out.pop("weights", None)
        out["source"] = f"{out['source']}; the alternatives now list the old value (weights dropped)"
        if not out["alternatives"]:
            del out["alternatives"]
    return out


def _same_choice(value: Any, choices: list | tuple) -> bool:
    """Whether ``value`` equals one of ``choices`` (a point as a list or a tuple alike)."""
    def norm(x: Any) -> Any:
        return tuple(x) if isinstance(x, list | tuple) else x
    return any(norm(value) == norm(c) for c in choices)


def _outside_per_coordinate(value: Any, r: Any) -> bool:
    """Whether a point ``value`` lies outside a per-coordinate range ``[[lo, hi], ...]`` (False if the two
    are not of that shape)."""
    if not isinstance(value, list | tuple) or not isinstance(r, list | tuple) or len(value) != len(r):
        return False
    if not all(_is_number(v) for v in value):
        return False
    if not all(isinstance(b, list | tuple) and len(b) == 2 and all(_is_number(x) for x in b) for b in r):
        return False
    return not all(lo <= v <= hi for v, (lo, hi) in zip(value, r, strict=True))


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
            cur[last] = with_value(old, new, f"{label} (was {old['value']!r} from {old['source']})")
        elif last == "value" and "source" in cur:  # "x.value": the same as "x", the source marked too
            entry = with_value(cur, new, f"{label} (was {cur['value']!r} from {cur['source']})")
            cur.clear()
            cur.update(entry)
        else:
            cur[last] = new
    return out, unknown


def _fmt_loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def lookup(data: Any, loc: tuple) -> tuple[bool, Any]:
    """``(found, value)`` at the key path ``loc`` of nested mappings/lists ``data``."""
    cur = data
    for part in loc:
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            return False, None
    return True, cur


def describe_error(err: dict, data: Any, prefix: str = "") -> str:
    """One line for one pydantic error ``err`` (from ``ValidationError.errors()``) on the input ``data``:
    ``key = value: rule``, with the key dotted from the top of ``data`` (``prefix`` before it), the value
    as the user wrote it, and the rule in words (no pydantic URLs or type tags)."""
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    # pydantic adds the type name of tagged/generic unions to loc; keep only real keys
    key = prefix + _fmt_loc(loc) if loc else (prefix.rstrip(".") or "(top level)")
    kind = err["type"]
    if kind == "missing":
        return f"{key}: missing (required key)"
    if kind == "extra_forbidden":
        return f"{key}: unknown key (not allowed here; check the spelling against the other scenarios)"
    found, value = lookup(data, loc)
    shown = repr(value) if found else repr(err.get("input"))
    if found and isinstance(value, dict) and "value" in value:  # a whole sourced entry: its value says enough
        shown = f"{{value: {value['value']!r}, ...}}"
    if len(shown) > 80:
        shown = shown[:77] + "..."
    msg = err["msg"]
    if kind == "value_error":  # our validators' own sentences: drop pydantic's "Value error, " prefix
        msg = msg.removeprefix("Value error, ")
    elif kind == "model_type" and str(err.get("ctx", {}).get("class_name", "")).startswith("Sourced["):
        msg = 'must be a value with its source, {value: ..., source: "paper §..."}'
    if kind == "finite_number" or (isinstance(value, float) and not math.isfinite(value)):
        msg = "must be a finite number (NaN and infinity are not allowed)"
    return f"{key} = {shown}: {msg}"


def validated(cls: type[M], data: Mapping[str, Any], section: str, caller: str) -> M:
    """``cls.model_validate(data)``, or a ``ValueError`` in the scenario files' style: ``caller``, then one
    line per problem, ``section.key = value: rule`` (never a raw pydantic error)."""
    try:
        return cls.model_validate(data)
    except ValidationError as e:
        lines = "\n".join(f"  - {describe_error(err, data, section + '.')}" for err in e.errors())
        raise ValueError(f"{caller}: invalid values ({len(e.errors())} problem(s)):\n{lines}") from None


def check_section(params: Any, cls: type[BaseModel], section: str, caller: str) -> None:
    """Raise ``TypeError`` unless ``params`` is a ``cls``, saying what to pass: a model takes one section
    of a scenario, and the commonest slip is to pass the whole scenario (or its raw mapping).

    >>> class Sec(Strict):
    ...     a: int = 1
    >>> class Whole(Strict):
    ...     sec: Sec = Sec()
    >>> check_section(Whole(), Sec, "sec", "analyze")
    Traceback (most recent call last):
    ...
    TypeError: analyze() takes one section of a scenario (Sec), not the whole Whole: pass scenario.sec
    """
    if isinstance(params, cls):
        return
    if isinstance(getattr(params, section, None), cls) or (isinstance(params, Mapping) and section in params):
        raise TypeError(f"{caller}() takes one section of a scenario ({cls.__name__}), not the whole "
                        f"{type(params).__name__}: pass scenario.{section}")
    raise TypeError(f"{caller}() takes a {cls.__name__} (a scenario's {section!r} section, e.g. "
                    f"load_scenario(path).{section}), got {type(params).__name__}")
