"""The partnership section of a scenario: :class:`PartnershipParams` (payoff terms and the triangle's
relations, each with its source), the players and strategies, and plain-value helpers.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator

from sco_games.sourced import Sourced, Strict, check_section, set_values, unwrap, validated

__all__ = [
    "PLAYERS",
    "STRATEGIES",
    "RELATION_KEYS",
    "PAYOFF_KEYS",
    "Event",
    "PartnershipParams",
    "apply_events",
    "values_of",
    "with_values",
]


PLAYERS: tuple[str, str] = ("Russia", "China")

STRATEGIES: tuple[str, str, str] = ("Ally", "Partner", "Rival")

ALLY, PARTNER, RIVAL = 0, 1, 2

NonNeg = Sourced[Annotated[float, Field(ge=0, le=100)]]

Depth = Sourced[Annotated[float, Field(gt=0, lt=1)]]

Relation = Sourced[Annotated[float, Field(ge=-1, le=1)]]

#: The bilateral relations of the strategic triangle (Dittmer), values in [-1, 1], sign = friend/foe.
RELATION_KEYS: tuple[str, str, str] = ("relation_russia_china", "relation_russia_us", "relation_china_us")


class Event(Strict):
    """A dated event that changes payoff values: ``effects`` maps parameter names to additive changes.
    Its ``date`` must not be after the scenario's date (checked by the scenario loader)."""

    name: str = Field(min_length=1)
    date: _dt.date
    source: str = Field(min_length=3)
    effects: dict[str, float]

    @field_validator("effects")
    @classmethod
    def _finite(cls, v: dict[str, float]) -> dict[str, float]:
        bad = [k for k, d in v.items() if not math.isfinite(d)]
        if bad:
            raise ValueError(f"effects must be finite numbers; not {bad}")
        return v


class PartnershipParams(Strict):
    """Parameters of the partnership model, one section (``partnership:``) of a scenario file.

    Payoff terms are in one common unit: 1 = a "minor" interest, 2 = "significant", 3 = "major",
    4 = "vital". The ladder is read as a **cardinal** utility scale (a "major" interest is worth three
    "minor" ones): the equilibria depend on sums of terms, so this is an assumption, and
    ``ladder_check`` re-solves the game under a convex and a concave reading of the ladder.
    The values are the founding-2001 structure; ``events`` (dated, sourced) add changes to them, and every
    model function computes with the values plus the events (:func:`apply_events`).
    Relations of the triangle are in [-1, 1]; their sign is what Dittmer's patterns use, and a
    relation of exactly 0 is rejected (a neutral relation has no pattern; give it a sign).
    """

    border_stability: NonNeg = Field(description="B: value of a quiet border (lost if either side is Rival)")
    security_guarantee: NonNeg = Field(
        description="G: mutual guarantee of state integrity, no support for the other's separatists")
    counterweight_russia: NonNeg = Field(description="W_R: Russia's value of a full joint front vs the US")
    counterweight_china: NonNeg = Field(description="W_C: China's value of a full joint front vs the US")
    partnership_depth: Depth = Field(
        description="theta in (0, 1): how much of an alliance's alignment a partnership carries")
    us_stake_russia: NonNeg = Field(description="U_R: what full alignment against the US costs Russia")
    us_stake_china: NonNeg = Field(description="U_C: what full alignment against the US costs China")
    alliance_backing: NonNeg = Field(description="S: value of the other's backing when it is an Ally")
    distrust_cost: NonNeg = Field(description="D: intimacy cost of an alliance across a distrusted border")
    entrapment_cost_russia: NonNeg = Field(description="N_R: Russia drawn into China's conflicts (Taiwan)")
    entrapment_cost_china: NonNeg = Field(description="N_C: China drawn into Russia's conflicts")
    abandonment_cost_russia: NonNeg = Field(description="E_R: Russia committed alone")
    abandonment_cost_china: NonNeg = Field(description="E_C: China committed alone (Köln 1999)")
    rivalry_cost_russia: NonNeg = Field(
        description="C_R: Russia's cost of re-arming (budget, forces), beyond the loss of B + G")
    rivalry_cost_china: NonNeg = Field(
        description="C_C: China's cost of re-arming (budget, forces), beyond the loss of B + G")
    exposure_cost_russia: NonNeg = Field(
        description="V_R: Russia's exposure to China's re-armed border while Russia does not re-arm")
    exposure_cost_china: NonNeg = Field(
        description="V_C: China's exposure to Russia's re-armed border while China does not re-arm")
    relation_russia_china: Relation = Field(description="sign/strength of Russia-China relations")
    relation_russia_us: Relation = Field(description="sign/strength of Russia-US relations")
    relation_china_us: Relation = Field(description="sign/strength of China-US relations")
    events: list[Event] = Field(default_factory=list, description="dated changes to the founding values")

    @model_validator(mode="after")
    def _events_keep_values_valid(self) -> PartnershipParams:
        for ev in self.events:
            unknown = [k for k in ev.effects if k not in PAYOFF_KEYS]
            if unknown:
                raise ValueError(f"event {ev.name!r}: unknown parameter(s) {unknown}; allowed: "
                                 f"{list(PAYOFF_KEYS)}")
        total: dict[str, float] = {}
        for ev in self.events:
            for k, d in ev.effects.items():
                total[k] = total.get(k, 0.0) + d
        for k, d in total.items():
            v = getattr(self, k).value + d
            if v < 0 or (k == "partnership_depth" and not 0 < v < 1):
                raise ValueError(f"the events take {k} to {v:g}, outside its allowed values")
        return self

    @field_validator(*RELATION_KEYS)
    @classmethod
    def _relation_has_sign(cls, v: Sourced) -> Sourced:
        if v.value == 0:
            raise ValueError("must be non-zero: the triangle needs a sign (+ friend, - foe), in [-1, 1]")
        return v

    @classmethod
    def example(cls, **changes: float) -> PartnershipParams:
        """A parameter set for doctests and tests (the founding-2001 values, sourced as "example")."""
        base = {
            "border_stability": 3.0, "security_guarantee": 2.0,
            "counterweight_russia": 1.0, "counterweight_china": 1.0, "partnership_depth": 0.5,
            "us_stake_russia": 2.0, "us_stake_china": 2.0, "alliance_backing": 1.0, "distrust_cost": 2.0,
            "entrapment_cost_russia": 2.0, "entrapment_cost_china": 1.0,
            "abandonment_cost_russia": 1.0, "abandonment_cost_china": 2.0,
            "rivalry_cost_russia": 2.0, "rivalry_cost_china": 2.0,
            "exposure_cost_russia": 1.0, "exposure_cost_china": 1.0,
            "relation_russia_china": 0.5, "relation_russia_us": -0.5, "relation_china_us": -0.5,
        }
        for k in changes:
            if k not in base:
                raise ValueError(f"example(): unknown parameter {k!r}; allowed: {sorted(base)}")
        base.update(changes)
        return cls(**{k: {"value": v, "source": "example"} for k, v in base.items()})


