"""Everything the partnership notebook shows, for one scenario, computed in one call (paper §3-1, §2-1, §2-2).

:func:`report` runs the partnership model on the scenario: the payoff table, the verified equilibria, the
US-stake thresholds, two equilibrium-region maps (the two US stakes; counterweight against US stake), grim
trigger for the partnership and the joint front, and, over the reference scenarios (founding 2001, post-9/11
2002, Iraq 2003, and this one), the strategic triangles, the repeated game and the claims P1-P5.
:meth:`PartnershipReport.sidecar` gives the notebook's sidecar.

>>> from sco_games.scenario import load_scenario
>>> refs = {n: load_scenario(f"params/{n}.yaml").partnership for n in REFERENCE_SCENARIOS}
>>> rep = report(refs["founding_2001"], "founding_2001", refs)
>>> rep.stage.label, rep.triangle.pattern, rep.order
('Partner/Partner', 'stable marriage', ('founding_2001', 'post_911_2002', 'iraq_2003'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from sco_games.models.common import Claim
from sco_games.models.partnership.claims import assess_claims, pillar_table
from sco_games.models.partnership.game import (
    StageResult,
    Thresholds,
    analyze,
    payoff_matrices,
    us_stake_thresholds,
)
from sco_games.models.partnership.params import PartnershipParams
from sco_games.models.partnership.regions import RegionMap, equilibrium_regions
from sco_games.models.partnership.relations import triangle
from sco_games.models.partnership.sustainability import Sustainability, sustainability
from sco_games.theory.triangle import Triangle

__all__ = ["REFERENCE_SCENARIOS", "US_STAKE_GRID", "COUNTERWEIGHT_GRID", "PartnershipReport", "report"]

#: The scenarios the claims compare (in date order); the notebook's scenario is shown beside them.
REFERENCE_SCENARIOS = ("founding_2001", "post_911_2002", "iraq_2003")
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
    ``claims_map``: the US-stake map of founding 2001 that claim P3 reads; ``pillars``: P2's counterfactuals.
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
                + (f" with the {tri.outcast} as outcast" if tri.outcast else "") + ".")

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
            "claims": {c.id: c.verdict for c in self.claims},
        }


def report(params: PartnershipParams, scenario: str,
           references: Mapping[str, PartnershipParams]) -> PartnershipReport:
    """Run the partnership model of scenario ``scenario`` (its section ``params``, overrides applied) beside
    ``references`` (scenario name -> partnership section; those of :data:`REFERENCE_SCENARIOS` are used, all
    three are needed for the claims)."""
    refs = {n: references[n] for n in REFERENCE_SCENARIOS if n in references}
    refs[scenario] = params  # this scenario, with its overrides
    order = tuple([n for n in REFERENCE_SCENARIOS if n in refs] + ([] if scenario in REFERENCE_SCENARIOS
                                                                   else [scenario]))
    grid = US_STAKE_GRID
    claims_map = equilibrium_regions(refs["founding_2001"], "us_stake_russia", grid, "us_stake_china", grid)
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
        claims=tuple(assess_claims(*(refs[n] for n in REFERENCE_SCENARIOS), claims_map)),
        pillars=tuple(pillar_table(refs["founding_2001"])),
    )
