"""Everything the partnership notebook shows, for one scenario, computed in one call (paper §3-1, §2-1, §2-2).

:func:`report` runs the partnership model on the scenario: the payoff table, the verified equilibria, the
US-stake thresholds, two equilibrium-region maps (the two US stakes; counterweight against US stake), grim
trigger for the partnership and the joint front, and, over the reference scenarios (founding 2001, post-9/11
2002, Iraq 2003, and this one), the strategic triangles, the repeated game and the claims P1-P5.
:meth:`PartnershipReport.sidecar` gives the notebook's sidecar.

>>> from sco_games.scenario import load_scenario
>>> refs = {n: load_scenario(f"params/{n}.yaml").partnership for n in REFERENCE_SCENARIOS}
>>> rep = report(refs["founding_2001"], "founding_2001", refs)
>>> rep.stage.label, rep.triangle.pattern
('multiple: Partner/Partner + Rival/Rival', 'stable marriage')
>>> rep.order
('founding_2001', 'post_911_2002', 'iraq_2003')
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from sco_games.models.common import Claim, RecordCheck
from sco_games.models.partnership.claims import Verdict, assess_claims, claims_at_range_ends, pillar_table
from sco_games.models.partnership.events import (
    DominanceSummary,
    EventEffect,
    UsPrice,
    dominance_of,
    dominance_text,
    event_effects,
    us_price,
)
from sco_games.models.partnership.game import (
    StageResult,
    Thresholds,
    analyze,
    payoff_matrices,
    us_stake_thresholds,
)
from sco_games.models.partnership.ladder import LadderCheck, ladder_check
from sco_games.models.partnership.params import PLAYERS, PartnershipParams, apply_events
from sco_games.models.partnership.regions import RegionMap, equilibrium_regions
from sco_games.models.partnership.relations import triangle
from sco_games.models.partnership.second_axis import SecondAxisTest, second_axis_test
from sco_games.models.partnership.sustainability import Sustainability, sustainability
from sco_games.models.partnership.ties import StageTie, TieSides, stage_ties, tie_sides
from sco_games.sourced import check_section
from sco_games.theory.triangle import Triangle

__all__ = ["REFERENCE_SCENARIOS", "US_STAKE_GRID", "COUNTERWEIGHT_GRID", "PartnershipReport", "report",
           "record_checks"]

#: The scenarios the claims compare (in date order); the notebook's scenario is shown beside them.
REFERENCE_SCENARIOS = ("founding_2001", "post_911_2002", "iraq_2003")
_PP = "Partner/Partner"
#: Grid of each US stake for the region maps and claim P3.
US_STAKE_GRID = np.linspace(0, 20, 81)
#: Grid of the counterweight (both sides) for the counterweight x US-stake plane.
COUNTERWEIGHT_GRID = np.linspace(0, 16, 81)


@dataclass(frozen=True)
class PartnershipReport:
    """The partnership model of one scenario and of the reference scenarios (see the module docstring).

    ``stakes``: equilibria over the two US stakes; ``plane``: over the counterweight (both sides) and the US
    stake (both sides); ``order``: the reference scenarios present and this one, in date order (this one last
    if it is not a reference); ``stages``/``sustainabilities``/``triangles``: per scenario of ``order``;
    ``claims_map``: the US-stake map of founding 2001; ``pillars``: P2's counterfactuals (this scenario);
    ``claims``/``verdicts``: P1-P5 for this scenario; ``events``: what each event changes
    (:func:`event_effects`); ``dominance`` and ``dominance_text``; ``us_prices``: per side, the smallest US
    offer that changes the outcome; ``ladder``: the outcome under other readings of the value ladder;
    ``record``: predictions beside the record; ``range_ends``: the claims with the knife-edge values at the
    ends of their ranges (:func:`~sco_games.models.partnership.claims.claims_at_range_ends`); ``ties``: the
    equalities of coded payoffs that make an equilibrium weak, and ``tie_sides`` what draws of the tied values
    within their ranges give (``None`` without a tie; :mod:`~sco_games.models.partnership.ties`).
    ``params`` is the scenario's section with its events applied (the values the model computes with).
    """

    scenario: str
    params: PartnershipParams
    payoffs: tuple[np.ndarray, np.ndarray]
    stage: StageResult
    thresholds: Thresholds
    stakes: RegionMap
    plane: RegionMap
    sustainability: tuple[Sustainability, Sustainability]
    order: tuple[str, ...]
    stages: dict[str, StageResult]
    sustainabilities: dict[str, tuple[Sustainability, Sustainability]]
    triangles: dict[str, Triangle]
    claims_map: RegionMap
    claims: tuple[Claim, ...]
    pillars: tuple[tuple[str, str], ...]
    verdicts: dict[str, Verdict]
    events: tuple[EventEffect, ...]
    dominance: DominanceSummary
    dominance_text: str
    us_prices: dict[str, UsPrice]
    ladder: LadderCheck
    record: tuple[RecordCheck, ...]
    range_ends: tuple[tuple[str, str, dict[str, str]], ...]
    #: P3 against UN votes: the sessions over before the scenario's date (every year when no date is given)
    second_axis: SecondAxisTest | None = None
    ties: tuple[StageTie, ...] = ()
    tie_sides: TieSides | None = None

    @property
    def triangle(self) -> Triangle:
        """This scenario's strategic triangle."""
        return self.triangles[self.scenario]

    def headline(self) -> str:
        """One sentence: the stage equilibrium, the partnership's delta* and the triangle."""
        part, tri = self.sustainability[0], self.triangle
        d = part.delta_star
        delta = "—" if d is None else f"{d:.4g}" if isinstance(d, float) else str(d)  # as display.fmt
        return (f"{self.scenario}: the stage equilibrium is {self.stage.label}; the partnership needs "
                f"delta* = {delta}; the triangle is a {tri.pattern}"
                + (f" with {tri.pivot} as pivot" if tri.pivot else "")
                + (f" with the {tri.outcast} as outcast" if tri.outcast else "")
                + self._tie_note() + ".")

    def equilibrium_text(self) -> str:
        """The stage equilibrium against the paper's "neither ally nor rival" (§3-1): the partnership alone,
        one of several equilibria, or not the partnership."""
        lab = self.stage.label
        if lab == _PP:
            return "Neither ally nor rival: the partnership is the outcome, as §3-1 says."
        if _PP in lab.removeprefix("multiple: ").split(" + "):
            return ("The partnership is one of several equilibria: see whether a strategy is dominant, "
                    "below, and the claims.")
        return "This is **not** the partnership the paper describes; see the claims table below."

    def ladder_text(self) -> str:
        """Whether the outcome survives both other readings of the value ladder
        (:data:`~sco_games.models.partnership.ladder.LADDER_READINGS`)."""
        return ("The outcome " + ("survives" if self.ladder.survives else "**does not survive**")
                + " both other readings of the ladder.")

    def range_moved(self) -> tuple[str, ...]:
        """The claims whose verdict differs between the scenario as coded and the ends of the ranges of the
        values that decide rivalry (:attr:`range_ends`)."""
        now = {c.id: c.verdict for c in self.claims}
        return tuple(k for k in now if len({v[k] for _, _, v in self.range_ends} | {now[k]}) > 1)

    def range_text(self) -> str:
        """:meth:`range_moved` in words, with how to read such verdicts."""
        moved = self.range_moved()
        return ("Verdicts that change within these ranges: " + (", ".join(moved) if moved else "none") + "."
                + (" Those verdicts depend on where inside a defensible range a value is put, so read them "
                   "as conditional on the coded values." if moved else ""))

    def _tie_note(self) -> str:
        """"; Rival/Rival only by a tie of coded values (...)" for the headline, or "" without a weak tie."""
        weak = sorted({w for t in self.ties for w in t.weakens})
        if not weak:
            return ""
        eqs = "; ".join(f"{t.player}: {t.formulas[0]} = {t.formulas[1]}" for t in self.ties)
        p1 = self.verdicts["P1"]
        share = "" if p1.share is None else (f" ({100 * p1.share:.0f}% of the draws"
                                             + (": a near coin flip)" if p1.coin_flip else ")"))
        return (f"; {' and '.join(weak)} only by a tie of coded values ({eqs}), so P1 is judged on draws "
                f"either side: {p1.verdict}{share}")

    def sidecar(self) -> dict[str, Any]:
        """The notebook's sidecar: ``headline``, ``key_results`` and plain data for the tests."""
        part, joint = self.sustainability
        tri, thr = self.triangle, self.thresholds
        return {
            "headline": self.headline(),
            "key_results": {
                "equilibrium": self.stage.label,
                "delta* partnership": part.delta_star,
                "delta* joint front": "none" if joint.delta_star is None else joint.delta_star,
                "triangle": tri.pattern,
                "pivot": tri.pivot or "none",
                "P3 verdict (UN votes)": self.verdicts["P3"].verdict,
                **({} if self.second_axis is None else {
                    f"P3: r of changes, {c.axis} ({c.first}-{c.last})": None if c.r is None else round(c.r, 3)
                    for c in (self.second_axis.main.get(k, "changes") for k in (0, 1))}),
            },
            "scenario": self.scenario,
            "equilibria": [{"row": eq.row, "col": eq.col, "payoffs": eq.payoffs, "regret": eq.regret}
                           for eq in self.stage.equilibria],
            "degenerate": self.stage.degenerate,
            "payoffs": {"russia": self.payoffs[0], "china": self.payoffs[1]},
            "thresholds": {"ally_holds_below": thr.ally_holds_below,
                           "partner_holds_below": thr.partner_holds_below,
                           "rival_answers_rival_above": thr.rival_answers_rival_above},
            "region_shares": self.stakes.shares(),
            "region_max_regret": self.stakes.max_regret,
            "sustainability": {s.name: {"delta_star": s.delta_star, "R": s.result.cooperative,
                                        "T": s.result.deviation, "P": s.result.punishment_payoffs}
                               for s in self.sustainability},
            "triangle": {"pattern": tri.pattern, "pivot": tri.pivot, "outcast": tri.outcast,
                         "balanced": tri.balanced, "scores": tri.sign_scores},
            "triangles": {n: {"pattern": t.pattern, "pivot": t.pivot} for n, t in self.triangles.items()},
            "claim_verdicts": {c.id: c.verdict for c in self.claims},
            "claims": [{"id": c.id, "claim": c.claim, "verdict": c.verdict, "because": c.evidence,
                        "by_dominance": self.verdicts[c.id].by_dominance} for c in self.claims],
            "record": [{"id": r.id, "question": r.question, "predicted": r.predicted, "observed": r.observed,
                        "agrees": r.agrees, "source": r.source} for r in self.record],
            "dominance": {"strict": self.dominance.strict, "weak": self.dominance.weak,
                          "solvable": self.dominance.solvable, "text": self.dominance_text},
            "events": [{"name": e.name, "date": e.date, "effects": e.effects, "label": list(e.label),
                        "joint_front_delta_star": list(e.joint_delta),
                        "partnership_payoffs": [list(x) for x in e.partnership_payoffs],
                        "flip_scale": e.flip_scale} for e in self.events],
            "us_price": {s: {"price": u.price, "after": u.after, "reason": u.reason}
                         for s, u in self.us_prices.items()},
            "ladder": {"survives": self.ladder.survives, "labels": self.ladder.labels},
            "range_ends": [{"setting": s, "equilibrium": lab, "verdicts": v}
                           for s, lab, v in self.range_ends],
            "ties": [{"condition": t.condition(), "keys": list(t.keys), "weakens": list(t.weakens)}
                     for t in self.ties],
            "tie_outcomes": ([] if self.tie_sides is None else
                             [{"equilibrium": lab, "partner_dominant": dom, "share": x}
                              for (lab, dom), x in self.tie_sides.outcomes.items()]),
        }