#: Payoff-relevant keys (everything but the triangle's relations), in field order.
PAYOFF_KEYS: tuple[str, ...] = tuple(k for k in PartnershipParams.model_fields
                                     if k not in RELATION_KEYS and k != "events")


def apply_events(params: PartnershipParams, events: list[Event] | None = None,
                 scale: float = 1.0) -> PartnershipParams:
    """``params`` with the effects of ``events`` (default: its own) added, each multiplied by ``scale``, and
    no events left (sources marked "event: <name>"). Values the events would push below their allowed
    minimum are a ``ValueError`` (a scaled event is clipped at 0 instead, as a cost cannot be negative).

    >>> from sco_games.models.partnership.params import Event
    >>> ev = Event(name="x", date="2002-01-01", source="test", effects={"us_stake_russia": 1.0})
    >>> apply_events(PartnershipParams.example(), [ev], scale=2).us_stake_russia.value
    4.0
    """
    check_section(params, PartnershipParams, "partnership", "apply_events")
    evs = params.events if events is None else events
    data = params.model_dump()
    data["events"] = []
    for ev in evs:
        for k, d in ev.effects.items():
            entry = data[k]
            new = entry["value"] + scale * d
            if scale != 1.0:
                new = max(new, 0.0) if k != "partnership_depth" else min(max(new, 1e-6), 1 - 1e-6)
            entry["value"] = new
            entry["source"] = f"event: {ev.name}; " + entry["source"]
            if entry.get("range"):
                lo, hi = entry["range"]
                entry["range"] = (max(min(lo + scale * d, new), 0.0), max(hi + scale * d, new))
    return PartnershipParams.model_validate(data)


def values_of(params: PartnershipParams | Mapping[str, Any], caller: str = "values_of") -> dict[str, Any]:
    """Plain values (floats or arrays) keyed by parameter name, from a params object or a mapping.
    Anything else (e.g. a whole scenario) is a ``TypeError`` that says what to pass."""
    if isinstance(params, Mapping) and "partnership" not in params:
        return dict(params)
    check_section(params, PartnershipParams, "partnership", caller)
    if params.events:
        params = apply_events(params)
    out = unwrap(params)
    out.pop("events", None)
    return out


def with_values(params: PartnershipParams, **values: float) -> PartnershipParams:
    """A copy of ``params`` with its events applied and then some values replaced (source "counterfactual"):
    the result has no events, and each value given is the value the model computes with. Unknown keys are
    errors. (A scenario *override* instead sets a founding value, to which the scenario's events are added.)

    >>> with_values(PartnershipParams.example(), distrust_cost=0).distrust_cost.value
    0.0
    """
    check_section(params, PartnershipParams, "partnership", "with_values")
    if params.events:
        params = apply_events(params)
    data, unknown = set_values(params.model_dump(), values, "counterfactual")
    if unknown:
        raise ValueError(f"with_values: unknown parameter {unknown[0]!r}; allowed: {list(data)}")
    return validated(PartnershipParams, data, "partnership", "with_values")
