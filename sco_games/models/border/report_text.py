"""The border report's plain words (paper §1-1, fn 5-6, 12-13): the headline, what power alone predicts for
the Tajik deal, how far the calibrated ``L`` moves over the sourced ranges, the Nash weight beside
Rubinstein's, and why the continuing-dispute predictions miss the settled shares. Each function takes a
:class:`~sco_games.models.border.report.BorderReport` (whose methods of the same names call them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sco_games.models.border.calibration import linkage_need
from sco_games.models.border.claims import RECORD_TOLERANCE
from sco_games.models.border.dyads import DISAGREEMENT_LABELS, TAJIK_READINGS, share_span
from sco_games.models.border.solutions import SOLUTIONS

if TYPE_CHECKING:
    from sco_games.models.border.report import BorderReport

__all__ = ["headline", "power_text", "record_text", "sensitivity_text", "weight_text"]


#: What the border model leaves out that the paper names (§1-1, fn 5-6), for :meth:`BorderReport.record_text`.
_LEFT_OUT = (
    "What the model leaves out, by the paper's account: (1) the neighbour's own gain from a settled border "
    "(stability, the 1996-97 confidence-building and force-reduction agreements, help against separatism, "
    "§1-1, §1-2): linkage in the model is China's only; (2) the '4+1' format: Russia and the three Central "
    "Asian states faced China together, a formula created 'in due observance of the Russo-Chinese border "
    "agreements' (§1-1, fn 5-6), so the terms of those agreements could carry over from dyad to dyad, while "
    "the model bargains each dyad alone; (3) Russia's mediation, which brought the neighbours to the table "
    "at all (fn 5): in the model Russia appears only as the neighbour's small outside option, which can only "
    "lower China's share."
)


def headline(rep: BorderReport) -> str:
    """One sentence: the Tajik share on the record, what each disagreement point predicts at L = 0, and
    the linkage value Nash needs under each (the scenario's own point first)."""
    tj, r1 = rep.tajikistan, rep.tajik_1000
    fr = tj.facts
    parts = []
    for dis in rep.disagreement_order():
        span = share_span(tj.power_only_by[dis])
        l1 = tj.linkage_by[dis][r1.id]["nash"]
        need, _ = linkage_need(tj.games[dis], r1.observed_share, "nash")
        said = ("no agreement" if span is None else
                f"China {100 * span[0]:.0f}-{100 * span[1]:.0f}%" if round(100 * span[0]) != round(
                    100 * span[1]) else f"China {100 * span[0]:.0f}%")
        lw = (f"Nash needs L = {l1.value:.2f}" if need == "needed" else
              "Nash needs no linkage" if need == "not needed" else "Nash cannot reach it")
        tag = ("a continuing dispute" if dis == "dispute" else "war") + (
            " (this scenario's disagreement point)" if dis == rep.default_disagreement else
            " (our power-only benchmark)")
        parts.append(f"with {tag} the models give {said} at L = 0 and {lw}")
    return (
        f"Tajikistan: China got {100 * r1.observed_share:.1f}% of the disputed area"
        + ("" if fr.settled_by(rep.date) else f" (in {fr.settled:%B %Y}, after this scenario's date)")
        + "; " + "; ".join(parts)
        + " (L in units of China's value of the whole disputed Tajik area)."
    )


def sensitivity_text(rep: BorderReport, disagreement: str, reading_id: str = TAJIK_READINGS[0]) -> str:
    """Plain words: how far the Nash ``L`` for one Tajik reading moves over the sourced ranges, under one
    disagreement point, and whether linkage is needed at every end."""
    rows = (rep.tajik_sensitivity_by or {}).get(disagreement, {}).get(reading_id, [])
    r = rep.tajikistan.facts.reading(reading_id)
    ends = [(x.parameter, v, n) for x in rows for v, n in ((x.linkage_at_low, x.need_at_low),
                                                           (x.linkage_at_high, x.need_at_high))]
    base = rep.tajikistan.linkage_by[disagreement][reading_id]["nash"]
    vals = [v for _, v, n in ends if n == "needed" and v is not None]
    if base.found:
        vals.append(base.value)
    not_needed = sorted({p for p, _, n in ends if n == "not needed"})
    unreach = sorted({p for p, _, n in ends if n == "unreachable"})
    head = f"With a {DISAGREEMENT_LABELS[disagreement]}, for {r.label}: "
    if vals:
        head += (f"where linkage is needed, the Nash L runs from {min(vals):.2f} to {max(vals):.2f} "
                 "(units: China's value of the whole disputed Tajik area) as one input at a time moves "
                 "over its range")
    else:
        head += "Nash needs no positive linkage value at the baseline or at any range end"
    if not_needed:
        head += ("; no linkage value is needed at all (L = 0 already gives China the observed share or "
                 f"less) at an end of: {', '.join(not_needed)}")
    if unreach:
        head += ("; no linkage value in [0, 10^4] reproduces the observed share at an end of: "
                 + ", ".join(unreach))
    all_above_1 = vals and not not_needed and not unreach and min(vals) > 1
    return head + (". Whatever the values within these ranges, L stays above 1." if all_above_1 else ".")


def power_text(rep: BorderReport) -> str:
    """Plain words: what each disagreement point predicts for the Tajik deal without linkage."""
    tj, r1 = rep.tajikistan, rep.tajik_1000
    out = []
    for dis in rep.disagreement_order():
        span, fr = share_span(tj.power_only_by[dis]), tj.power_only_by[dis].fearon
        s = (f"With a {DISAGREEMENT_LABELS[dis]}"
             + (" (this scenario's disagreement point)" if dis == rep.default_disagreement else "")
             + ", ")
        s += (f"the point solutions give China {100 * span[0]:.1f}% to {100 * span[1]:.1f}% "
              "without linkage"
              if span else "no split beats disagreement for China without linkage")
        if dis == "war":
            s += ", and Fearon's range is " + ("empty" if fr.empty else
                                               f"{100 * fr.low:.1f}% to {100 * fr.high:.1f}%")
        if span and span[0] > 3 * r1.observed_share:
            s += (": far more than the record, so something China valued besides land must enter the "
                  "deal.")
        elif span and span[1] < r1.observed_share:
            s += (": less than the record, so no linkage is needed to explain why China settled for "
                  "little (the continuing dispute left the land with Tajikistan).")
        else:
            s += ": close to the record."
        out.append(s)
    return (f"The record says China got {100 * r1.observed_share:.1f}%. " + " ".join(out))


def weight_text(rep: BorderReport) -> str:
    """Plain words: the scenario's Nash weight beside the one Rubinstein's game implies."""
    tj = rep.tajikistan
    g = tj.game
    w, wr = g.nash_weight_china, rep.rubinstein_weight
    rows = [(d, x) for _, _, d, x in rep.weight_rows()]
    half = len(rows) // 2  # the scenario's weight first, then the Rubinstein-implied one
    shares = "; ".join(f"{DISAGREEMENT_LABELS[d]}: {_pct(x)} with w = {w:g}, {_pct(y)} with w = {wr:.2f}"
                       for (d, x), (_, y) in zip(rows[:half], rows[half:], strict=True))
    return (f"The scenario gives China a Nash weight w = {w:g} (the symmetric Nash solution), but its "
            f"discount rates, {g.discount_rate_china:g} a year for China and "
            f"{g.discount_rate_neighbour:g} for Tajikistan, imply w = r_N / (r_C + r_N) = {wr:.2f} in "
            "Rubinstein's game when offers come often (Binmore, Rubinstein and Wolinsky 1986). In plain "
            "words: the side that can better afford to wait gets more, and the scenario makes Tajikistan "
            "the less patient side, so Rubinstein's logic hands China the larger weight; the symmetric "
            "weight ignores patience. China's Nash "
            f"share of the Tajik area at L = 0: {shares}.")


def record_text(rep: BorderReport) -> str:
    """Why the continuing-dispute predictions miss the settled shares, in the report's words (paper §1-1,
    fn 5-6): under the dispute the neighbour keeps all the land without a deal, so it cedes at most what
    the dispute costs it; the model leaves out what made the neighbours cede more."""
    dis = "dispute"
    rows, missed = [], []
    for n, d in rep.dyads.items():
        if dis not in d.at_prior or not d.facts.readings:
            continue
        g, pred = d.games[dis], d.at_prior[dis]
        top = max(pred.share(s) for s in SOLUTIONS if s != "fearon")
        lo = min(r.share_range[0] for r in d.facts.readings)
        hi = max(r.share_range[1] for r in d.facts.readings)
        rows.append(f"{n}: model at most {100 * top:.1f}%, record {100 * lo:.0f}%"
                    + (f"-{100 * hi:.0f}%" if hi - lo >= 5e-3 else ""))
        if lo > top + RECORD_TOLERANCE:
            missed.append((n, g.dispute_cost_neighbour, lo))
    if not rows:
        return ""
    costs = sorted({f"{100 * d.games[dis].dispute_cost_neighbour:.0f}%" for d in rep.dyads.values()
                    if dis in d.games})
    text = ("Under the continuing dispute (the paper's peaceful deadlock) the neighbour keeps all the "
            "land if talks fail, so a deal can give China no more than what the dispute costs the "
            "neighbour (here " + " or ".join(costs) + " of its value of the area), and China's own "
            "linkage value L only lowers what China needs. China's largest predicted share against the "
            "record: " + "; ".join(rows) + ". ")
    if missed:
        text += ("The model contradicts the " + ", ".join(n for n, _, _ in missed) + " settlements: "
                 "there China obtained far more than the neighbour's cost of the dispute. " + _LEFT_OUT
                 + " To reproduce these shares the neighbour's cost of the dispute, or its gain from a "
                 "deal, would have to be at least the share it ceded ("
                 + ", ".join(f"{n} {100 * x:.0f}%" for n, _, x in missed)
                 + "): a missing term, not a value to tune. ")
    return text


def _pct(x: float | None) -> str:
    return "no agreement" if x is None else f"{100 * x:.1f}%"
