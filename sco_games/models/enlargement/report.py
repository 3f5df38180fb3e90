"""Everything the enlargement notebook shows, for one scenario, computed in one call (paper §1-2, §2-1,
§3-2, Conclusion).

:func:`enlargement_report` runs the parts of :class:`~sco_games.models.enlargement.EnlargementModel`
side by side: the trade-off curve (and which newcomers cut effectiveness or are absorbed), the vote and the
reach of the contested statement, the admission table, every member's US option (and one state's across
scenarios), the coalition view, the claims E1-E6 and their one-at-a-time sensitivity.
:meth:`EnlargementReport.sidecar` gives the notebook's sidecar.

>>> from sco_games.scenario import load_scenario
>>> rep = enlargement_report(EnlargementModel(load_scenario("params/founding_2001.yaml").enlargement))
>>> rep.steps[0].size, rep.steps[0].added       # the six founding members (paper §1-2)
(6, None)
>>> rep.verdicts == {c.id: c.verdict for c in rep.claims}
True
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sco_games.models.common import RecordCheck
from sco_games.models.enlargement.claims import EnlargementClaim, evaluate_claims, pakistan_veto_threshold
from sco_games.models.enlargement.coalition import CoalitionView, coalition_view
from sco_games.models.enlargement.game import (
    CandidateStatuses,
    EnlargementModel,
    OutsideOption,
    TradeoffStep,
    check_model,
    outside_option_across,
)
from sco_games.models.enlargement.params import EnlargementParams
from sco_games.models.enlargement.record import record_checks
from sco_games.models.enlargement.sensitivity import SensitivityRow, claims_sensitivity
from sco_games.models.enlargement.space import (
    StatementReach,
    StatementVote,
    pass_probability_se,
    status_quo_in_core,
)
from sco_games.models.enlargement.status_quo import StatusQuoRow, status_quo_table

__all__ = ["EnlargementReport", "enlargement_report", "report"]


@dataclass(frozen=True)
class EnlargementReport:
    """The enlargement model's results for one scenario (see :func:`enlargement_report`).

    ``cut``: the newcomers after whose entry the pass probability fell; ``absorbed``: those whose ideal
    point lay in the members' hull; ``max_standard_error``: the largest binomial standard error of the
    curve's Monte Carlo pass probabilities; ``highest``: candidate(s) joined by " + " -> highest status
    adopted; ``cool``: members whose US option beats their payoff inside; ``across``: (scenario, the
    ``across_state``'s outside option) for each scenario where it is a member; ``flips``: the sensitivity
    rows that change some verdict; ``robust``: claims whose verdict no range end changes.
    """

    statement_label: str
    n_proposals: int
    steps: tuple[TradeoffStep, ...]
    max_standard_error: float
    cut: tuple[str, ...]
    absorbed: tuple[str, ...]
    status_quo_in_core: bool
    vote: StatementVote
    reach: StatementReach
    admission: tuple[CandidateStatuses, ...]
    highest: Mapping[str, str | None]
    outside_options: tuple[OutsideOption, ...]
    cool: tuple[str, ...]
    across_state: str
    across: tuple[tuple[str, OutsideOption], ...]
    coalition: CoalitionView
    claims: tuple[EnlargementClaim, ...]
    verdicts: Mapping[str, str]
    sensitivity: tuple[SensitivityRow, ...]
    flips: tuple[SensitivityRow, ...]
    robust: tuple[str, ...]
    moved: tuple[str, ...] = ()
    unranged: tuple[str, ...] = ()
    record: tuple[RecordCheck, ...] = ()
    status_quo_rows: tuple[StatusQuoRow, ...] = ()
    pakistan_threshold: tuple[float, float] | None = None
    uzbekistan_pivotal: bool | None = None
    method: str = (
        "EnlargementModel.tradeoff_curve / statement_vote / statement_reach / admission_table / "
        "outside_options; coalition_view; evaluate_claims; claims_sensitivity"
    )

    def claims_with(self, verdict: str) -> list[str]:
        """The ids of the claims with this verdict (one of :data:`~sco_games.models.common.VERDICTS`)."""
        return [k for k, v in self.verdicts.items() if v == verdict]

    def monte_carlo_error_text(self) -> str:
        """The Monte Carlo error, stated one way: the largest binomial standard error of the curve's pass
        probabilities, sqrt(p (1 - p) / n)."""
        return (
            f"Pass probabilities are Monte Carlo estimates on {self.n_proposals} proposals: standard error "
            f"sqrt(p(1-p)/n) at most {self.max_standard_error:.4f}."
        )

    def blockers_text(self) -> str:
        """Who blocks the statement and whether Uzbekistan is pivotal (would it pass without its veto?)."""
        vote = self.vote
        if not vote.blockers:
            return "no member blocks it"
        who = f"blocked by {', '.join(vote.blockers)}"
        if self.uzbekistan_pivotal is None:
            return who
        return who + (
            "; Uzbekistan is pivotal (without its veto it would pass)"
            if self.uzbekistan_pivotal
            else (
                "; Uzbekistan is not pivotal (it fails without Uzbekistan's veto too)"
                if "Uzbekistan" in vote.blockers
                else "; Uzbekistan does not block it"
            )
        )

    def headline(self, scenario_name: str) -> str:
        """One sentence: the statement's fate, who blocks, Uzbekistan's stance, verdict counts, the record."""
        vote = self.vote
        uz = {o.state: o for o in self.outside_options}.get("Uzbekistan")
        against = [r for r in self.record if r.agrees is False]
        return (
            f"{scenario_name}: '{self.statement_label}' {'passes' if vote.passes else 'is blocked'}"
            + (f" ({self.blockers_text()})" if vote.blockers else "")
            + (f"; Uzbekistan {'goes cool' if uz.cool else 'stays engaged'}" if uz else "")
            + f"; claims E1-E6: {len(self.claims_with('reproduced'))} reproduced, "
            f"{len(self.claims_with('partly'))} partly, "
            f"{len(self.claims_with('not applicable'))} not applicable"
            + (
                f"; {len(against)} of {len(self.record)} record checks contradict the record"
                if self.record
                else ""
            )
            + "."
        )

    def key_results(self) -> dict[str, Any]:
        """The index page's key results."""
        vote = self.vote
        uz = {o.state: o for o in self.outside_options}.get("Uzbekistan")
        return {
            "statement passes": "yes" if vote.passes else "no",
            "blockers": ", ".join(vote.blockers) or "none",
            "principal blocker": vote.principal_blocker or "none",
            "members' Pr[proposal passes]": round(self.steps[0].pass_probability, 4),
            "highest statuses": "; ".join(f"{k} {v or 'none'}" for k, v in self.highest.items()),
            "Uzbekistan cool": ("yes" if uz.cool else "no") if uz else "n/a",
            "claims reproduced": ", ".join(self.claims_with("reproduced")) or "none",
            "claims partly": ", ".join(self.claims_with("partly")) or "none",
            "claims robust to every range end": ", ".join(self.robust) or "none",
            "ranges moved": ", ".join(self.moved) or "none",
            "positions without a range": ", ".join(self.unranged) or "none",
            "record: contradicted": "; ".join(
                f"{r.question}: model {r.predicted}, record {r.observed}"
                for r in self.record
                if r.agrees is False
            )
            or "none",
        }

    def sidecar(self, scenario_name: str) -> dict[str, Any]:
        """The notebook's sidecar: ``headline``, ``key_results`` and plain data for the tests."""
        vote, reach, cv = self.vote, self.reach, self.coalition
        return {
            "headline": self.headline(scenario_name),
            "key_results": self.key_results(),
            "scenario": scenario_name,
            "verdicts": dict(self.verdicts),
            "statement": {
                "passes": vote.passes,
                "blockers": list(vote.blockers),
                "margins": dict(vote.margins),
                "principal_blocker": vote.principal_blocker,
                "t_max": reach.t_max,
                "t_max_without": dict(reach.t_max_without),
            },
            "tradeoff": [
                {
                    "added": s.added,
                    "size": s.size,
                    "prestige": s.prestige,
                    "pass_probability": s.pass_probability,
                    "coleman": s.coleman,
                    "absorbed": s.absorbed,
                }
                for s in self.steps
            ],
            "highest_status": dict(self.highest),
            "outside_options": {
                o.state: {
                    "inside": o.inside,
                    "outside": o.outside,
                    "cool": o.cool,
                    "breakeven_availability": o.breakeven_availability,
                }
                for o in self.outside_options
            },
            "uzbekistan_across": {
                n: {"inside": o.inside, "outside": o.outside, "cool": o.cool} for n, o in self.across
            },
            "coalition": {
                "shapley": dict(cv.shapley),
                "core_empty": cv.core_empty,
                "core_certificate": cv.certificate_text(),
                "leavers": list(cv.leavers),
            },
            "sensitivity": [{"key": r.key, "value": r.value, "changed": list(r.changed)} for r in self.flips],
            "claims": [c.as_dict() for c in self.claims],
            "record": [
                {
                    "id": r.id,
                    "question": r.question,
                    "predicted": r.predicted,
                    "observed": r.observed,
                    "agrees": r.agrees,
                    "source": r.source,
                }
                for r in self.record
            ],
            "status_quo_alternatives": [
                {
                    "label": r.label,
                    "point": list(r.point),
                    "winset_area": r.winset_area,
                    "pass_probability": r.pass_probability,
                    "verdicts": dict(r.verdicts),
                }
                for r in self.status_quo_rows
            ],
        }


def enlargement_report(
    model: EnlargementModel,
    across: Mapping[str, EnlargementParams] | None = None,
    across_state: str = "Uzbekistan",
    year: int | None = None,
    date: _dt.date | None = None,
) -> EnlargementReport:
    """Run the enlargement model of one scenario (see the module docstring).

    ``across``: scenario name -> enlargement parameters, for ``across_state``'s outside option in each
    scenario where it is a member (paper §2-1: Uzbekistan before and after 9/11); None or empty: none.
    ``year``: the scenario's year, for the record checks (None: no record checks; taken from ``date`` when
    only that is given). ``date``: the scenario's date, for the claims (E5 is "not applicable" before 9/11).
    """
    check_model(model, "enlargement_report")
    p = model.params
    if year is None and date is not None:
        year = date.year
    steps = tuple(model.tradeoff_curve())
    n = p.n_proposals.value
    verdict_rows = tuple(claims_sensitivity(p, date))
    claims = tuple(evaluate_claims(model, date))
    admission = tuple(model.admission_table())
    opts = tuple(model.outside_options())
    vote = model.statement_vote()
    moved = tuple(dict.fromkeys(r.key for r in verdict_rows[1:]))
    unranged = tuple(
        [f"members.{k}" for k, v in p.members.items() if v.range is None]
        + [f"candidates.{k}" for k, v in p.candidates.items() if v.range is None]
        + [k for k in ("status_quo", "statement") if getattr(p, k).range is None]
    )
    return EnlargementReport(
        statement_label=p.statement_label.value,
        n_proposals=n,
        steps=steps,
        max_standard_error=max(pass_probability_se(s.pass_probability, n) for s in steps),
        cut=tuple(
            s.added for a, s in zip(steps, steps[1:], strict=False) if s.pass_probability < a.pass_probability
        ),
        absorbed=tuple(s.added for s in steps[1:] if s.absorbed),
        status_quo_in_core=status_quo_in_core(model.world, model.world.members),
        vote=vote,
        reach=model.statement_reach(),
        admission=admission,
        highest={" + ".join(r.candidates): r.predicted for r in admission},
        outside_options=opts,
        cool=tuple(o.state for o in opts if o.cool),
        across_state=across_state,
        across=tuple(outside_option_across(across_state, across or {}, skip_missing=True)),
        coalition=coalition_view(model),
        claims=claims,
        verdicts={c.id: c.verdict for c in claims},
        sensitivity=verdict_rows,
        flips=tuple(r for r in verdict_rows[1:] if r.changed),
        robust=tuple(
            k for k in verdict_rows[0].verdicts if not any(k in r.changed for r in verdict_rows[1:])
        ),
        moved=moved,
        unranged=unranged,
        record=tuple(record_checks(model, year)) if year is not None else (),
        status_quo_rows=tuple(status_quo_table(p)),
        pakistan_threshold=pakistan_veto_threshold(model),
        uzbekistan_pivotal=(set(vote.blockers) == {"Uzbekistan"})
        if "Uzbekistan" in model.world.members
        else None,
    )


#: The enlargement model's report under the name every model uses: ``sco_games.models.enlargement.report(m)``
#: (so, in the package, ``report`` is this function; import the module's other names from it directly).
report = enlargement_report
