"""The border report's claims and record checks: B1-B4 from the Tajik dyad
(:mod:`~sco_games.models.border.claims`), and every shown dyad's predicted share (each disagreement point and
solution, the scenario's prior ``L``; the out-of-sample predictions) beside the settled shares on the record.
Each function takes a :class:`~sco_games.models.border.report.BorderReport` (whose methods of the same names
call them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sco_games.models.border.calibration import linkage_need
from sco_games.models.border.claims import b1_claim, b2_claim, b3_claim, b4_claim, record_check
from sco_games.models.border.dyads import DISAGREEMENT_LABELS
from sco_games.models.border.settlements import settlements
from sco_games.models.border.solutions import SOLUTIONS
from sco_games.models.common import Claim, RecordCheck

if TYPE_CHECKING:
    from sco_games.models.border.report import BorderReport

__all__ = ["claims", "out_of_sample_checks", "record_checks"]

_SOLUTION_LABELS = {"nash": "asymmetric Nash", "kalai-smorodinsky": "Kalai-Smorodinsky",
                    "rubinstein": "Rubinstein", "fearon": "Fearon range"}


def claims(rep: BorderReport) -> list[Claim]:
    """The paper's border claims B1-B4 with the model's verdicts (see
    :mod:`~sco_games.models.border.claims`)."""
    tj = rep.tajikistan
    rs = tj.facts.readings
    main = tj.facts.reading()
    needs = {(dis, s): linkage_need(tj.games[dis], main.observed_share, s)
             for dis in rep.disagreement_order() for s in SOLUTIONS}
    facts = settlements()
    return [
        b1_claim(main.disputed_km2, [r.disputed_km2 for r in rs], rep.default_disagreement),
        b2_claim([(r.ceded_km2, r.observed_share, r.reported <= rep.date) for r in rs],
                 tj.facts.settled),
        b3_claim({n: f.settled for n, f in facts.items()}, models_joint_table=False),
        b4_claim(needs, rep.default_disagreement),
    ]


def record_checks(rep: BorderReport) -> list[RecordCheck]:
    """For each shown dyad, disagreement point and solution: China's predicted share at the scenario's
    prior ``L`` beside the settled share(s) on the record (:func:`record_check`)."""
    out = []
    for n, d in rep.dyads.items():
        readings = [(r.label, r.share_range) for r in d.facts.readings]
        src = "border_settlements.yaml: " + "; ".join(
            dict.fromkeys(r.ceded_source for r in d.facts.readings))
        for dis in rep.disagreement_order():
            if dis not in d.at_prior:
                continue
            pred = d.at_prior[dis]
            for s in SOLUTIONS:
                if s == "fearon":
                    if not d.games[dis].war_credible or dis != "war":
                        continue  # Fearon's range is a range against war
                    value = None if pred.fearon.empty else (pred.fearon.low, pred.fearon.high)
                else:
                    value = pred.share(s)
                q = (f"China's share of the China-{n} disputed area: {DISAGREEMENT_LABELS[dis]}, "
                     f"{_SOLUTION_LABELS[s]}, L = {rep.linkage_prior:g}")
                out.append(record_check(f"{n}/{dis}/{s}", q, value, readings, src))
    return out + rep.out_of_sample_checks()


def out_of_sample_checks(rep: BorderReport) -> list[RecordCheck]:
    """The out-of-sample predictions (Nash, the scenario's disagreement point) beside the record: ``L``
    fitted on one dyad's settlement, China's share in another (:func:`record_check`)."""
    if rep.out_of_sample is None:
        return []
    facts = settlements()
    out = []
    for r in rep.out_of_sample.rows:
        if r.solution != "nash" or r.disagreement != rep.default_disagreement:
            continue
        f = facts[r.predicted_for]
        fit = ("no L" if r.linkage is None else
               f"L = {r.linkage:.3g}" + ("" if r.exact else ", the closest allowed"))
        q = (f"Out of sample: China's share of the China-{r.predicted_for} disputed area with {fit} "
             f"fitted on the {r.calibrated_on} settlement ({DISAGREEMENT_LABELS[r.disagreement]}, "
             "asymmetric Nash)")
        out.append(record_check(f"oos/{r.calibrated_on}->{r.predicted_for}", q, r.predicted,
                                [(x.label, x.share_range) for x in f.readings],
                                "border_settlements.yaml: " + f.reading().ceded_source))
    return out
