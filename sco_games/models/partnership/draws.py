"""The partnership model over many draws of its uncertain values (issue 12): every claim's verdict (P1-P5)
and the key numbers, per draw, as :class:`~sco_games.models.common.DrawOutputs`.

Draw ``i`` is the section with every drawn key set to its ``i``-th value (a founding value: the scenario's
dated events are still added, as for a scenario override). Two methods, the same outputs:

* ``"loop"``: the reference, :func:`~sco_games.models.partnership.claims.assess_claims`,
  :func:`~sco_games.models.partnership.sustainability.sustainability` and
  :func:`~sco_games.models.partnership.events.us_price` on each draw (what the report calls);
* ``"vectorized"``: the same quantities for all draws at once (``draws_fast``): the stage games of every
  draw and every counterfactual solved together by :func:`~sco_games.theory.solve_batch`, grim trigger in
  closed form on the verified equilibria, the US prices from the best-reply thresholds.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from sco_games.models.common import DrawOutputs, draw_count, draw_sections, loop_outputs
from sco_games.models.partnership.claims import assess_claims
from sco_games.models.partnership.events import us_price
from sco_games.models.partnership.params import PLAYERS, PartnershipParams, apply_events
from sco_games.models.partnership.sustainability import sustainability
from sco_games.sourced import check_section

__all__ = ["CLAIM_IDS", "NUMBERS", "evaluate_draws"]

#: The claims every draw is judged on (all the report shows).
CLAIM_IDS = ("P1", "P2", "P3", "P4", "P5")

#: The key numbers and what they are.
NUMBERS: dict[str, str] = {
    "partner_partner_unique": "1 if Partner/Partner is the unique equilibrium of the stage game (with the "
                              "events), else 0",
    "partner_partner_equilibrium": "1 if Partner/Partner is an equilibrium (possibly one of several), else 0",
    "delta_star_partnership": "grim trigger: the least discount factor that sustains Partner/Partner "
                              "(0 = a stage equilibrium; NaN = not sustainable at any delta)",
    "delta_star_joint_front": "grim trigger: the least discount factor that sustains the joint front "
                              "Ally/Ally, reverting to stage equilibria in undominated strategies "
                              "(NaN = not sustainable at any delta)",
    "us_price_russia": "the smallest US offer to Russia (added to its US stake, ladder units) that changes "
                       "the equilibrium (NaN = none does)",
    "us_price_china": "the smallest US offer to China (added to its US stake, ladder units) that changes "
                      "the equilibrium (NaN = none does)",
}

METHODS = ("auto", "loop", "vectorized")


def _nan(x: float | None) -> float:
    return float("nan") if x is None else float(x)


def _one(p: PartnershipParams, date: _dt.date | None = None) -> tuple[dict[str, str], dict[str, float]]:
    """The verdicts and numbers of one section (the reference: the report's own functions); ``date``: the
    scenario's, for P3 (the UN votes known then)."""
    claims, _ = assess_claims(p, date)
    flat = apply_events(p) if p.events else p
    part, joint = sustainability(flat)
    from sco_games.models.partnership.game import analyze
    label = analyze(flat).label
    pp = "Partner/Partner" in label.removeprefix("multiple: ").split(" + ")
    nums = {
        "partner_partner_unique": float(label == "Partner/Partner"),
        "partner_partner_equilibrium": float(pp),
        "delta_star_partnership": _nan(part.delta_star),
        "delta_star_joint_front": _nan(joint.delta_star),
        **{f"us_price_{s.lower()}": _nan(us_price(flat, s).price) for s in PLAYERS},
    }
    return {c.id: c.verdict for c in claims}, nums


def evaluate_loop(sections: list[PartnershipParams], date: _dt.date | None = None) -> DrawOutputs:
    """The reference loop over already-built sections (``date``: the scenario's, for P3)."""
    return loop_outputs(sections, lambda p: _one(p, date), CLAIM_IDS, NUMBERS,
                        "reference loop (assess_claims, sustainability, us_price per draw)")


def evaluate_draws(params: PartnershipParams, draws: Mapping[str, Any], *, date: _dt.date | None = None,
                   method: str = "auto") -> DrawOutputs:
    """P1-P5 and the key numbers (:data:`NUMBERS`) of ``params`` over ``draws`` (dotted key -> array of
    draws; see :class:`~sco_games.models.common.DrawOutputs`). ``method``: ``"loop"`` (the reference),
    ``"vectorized"`` or ``"auto"`` (vectorized). ``date``: the scenario's date, for P3 (the UN votes of the
    sessions over by then; ``None``: every year). Unknown keys or values outside a key's allowed range are a
    ``ValueError`` naming the key."""
    check_section(params, PartnershipParams, "partnership", "evaluate_draws")
    if method not in METHODS:
        raise ValueError(f"evaluate_draws: method={method!r}; allowed: {METHODS}")
    draw_count(draws, "partnership.evaluate_draws")
    if method == "loop":
        return evaluate_loop(draw_sections(params, draws, "partnership.evaluate_draws"), date)
    from sco_games.models.partnership.draws_fast import evaluate_vectorized
    return evaluate_vectorized(params, draws, date)