def report(params: PartnershipParams, scenario: str,
           references: Mapping[str, PartnershipParams], date: _dt.date | None = None) -> PartnershipReport:
    """Run the partnership model of scenario ``scenario`` (its section ``params``, overrides applied) beside
    ``references`` (scenario name -> partnership section; those of :data:`REFERENCE_SCENARIOS` are used, all
    three are needed for the claims). ``date``: the scenario's date (``scenario.meta.date``): claim P3 is
    judged on the UN votes of the sessions ended before it (``None``: every year of the table)."""
    check_section(params, PartnershipParams, "partnership", "report")
    for name, other in references.items():
        check_section(other, PartnershipParams, "partnership", f"report (references[{name!r}])")
    section = params
    refs = {n: references[n] for n in REFERENCE_SCENARIOS if n in references}
    refs[scenario] = params  # this scenario, with its overrides
    refs = {n: apply_events(p) if p.events else p for n, p in refs.items()}  # the values the model uses
    params = refs[scenario]
    order = tuple([n for n in REFERENCE_SCENARIOS if n in refs] + ([] if scenario in REFERENCE_SCENARIOS
                                                                   else [scenario]))
    grid = US_STAKE_GRID
    claims_map = equilibrium_regions(refs.get("founding_2001", params), "us_stake_russia", grid,
                                     "us_stake_china", grid)
    claims, verdicts = assess_claims(section, date)
    stages = {n: analyze(refs[n]) for n in order}
    sus = {n: sustainability(refs[n]) for n in order}
    return PartnershipReport(
        scenario=scenario,
        params=params,
        payoffs=payoff_matrices(params),
        stage=stages[scenario],
        thresholds=us_stake_thresholds(params),
        stakes=equilibrium_regions(params, "us_stake_russia", grid, "us_stake_china", grid),
        plane=equilibrium_regions(params, ("counterweight_russia", "counterweight_china"), COUNTERWEIGHT_GRID,
                                  ("us_stake_russia", "us_stake_china"), grid),
        sustainability=sus[scenario],
        order=order,
        stages=stages,
        sustainabilities=sus,
        triangles={n: triangle(refs[n]) for n in order},
        claims_map=claims_map,
        claims=tuple(claims),
        pillars=tuple(pillar_table(params)),
        verdicts=verdicts,
        events=tuple(event_effects(section)),
        dominance=dominance_of(params),
        dominance_text=dominance_text(params),
        us_prices={side: us_price(params, side) for side in PLAYERS},
        ladder=ladder_check(params),
        record=tuple(record_checks(scenario, stages[scenario], sus[scenario][1])),
        range_ends=tuple(claims_at_range_ends(section, date)),
        second_axis=second_axis_test(date),
        ties=stage_ties(section),
        tie_sides=tie_sides(section),
    )


