"""The partnership section of a scenario: :class:`PartnershipParams` (payoff terms and the triangle's
relations, each with its source), the players and strategies, and plain-value helpers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field, field_validator

from sco_games.sourced import Sourced, Strict, check_section, set_values, unwrap

__all__ = [
    "PLAYERS",
    "STRATEGIES",
    "RELATION_KEYS",
    "PAYOFF_KEYS",
    "PartnershipParams",
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


class PartnershipParams(Strict):
    """Parameters of the partnership model, one section (``partnership:``) of a scenario file.

    Payoff terms are in one common unit: 1 = a "minor" interest, 2 = "significant", 3 = "major",
    4 = "vital" (an ordinal ladder; the scenario files say why each value sits where it does).
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
    rivalry_cost_russia: NonNeg = Field(description="C_R: Russia's cost of re-arming the border")
    rivalry_cost_china: NonNeg = Field(description="C_C: China's cost of re-arming the border")
    relation_russia_china: Relation = Field(description="sign/strength of Russia-China relations")
    relation_russia_us: Relation = Field(description="sign/strength of Russia-US relations")
    relation_china_us: Relation = Field(description="sign/strength of China-US relations")

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
            "rivalry_cost_russia": 3.0, "rivalry_cost_china": 3.0,
            "relation_russia_china": 0.5, "relation_russia_us": -0.5, "relation_china_us": -0.5,
        }
        for k in changes:
            if k not in base:
                raise ValueError(f"example(): unknown parameter {k!r}; allowed: {sorted(base)}")
        base.update(changes)
        return cls(**{k: {"value": v, "source": "example"} for k, v in base.items()})


#: Payoff-relevant keys (everything but the triangle's relations), in field order.
PAYOFF_KEYS: tuple[str, ...] = tuple(k for k in PartnershipParams.model_fields if k not in RELATION_KEYS)


def values_of(params: PartnershipParams | Mapping[str, Any], caller: str = "values_of") -> dict[str, Any]:
    """Plain values (floats or arrays) keyed by parameter name, from a params object or a mapping.
    Anything else (e.g. a whole scenario) is a ``TypeError`` that says what to pass."""
    if isinstance(params, Mapping) and "partnership" not in params:
        return dict(params)
    check_section(params, PartnershipParams, "partnership", caller)
    return unwrap(params)


def with_values(params: PartnershipParams, **values: float) -> PartnershipParams:
    """A copy of ``params`` with some values replaced (source "counterfactual"); unknown keys are errors.

    >>> with_values(PartnershipParams.example(), distrust_cost=0).distrust_cost.value
    0.0
    """
    check_section(params, PartnershipParams, "partnership", "with_values")
    data, unknown = set_values(params.model_dump(), values, "counterfactual")
    if unknown:
        raise ValueError(f"with_values: unknown parameter {unknown[0]!r}; allowed: {list(data)}")
    return PartnershipParams.model_validate(data)
