"""Parameters of the enlargement model (the ``enlargement:`` section of a scenario file).

Every value is a :class:`~sco_games.sourced.Sourced` entry citing the paper (section / footnote) or,
where the paper is silent, saying that the coding is ours. Capability weights are *not* here: they
come from :mod:`sco_games.data.capabilities` (one source of truth).

The policy space is the square ``[-1, 1] x [-1, 1]``:

* ``x`` -- stance toward the US (its military presence in Central Asia; in 2003 its war on Iraq):
  -1 firmly against, +1 welcomes it;
* ``y`` -- the depth of security cooperation the state wants inside the SCO (joint anti-terror
  structures, common positions): -1 a loose forum, +1 deep integration.

>>> from sco_games.scenario import load_scenario
>>> p = load_scenario("params/founding_2001.yaml").enlargement
>>> sorted(p.members)[:2], p.statuses.observer.prestige_share.value
(['China', 'Kazakhstan'], 0.5)
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator, model_validator

from sco_games.data.capabilities import capabilities
from sco_games.sourced import Distribution, Sourced, Strict, check_alternatives, check_distribution

__all__ = [
    "STATUSES",
    "Coordinate",
    "EnlargementParams",
    "PayoffWeights",
    "RecordedDocument",
    "SourcedPoint",
    "StatusShares",
    "StatusTable",
]

#: The SCO's three stages of association, weakest first (Nazarbaev, paper §3-2, fn 62).
STATUSES: tuple[str, ...] = ("dialogue_partner", "observer", "member")

Coordinate = Annotated[float, Field(ge=-1.0, le=1.0)]
Point = tuple[Coordinate, Coordinate]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
NonNeg = Annotated[float, Field(ge=0.0)]
Affinity = Annotated[float, Field(ge=-1.0, le=1.0)]


class SourcedPoint(Strict):
    """A position in the policy square with its source and, optionally, a ``range`` per coordinate,
    ``[[x_lo, x_hi], [y_lo, y_hi]]``: the box a reader could defend around the coded point. As for a
    :class:`~sco_games.sourced.Sourced` number, ``distribution`` (each coordinate independently) or, instead
    of a range, ``alternatives`` (other points it could be) with optional ``weights``.

    >>> SourcedPoint(value=(0.0, 0.1), source="paper §1-2", range=((-0.2, 0.2), (0.0, 0.3))).range[1]
    (0.0, 0.3)
    >>> box = ((-0.2, 0.2), (0.0, 0.3))
    >>> SourcedPoint(value=(0.5, 0.1), source="paper §1-2", range=box)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for SourcedPoint
    range
      Value error, x = 0.5 lies outside its own range [-0.2, 0.2]: correct the value or widen the range ...
    """

    value: Point
    source: str = Field(min_length=3, description="paper section/footnote or data set")
    note: str | None = None
    range: tuple[tuple[Coordinate, Coordinate], tuple[Coordinate, Coordinate]] | None = None
    distribution: Distribution | None = None
    alternatives: tuple[Point, ...] | None = None
    weights: tuple[float, ...] | None = None

    @model_validator(mode="after")
    def _uncertainty_is_consistent(self) -> SourcedPoint:
        if self.range is not None and self.alternatives is not None:
            raise ValueError("give a range (a box) or alternatives (other points), not both")
        check_distribution(self.distribution, list(self.range) if self.range is not None else None)
        check_alternatives(self.value, self.alternatives, self.weights)
        return self

    @field_validator("range")
    @classmethod
    def _range_holds_the_point(
        cls, r: tuple[tuple[float, float], tuple[float, float]] | None, info: ValidationInfo
    ) -> tuple[tuple[float, float], tuple[float, float]] | None:
        if r is None:
            return r
        v = info.data.get("value")
        for axis, (lo, hi), i in (("x", r[0], 0), ("y", r[1], 1)):
            if lo > hi:
                raise ValueError(f"{axis}: [{lo:g}, {hi:g}] is reversed: write [low, high]")
            if v is not None and not lo <= v[i] <= hi:
                raise ValueError(
                    f"{axis} = {v[i]:g} lies outside its own range [{lo:g}, {hi:g}]: correct the "
                    "value or widen the range"
                )
        return r


class RecordedDocument(Strict):
    """A document the SCO adopted (or did not) in the scenario's period, coded as a point of the policy
    square, with what the record says (``adopted``)."""

    position: SourcedPoint
    adopted: Sourced[bool]


class PayoffWeights(Strict):
    """Weights of the three parts of a member's payoff: prestige, effectiveness, its own voice."""

    prestige: Sourced[NonNeg]
    effectiveness: Sourced[NonNeg]
    voice: Sourced[NonNeg]