def record_checks(scenario: str, stage: StageResult, joint: Sustainability) -> list[RecordCheck]:
    """The scenario's predictions that are on the historical record: that the partnership holds (no alliance,
    no rivalry: the 2001 treaty, §1-2; 'has not waned', §3-1; the 2003 joint declaration, fn 39), and, for the
    Iraq scenario, whether a joint front against the war was kept (it was not: different routes, §2-2),
    judged on the joint front's delta* with the credible reversion
    (:mod:`~sco_games.models.partnership.sustainability`).

    >>> from sco_games.models.partnership.game import analyze
    >>> p = PartnershipParams.example()
    >>> [r.agrees for r in record_checks("x", analyze(p), sustainability(p)[1])]
    [True]
    """
    lab = stage.label
    has_pp = "Partner/Partner" in lab.removeprefix("multiple: ").split(" + ")
    pred = ("the partnership, the only equilibrium" if lab == "Partner/Partner" else
            f"the partnership is an equilibrium, but not the only one ({lab})" if has_pp else f"{lab}")
    out = [RecordCheck(
        "R1", "Did Russia and China stay partners, neither allied nor rivals?",
        pred, "yes: the partnership held (treaty of July 2001, §1-2; it 'has not waned', §3-1)",
        has_pp, "paper §1-2, §3-1")]
    if scenario == "iraq_2003":
        d = joint.delta_star
        pred = (f"a joint front is kept iff delta >= {d:.3g}" if d is not None else
                f"no joint front worth keeping: Ally/Ally pays both sides no more than {joint.dominated_by}, "
                "a stage equilibrium in undominated strategies" if joint.dominated_by else
                "no joint front can be kept")
        if d is None and joint.knife_edge_delta_star is not None:
            pred += (" (only the threat of reverting to a weakly dominated stage equilibrium, a knife edge, "
                     "would keep it at "
                     f"delta >= {joint.knife_edge_delta_star:.3g})")
        out.append(RecordCheck(
            "R2", "Did Russia and China act as one front against the Iraq war?", pred,
            "no: Russia with France prepared a veto, China 'kept its stance calm' (§2-2)",
            True if d is None else None, "paper §2-2"))
    return out
