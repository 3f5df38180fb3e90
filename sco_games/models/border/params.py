"""The border section of a scenario: :class:`BorderParams` (behavioural parameters, each with its source).

The dyads' facts (areas, dates) are package data: :mod:`sco_games.models.border.settlements`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from sco_games.sourced import Sourced, Strict

__all__ = [
    "NEIGHBOURS",
    "BorderParams",
]


Neighbour = Literal["Tajikistan", "Kyrgyzstan", "Kazakhstan", "Russia"]

NEIGHBOURS: tuple[str, ...] = ("Tajikistan", "Kyrgyzstan", "Kazakhstan", "Russia")

_Share = Annotated[float, Field(ge=0, le=1)]

_Curvature = Annotated[float, Field(gt=0, le=1)]

_NonNeg = Annotated[float, Field(ge=0, le=100)]

_Positive = Annotated[float, Field(gt=0, le=100)]

_OpenUnit = Annotated[float, Field(gt=0, lt=1)]


class BorderParams(Strict):
    """The border section of a scenario: behavioural parameters (the dyad facts are package data).

    Costs and values are in units of each side's value of the whole disputed area. ``range`` on an entry is
    the plausible spread used by :func:`linkage_sensitivity`.
    """

    dyads: list[Neighbour] = Field(min_length=1, description="dyads to show, in order")
    focus_dyad: Neighbour = Field(description="the dyad the notebook's figures focus on")
    disagreement: Sourced[Literal["war", "dispute"]]
    valuation_curvature_china: Sourced[_Curvature]
    valuation_curvature_neighbour: Sourced[_Curvature]
    war_cost_china: Sourced[_NonNeg]
    war_cost_neighbour: Sourced[_NonNeg]
    dispute_cost_china: Sourced[_NonNeg]
    dispute_cost_neighbour: Sourced[_NonNeg]
    nash_weight_china: Sourced[_OpenUnit]
    discount_rate_china: Sourced[_Positive]
    discount_rate_neighbour: Sourced[_Positive]
    offer_interval_years: Sourced[_Positive]
    neighbour_outside_option: Sourced[_Share]
    linkage_prior: Sourced[_NonNeg]

    @model_validator(mode="after")
    def _focus_is_shown(self) -> BorderParams:
        if len(set(self.dyads)) != len(self.dyads):
            raise ValueError(f"dyads = {self.dyads!r}: each dyad at most once")
        if self.focus_dyad not in self.dyads:
            raise ValueError(f"focus_dyad = {self.focus_dyad!r} must be one of dyads {self.dyads!r}")
        return self

    @classmethod
    def example(cls, **values: Any) -> BorderParams:
        """A neutral parameter set for doctests and tests (linear values, equal costs 0.25, no outside
        option); keyword arguments replace values."""
        base: dict[str, Any] = {
            "disagreement": "war",
            "valuation_curvature_china": 1.0,
            "valuation_curvature_neighbour": 1.0,
            "war_cost_china": 0.25,
            "war_cost_neighbour": 0.25,
            "dispute_cost_china": 0.1,
            "dispute_cost_neighbour": 0.1,
            "nash_weight_china": 0.5,
            "discount_rate_china": 0.05,
            "discount_rate_neighbour": 0.05,
            "offer_interval_years": 1.0,
            "neighbour_outside_option": 0.0,
            "linkage_prior": 0.0,
        }
        base.update(values)
        data: dict[str, Any] = {"dyads": list(NEIGHBOURS), "focus_dyad": "Tajikistan"}
        data.update({k: {"value": v, "source": "example"} for k, v in base.items()})
        return cls.model_validate(data)