class StatusShares(Strict):
    """What one status carries, as shares of full membership (member = 1 for all three).

    ``prestige_share``: how much of the state's capability counts toward the SCO's prestige;
    ``association_share``: how much of the affinity between the state and the members is felt
    (living with a hostile neighbour at the table);
    ``cost_share``: how much of the obligations of membership the state bears.
    Voice and veto come with membership only.
    """

    prestige_share: Sourced[Share]
    association_share: Sourced[Share]
    cost_share: Sourced[Share]


class StatusTable(Strict):
    """The shares of the two partial statuses (a member has all shares equal to 1)."""

    dialogue_partner: StatusShares
    observer: StatusShares

    @model_validator(mode="after")
    def _increasing(self) -> StatusTable:
        for field in ("prestige_share", "association_share", "cost_share"):
            lo = getattr(self.dialogue_partner, field).value
            hi = getattr(self.observer, field).value
            if lo > hi:
                raise ValueError(
                    f"dialogue_partner.{field} = {lo} exceeds observer.{field} = {hi}: statuses must carry "
                    "non-decreasing shares (dialogue partner <= observer <= member = 1)"
                )
        return self

    def shares(self, status: str) -> tuple[float, float, float]:
        """``(prestige, association, cost)`` shares of ``status`` (member: all 1)."""
        if status == "member":
            return (1.0, 1.0, 1.0)
        if status not in STATUSES:
            raise ValueError(f"status = {status!r}: must be one of {', '.join(STATUSES)}")
        s: StatusShares = getattr(self, status)
        return (s.prestige_share.value, s.association_share.value, s.cost_share.value)


