"""Enlargement under consensus: prestige against effectiveness (paper §1-2, §3-2, Conclusion).

The paper's closing dilemma: "the effectiveness of the organization is zero-sum regarding increased
prestige by its enlargement if Russia and China cannot jointly dominate others" (Conclusion). This
module turns it into payoffs and an admission game; the policy space, prestige and effectiveness are in
:mod:`sco_games.models.enlargement.space`, the coalition view in
:mod:`sco_games.models.enlargement.coalition`, the paper's claims E1-E6 in
:mod:`sco_games.models.enlargement.claims`.

Payoffs
-------
An *association* maps each associated state to its status: ``dialogue_partner``, ``observer`` or
``member`` (Nazarbaev's three stages, §3-2, fn 62). Status ``s`` carries shares
``(sigma_P, sigma_A, sigma_C)`` of prestige, association and cost (member: all 1; the scenario's
``statuses`` table gives the others). Only members vote and veto. State ``i``'s payoff is::

    u_i = b_P * sigma_P(s_i) * P                       prestige of the whole association
        + b_E * E(M)               (members only)      chance a random proposal passes (consensus)
        + b_V * V_i(M)             (members only)      Shapley-Shubik voice under the SCO's rule
        + sum_j min(sigma_A(s_i), sigma_A(s_j)) * (a_ij + k_j)    affinity to j, j's security value
        - sigma_C(s_i) * c                              obligations of the status
        - kappa * sum_{j<k in M, i not in {j, k}} h_jk  contradictions among members (members only)

with ``M`` the members, ``b`` the scenario's ``weights``, ``a_ij`` its ``affinities`` ("i->j"),
``k_j`` its ``security_contribution`` and ``c`` its ``candidate_cost``. Under consensus every member
is a veto player, so ``V_i = 1/|M|``: each entrant dilutes every member's voice (fn 59).

The last term is the paper's reason against hasty enlargement: it "would also bring about more serious
contradictions among member states, such as the irreconcilable relations between India and Pakistan. The
India-Pakistan problem is beyond SCO handling" (§3-2, fn 57-58). A contradiction is a conflict *between*
two members, so it needs hostility both ways: ``h_jk = min(max(0, -a_jk), max(0, -a_kj))`` (India and
Pakistan, -0.2 each way, give 0.2; a one-sided wariness such as Tajikistan's of Pakistan or Kazakhstan's of
Uzbekistan gives 0). Every other member bears it (the pair's own hostility is already in its affinity terms,
so it is not charged twice), and ``kappa`` is the scenario's ``contradiction_cost`` (absent: 0).

Admission (the issue's rule)
----------------------------
A change (one candidate or a package deal, each with a status) is adopted iff **every** sitting
member strictly gains and every entrant strictly gains (a candidate outside the SCO gets 0).

>>> from sco_games.scenario import load_scenario
>>> m = EnlargementModel(load_scenario("params/founding_2001.yaml").enlargement)
>>> a = m.admit({"Pakistan": "observer"})
>>> a.admitted, "Tajikistan" in a.blockers, a.member_gains["China"] > 0
(False, True, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from sco_games.models.enlargement.params import STATUSES, EnlargementParams
from sco_games.models.enlargement.space import (
    US,
    StatementReach,
    StatementVote,
    VetoMap,
    World,
    build_world,
    is_absorbed,
    pass_probability,
    pass_probability_giants,
    prestige,
    statement_reach,
    statement_vote,
    veto_map,
    winset,
    winset_area_in_square,
)
from sco_games.sourced import check_section
from sco_games.theory import coalitions

__all__ = [
    "Admission",
    "CandidateStatuses",
    "EnlargementModel",
    "EnlargementParams",
    "OutsideOption",
    "Payoff",
    "TradeoffStep",
    "outside_option_across",
]

#: The two powers of the Conclusion's counterfactual rule ("if Russia and China cannot jointly dominate
#: others"): under :meth:`EnlargementModel.tradeoff_curve`'s second rule they keep a veto and the others
#: decide by majority.
GIANTS = ("China", "Russia")

#: Gains at or below this count as "no gain" (payoffs are O(1); Monte Carlo terms use common numbers).
GAIN_TOL = 1e-9


@dataclass(frozen=True)
class Payoff:
    """One state's payoff from an association, term by term (see the module docstring)."""

    state: str
    status: str
    prestige: float
    effectiveness: float
    voice: float
    association: float
    cost: float
    contradiction: float = 0.0

    @property
    def total(self) -> float:
        return (self.prestige + self.effectiveness + self.voice + self.association - self.cost
                - self.contradiction)

    def minus(self, other: Payoff) -> dict[str, float]:
        """The change of each term (and of the total) from ``other`` to ``self`` (costs as negative
        changes)."""
        parts = ("prestige", "effectiveness", "voice", "association")
        out = {p: getattr(self, p) - getattr(other, p) for p in parts}
        out["cost"] = other.cost - self.cost  # not -(a - b): no -0.0 when nothing changes
        out["contradiction"] = other.contradiction - self.contradiction
        out["total"] = self.total - other.total
        return out