class EnlargementParams(Strict):
    """The enlargement model's section of a scenario.

    ``members`` and ``candidates`` map a state (as named in :func:`sco_games.data.capabilities.capabilities`)
    to its ideal point; ``affinities`` maps ``"From->To"`` to how ``From`` feels about having ``To``
    at the table (-1 hostile .. +1 friendly), felt in proportion to ``To``'s status.
    """

    members: dict[str, SourcedPoint] = Field(min_length=2)
    candidates: dict[str, SourcedPoint]
    entrant: Sourced[str] = Field(description="the member whose own entry claim E2 examines")
    entry_decided: Sourced[bool] | None = Field(
        default=None,
        description="whether the entrant's entry is decided on the scenario's date (E2 applies); None: yes",
    )
    status_quo: SourcedPoint
    status_quo_alternatives: dict[str, SourcedPoint] = Field(
        default_factory=dict,
        description="other codings of the status quo a reader might defend (shown beside it)",
    )
    statement: SourcedPoint = Field(description="the point of a contested statement (e.g. on Iraq)")
    statement_label: Sourced[str]
    statement_adopted: Sourced[bool] | None = Field(
        default=None,
        description="whether the SCO adopted the statement in the scenario's period (the record)",
    )
    documents: dict[str, RecordedDocument] = Field(
        default_factory=dict,
        description="documents of the scenario's period, coded as points, and the record",
    )
    capability_measure: Sourced[str] = Field(description="cinc, gdp_usd_bn or population_m")
    prestige_exponent: Sourced[Annotated[float, Field(gt=0.0, le=1.0)]]
    weights: PayoffWeights
    voice_quota: Sourced[Annotated[float, Field(gt=0.5, le=1.0)]]
    statuses: StatusTable
    candidate_cost: Sourced[NonNeg]
    contradiction_cost: Sourced[NonNeg] | None = Field(
        default=None,
        description="weight of the 'contradictions among member states' (paper §3-2, fn 57): every member "
                    "pays it times the hostility between pairs of members; None: 0 (no such term)",
    )
    security_contribution: dict[str, Sourced[Affinity]] = Field(default_factory=dict)
    affinities: dict[str, Sourced[Affinity]] = Field(default_factory=dict)
    us_ideal: SourcedPoint
    us_option_availability: dict[str, Sourced[Share]] = Field(default_factory=dict)
    enlargement_order: Sourced[list[str]]
    package_deals: dict[str, Sourced[list[str]]] = Field(default_factory=dict)
    statuses_held: dict[str, Sourced[str]] = Field(
        default_factory=dict,
        description="candidate -> the partial status it holds on the scenario's date (dialogue_partner or "
        "observer); a candidate not listed is outside the SCO",
    )
    claims_not_asked: dict[str, Sourced[str]] = Field(
        default_factory=dict,
        description="claim id (E1-E6) -> why the paper's claim cannot be asked on this date (it is about the "
        "paper's 2001-03 moments): its verdict is 'not applicable', the value the reason",
    )
    n_proposals: Sourced[Annotated[int, Field(ge=1000, le=1_000_000)]]
    seed: Sourced[Annotated[int, Field(ge=0)]]

    @model_validator(mode="after")
    def _names(self) -> EnlargementParams:
        known = set(capabilities())
        members, candidates = set(self.members), set(self.candidates)
        problems: list[str] = []
        for where, names in (("members", members), ("candidates", candidates)):
            for n in sorted(names - known):
                problems.append(f"{where}.{n}: unknown state (known: {', '.join(sorted(known))})")
            if "USA" in names:
                problems.append(f"{where}.USA: the US is the outside option, not a member or candidate")
        for n in sorted(members & candidates):
            problems.append(f"candidates.{n}: already a member")
        everyone = members | candidates
        if self.entrant.value not in members:
            problems.append(f"entrant = {self.entrant.value!r}: must be one of the members")
        if self.capability_measure.value not in ("cinc", "gdp_usd_bn", "population_m"):
            problems.append(
                f"capability_measure = {self.capability_measure.value!r}: "
                "must be cinc, gdp_usd_bn or population_m"
            )
        for key in self.affinities:
            a, sep, b = key.partition("->")
            if not sep or a not in everyone or b not in everyone or a == b:
                problems.append(
                    f"affinities.{key}: must be 'From->To' with two different members or candidates"
                )
        for n in self.security_contribution:
            if n not in everyone:
                problems.append(f"security_contribution.{n}: not a member or candidate")
        for n in self.us_option_availability:
            if n not in members:
                problems.append(f"us_option_availability.{n}: not a member")
        order = self.enlargement_order.value
        if sorted(order) != sorted(candidates):
            problems.append(
                f"enlargement_order = {order}: must list every candidate exactly once ({sorted(candidates)})"
            )
        for name, deal in self.package_deals.items():
            if len(deal.value) < 2 or len(set(deal.value)) != len(deal.value) or set(deal.value) - candidates:
                problems.append(
                    f"package_deals.{name} = {deal.value}: must name two or more distinct candidates"
                )
        for n, held in self.statuses_held.items():
            if n not in candidates:
                problems.append(f"statuses_held.{n}: not a candidate (a member holds no partial status)")
            if held.value not in STATUSES[:-1]:
                problems.append(f"statuses_held.{n} = {held.value!r}: must be one of "
                                f"{', '.join(STATUSES[:-1])}")
        for cid in self.claims_not_asked:
            if cid not in ("E1", "E2", "E3", "E4", "E5", "E6"):
                problems.append(f"claims_not_asked.{cid}: not a claim of this model (E1-E6)")
        if problems:
            raise ValueError("; ".join(problems))
        return self