@dataclass(frozen=True)
class Admission:
    """The consensus decision on giving ``additions`` (state -> status) their statuses.

    ``member_gains``: each sitting member's change in payoff; ``gain_parts``: the same, term by term;
    ``entrant_gains``: each entrant's payoff change (from outside = 0, or from its old status).
    """

    additions: Mapping[str, str]
    voters: tuple[str, ...]
    member_gains: Mapping[str, float]
    gain_parts: Mapping[str, Mapping[str, float]]
    entrant_gains: Mapping[str, float]
    blockers: tuple[str, ...]
    unwilling: tuple[str, ...]
    admitted: bool
    rule: str = "consensus: every sitting member and every entrant must strictly gain"


@dataclass(frozen=True)
class CandidateStatuses:
    """A candidate (or package) tried at each status above the one it holds (``held``: its partial status
    on the scenario's date, ``None`` outside the SCO); ``highest`` is the best status adopted (``None``: no
    change is adopted), ``predicted`` the status it ends with (``highest``, else ``held``)."""

    candidates: tuple[str, ...]
    decisions: Mapping[str, Admission]
    highest: str | None
    held: str | None = None

    @property
    def predicted(self) -> str | None:
        return self.highest or self.held


@dataclass(frozen=True)
class TradeoffStep:
    """One point of the trade-off curve: the SCO after ``added`` joins as a member.

    ``winset_area`` is the exact area of the consensus winset inside the policy square (so
    ``pass_probability`` estimates ``winset_area / 4``); ``winset_area_plane`` the area in the whole plane.
    ``pass_probability`` and ``coleman`` are under consensus; ``..._giants`` under the counterfactual rule
    where China and Russia keep a veto and the other members decide by strict majority.
    """

    added: str | None
    members: tuple[str, ...]
    size: int
    prestige: float
    pass_probability: float
    winset_area: float
    winset_area_plane: float
    coleman: float
    absorbed: bool | None
    pass_probability_giants: float
    coleman_giants: float


@dataclass(frozen=True)
class OutsideOption:
    """A member's payoff inside the SCO against its US option (paper §2-1).

    ``us_club`` is the payoff the same formula gives the state in a two-state club with the US (prestige
    and effectiveness; no voice in a bilateral with a superpower, no SCO affinities or costs);
    ``outside = availability * us_club``. The state goes cool when ``outside > inside``;
    ``breakeven_availability = inside / us_club``.
    """

    state: str
    inside: float
    us_club: float
    availability: float
    outside: float
    breakeven_availability: float
    cool: bool
    pass_probability_without: float


class EnlargementModel:
    """The enlargement model of one scenario section (a pure function of the parameters)."""

    def __init__(self, params: EnlargementParams):
        check_section(params, EnlargementParams, "enlargement", "EnlargementModel")
        self.params = params
        self.world: World = build_world(params)

    # -- associations -------------------------------------------------------------------------
    @cached_property
    def base(self) -> dict[str, str]:
        """The sitting members, all with status ``member``, and the candidates' partial statuses held on the
        scenario's date (``statuses_held``)."""
        held = {c: s.value for c, s in self.params.statuses_held.items()}
        return {**{m: "member" for m in self.world.members}, **held}

    def held(self, candidate: str) -> str | None:
        """The partial status ``candidate`` holds on the scenario's date (``None``: outside the SCO)."""
        s = self.params.statuses_held.get(candidate)
        return s.value if s else None

    def association(self, additions: Mapping[str, str] | None = None,
                    base: Mapping[str, str] | None = None) -> dict[str, str]:
        """``base`` (default: the sitting members) updated with ``additions`` (state -> status)."""
        out = dict(self.base if base is None else base)
        for state, status in (additions or {}).items():
            if state not in self.world.ideal or state == US:
                raise ValueError(f"additions: {state!r} is not a member or candidate of this scenario")
            if status not in STATUSES:
                raise ValueError(f"additions[{state!r}] = {status!r}: must be one of {', '.join(STATUSES)}")
            out[state] = status
        return out

    @staticmethod
    def members_of(assoc: Mapping[str, str]) -> tuple[str, ...]:
        return tuple(s for s, st in assoc.items() if st == "member")

    # -- payoffs ------------------------------------------------------------------------------
    def voice(self, members: Iterable[str]) -> dict[str, float]:
        """Each member's Shapley-Shubik share under the SCO's rule (``voice_quota`` of total capability;
        1.0 = consensus, where every member has ``1/n``)."""
        ms = tuple(members)
        if not ms:
            return {}
        weights = [self.world.weight[m] for m in ms]
        quota = self.params.voice_quota.value * sum(weights)
        ss = coalitions.shapley_shubik(weights, quota)
        return {m: float(v) for m, v in zip(ms, ss, strict=True)}

    def _pair_value(self, i: str, j: str) -> float:
        p = self.params
        aff = p.affinities.get(f"{i}->{j}")
        sec = p.security_contribution.get(j)
        return (aff.value if aff else 0.0) + (sec.value if sec else 0.0)

    def contradictions(self, members: Iterable[str], bearer: str | None = None) -> float:
        """``sum h_jk`` over the pairs of ``members`` that do not include ``bearer`` (see the module
        docstring), unweighted.

        >>> from sco_games.scenario import load_scenario
        >>> m = EnlargementModel(load_scenario("params/founding_2001.yaml").enlargement)
        >>> m.contradictions(["China", "India", "Pakistan"], "China"), m.contradictions(["China", "Pakistan"])
        (0.2, 0.0)
        """
        ms = tuple(members)
        aff = self.params.affinities

        def hostile(i: str, j: str) -> float:
            a = aff.get(f"{i}->{j}")
            return max(0.0, -a.value) if a else 0.0
        return sum(min(hostile(j, k), hostile(k, j)) for n, j in enumerate(ms) for k in ms[n + 1:]
                   if bearer not in (j, k))

    def payoffs(self, assoc: Mapping[str, str]) -> dict[str, Payoff]:
        """Every associated state's :class:`Payoff` under association ``assoc`` (state -> status)."""
        p, w = self.params, self.world
        shares = {s: p.statuses.shares(st) for s, st in assoc.items()}
        big_p = prestige(w, {s: sh[0] for s, sh in shares.items()})
        members = self.members_of(assoc)
        eff = pass_probability(w, members)
        voice = self.voice(members)
        kappa = p.contradiction_cost.value if p.contradiction_cost is not None else 0.0
        b = p.weights
        out = {}
        for i, st in assoc.items():
            sp, sa, sc = shares[i]
            assoc_term = sum(min(sa, shares[j][1]) * self._pair_value(i, j) for j in assoc if j != i)
            out[i] = Payoff(
                state=i,
                status=st,
                prestige=b.prestige.value * sp * big_p,
                effectiveness=b.effectiveness.value * eff if st == "member" else 0.0,
                voice=b.voice.value * voice[i] if st == "member" else 0.0,
                association=assoc_term,
                cost=sc * p.candidate_cost.value,
                contradiction=(kappa * self.contradictions(members, i) if st == "member" and kappa
                               else 0.0),
            )
        return out

    # -- admission ----------------------------------------------------------------------------
    def admit(self, additions: Mapping[str, str], base: Mapping[str, str] | None = None) -> Admission:
        """Consensus on ``additions`` (state -> status), starting from ``base`` (default: the sitting
        members). Voters are ``base``'s members."""
        if not additions:
            raise ValueError("additions: give at least one state and its status")
        old = dict(self.base if base is None else base)
        new = self.association(additions, old)
        voters = self.members_of(old)
        before, after = self.payoffs(old), self.payoffs(new)
        parts = {m: after[m].minus(before[m]) for m in voters}
        gains = {m: parts[m]["total"] for m in voters}
        entrant = {s: after[s].total - (before[s].total if s in before else 0.0) for s in additions}
        blockers = tuple(m for m in voters if gains[m] <= GAIN_TOL)
        unwilling = tuple(s for s in additions if entrant[s] <= GAIN_TOL)
        return Admission(
            additions=dict(additions), voters=voters, member_gains=gains, gain_parts=parts,
            entrant_gains=entrant, blockers=blockers, unwilling=unwilling,
            admitted=not blockers and not unwilling,
        )

    def statuses_for(self, candidates: Iterable[str]) -> CandidateStatuses:
        """Try ``candidates`` (one, or a package deal together) at each status above the highest they hold
        (``statuses_held``; from outside, all three); the highest adopted."""
        cs = tuple(candidates)
        for c in cs:
            if c not in self.world.candidates:
                known = ", ".join(self.world.candidates)
                raise ValueError(f"candidate = {c!r}: not a candidate here ({known})")
        rank = {None: -1, **{s: i for i, s in enumerate(STATUSES)}}
        held = [self.held(c) for c in cs]
        floor = max(rank[h] for h in held)  # a change raises every state of the package above what it holds
        tried = [st for st in STATUSES if rank[st] > floor]
        decisions = {st: self.admit({c: st for c in cs}) for st in tried}
        passed = [st for st in tried if decisions[st].admitted]
        common = held[0] if len(set(held)) == 1 else None
        return CandidateStatuses(candidates=cs, decisions=decisions, highest=passed[-1] if passed else None,
                                 held=common)

    def admission_table(self) -> list[CandidateStatuses]:
        """Each candidate alone (in ``enlargement_order``), then each package deal."""
        rows = [self.statuses_for([c]) for c in self.params.enlargement_order.value]
        rows += [self.statuses_for(d.value) for d in self.params.package_deals.values()]
        return rows

    # -- trade-off ----------------------------------------------------------------------------
    def tradeoff_curve(self, order: Iterable[str] | None = None) -> list[TradeoffStep]:
        """Prestige and effectiveness as candidates join as members one by one (default order:
        ``enlargement_order``). ``absorbed``: the entrant's ideal point lies in the convex hull of the
        members' ideal points (Tsebelis' absorption rule: it then cannot change the winset)."""
        seq = list(self.params.enlargement_order.value if order is None else order)
        members = list(self.world.members)
        steps = [self._step(None, members, None)]
        for c in seq:
            if c not in self.world.candidates:
                raise ValueError(f"order: {c!r} is not a candidate ({', '.join(self.world.candidates)})")
            absorbed = is_absorbed(self.world, c, members)
            members = members + [c]
            steps.append(self._step(c, members, absorbed))
        return steps

    def _step(self, added: str | None, members: list[str], absorbed: bool | None) -> TradeoffStep:
        return TradeoffStep(
            added=added,
            members=tuple(members),
            size=len(members),
            prestige=prestige(self.world, {m: 1.0 for m in members}),
            pass_probability=pass_probability(self.world, members),
            winset_area=winset_area_in_square(self.world, members),
            winset_area_plane=winset(self.world, members).area,
            coleman=float(coalitions.coleman_power_to_act([1.0] * len(members), float(len(members)))),
            absorbed=absorbed,
            pass_probability_giants=pass_probability_giants(self.world, members, GIANTS),
            coleman_giants=self._coleman_giants(members),
        )

    # -- the contested statement --------------------------------------------------------------
    def statement_vote(self) -> StatementVote:
        """The consensus vote on the scenario's statement (e.g. "condemn the Iraq war")."""
        return statement_vote(self.world)

    def statement_reach(self) -> StatementReach:
        """How far toward the statement the members can go by consensus (with and without each)."""
        return statement_reach(self.world)

    def veto_map(self) -> VetoMap:
        """The data of the veto map of the statement."""
        return veto_map(self.world, self.params.statement_label.value)

    @staticmethod
    def _coleman_giants(members: list[str]) -> float:
        n_giants = sum(1 for m in members if m in GIANTS)
        others = len(members) - n_giants
        weights, quota, vetoes = coalitions.veto_rule(n_giants, others, others // 2 + 1 if others else 0)
        return float(coalitions.coleman_power_to_act(weights, quota, vetoes))

    # -- outside options ----------------------------------------------------------------------
    def us_club_value(self, state: str) -> float:
        """``b_P * P({state, US}) + b_E * E({state, US})``: the state's payoff in a two-state club
        with the US."""
        b, w = self.params.weights, self.world
        return (b.prestige.value * prestige(w, {state: 1.0, US: 1.0})
                + b.effectiveness.value * pass_probability(w, (state, US)))

    def outside_options(self) -> list[OutsideOption]:
        """Every member's inside payoff against its (availability-weighted) US option."""
        inside = self.payoffs(self.base)
        out = []
        for m in self.world.members:
            club = self.us_club_value(m)
            av = self.params.us_option_availability.get(m)
            a = av.value if av else 0.0
            others = [x for x in self.world.members if x != m]
            out.append(OutsideOption(
                state=m, inside=inside[m].total, us_club=club, availability=a, outside=a * club,
                breakeven_availability=inside[m].total / club if club > 0 else float("inf"),
                cool=a * club > inside[m].total,
                pass_probability_without=pass_probability(self.world, others),
            ))
        return out


def outside_option_across(state: str, params_by_scenario: Mapping[str, EnlargementParams],
                          skip_missing: bool = False) -> list[tuple[str, OutsideOption]]:
    """``state``'s :class:`OutsideOption` in each scenario (e.g. Uzbekistan before and after 9/11).

    A scenario where ``state`` is not a member raises ``ValueError`` (or is left out if ``skip_missing``).
    """
    out = []
    for name, p in params_by_scenario.items():
        if state not in p.members:
            if skip_missing:
                continue
            raise ValueError(f"state = {state!r}: not a member in scenario {name}")
        rows = {o.state: o for o in EnlargementModel(p).outside_options()}
        out.append((name, rows[state]))
    return out


def check_model(model: object, caller: str) -> None:
    """Raise ``TypeError`` unless ``model`` is an :class:`EnlargementModel`, saying how to build one (the
    commonest slip is to pass the scenario, or its enlargement section)."""
    if not isinstance(model, EnlargementModel):
        raise TypeError(
            f"{caller}() takes an EnlargementModel, got {type(model).__name__}: pass "
            "EnlargementModel(scenario.enlargement)"
        )
