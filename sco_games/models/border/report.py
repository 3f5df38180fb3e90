"""Everything the border notebook shows, for one scenario, computed in one call (paper §1-1, fn 12-13).

:func:`border_report` runs the models of :mod:`sco_games.models.border` over the scenario's dyads: the
power-only and prior-linkage predictions for the focus dyad, the linkage value ``L`` that reproduces each
reading of each settlement (every solution), the Nash weight that reproduces each main reading, and, for the
Tajik deal (the puzzle, shown whatever dyads the scenario lists), the ``L``-vs-share curve and the
one-at-a-time sensitivity of the calibrated ``L``. :meth:`BorderReport.sidecar` gives the notebook's sidecar.

>>> import datetime
>>> rep = border_report(BorderParams.example(), datetime.date(2001, 6, 15))
>>> rep.tajik_1000.ceded_km2, rep.tajik_1000.disputed_km2
(1000.0, 28500.0)
>>> round(rep.linkage("tass_1000", "nash").value, 3)   # linear Nash, w = 1/2: L = 2 (p - 1000/28500)
1.925
>>> round(rep.sidecar("example")["key_results"]["power-only Nash share (%)"], 2)
99.78
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from sco_games.models.border.calibration import (
    Calibration,
    calibrate_linkage,
    calibrate_nash_weight,
    linkage_need,
)
from sco_games.models.border.claims import (
    RECORD_TOLERANCE,
    b1_claim,
    b2_claim,
    b3_claim,
    b4_claim,
    record_check,
)
from sco_games.models.border.game import DyadGame, dyad_game, war_credible
from sco_games.models.border.out_of_sample import BASELINES, OutOfSampleTable, out_of_sample
from sco_games.models.border.params import BorderParams
from sco_games.models.border.sensitivity import (
    LinkageCurve,
    SensitivityRow,
    linkage_curve,
    linkage_sensitivity,
)
from sco_games.models.border.settlements import DyadFacts, Reading, settlements
from sco_games.models.border.solutions import SOLUTIONS, SplitPrediction, predict
from sco_games.models.common import Claim, RecordCheck, percent
from sco_games.sourced import check_section, unwrap

_SOLUTION_LABELS = {"nash": "asymmetric Nash", "kalai-smorodinsky": "Kalai-Smorodinsky",
                    "rubinstein": "Rubinstein", "fearon": "Fearon range"}

POINT_SOLUTIONS = ("nash", "kalai-smorodinsky", "rubinstein")
"""The solutions that predict one split (Fearon's gives a range)."""

TAJIK_READINGS = ("tass_1000", "specialists_4000")
"""The two Tajik readings the notebook contrasts: 1,000 km2 (fn 12) and 4,000 km2 (specialists, fn 13)."""

DISAGREEMENTS = ("dispute", "war")
"""The two disagreement points, shown side by side: the paper's continuing dispute, and war (our power-only
benchmark)."""

DISAGREEMENT_LABELS = {"dispute": "continuing dispute", "war": "war (power-only benchmark)"}


def rubinstein_weight(game: DyadGame) -> float:
    """China's Nash weight implied by Rubinstein's game as offers come ever faster: ``r_N / (r_C + r_N)``
    (Binmore, Rubinstein and Wolinsky 1986): the more patient side gets the larger weight.

    >>> g = DyadGame("T", 0.5, discount_rate_china=0.05, discount_rate_neighbour=0.10)
    >>> round(rubinstein_weight(g), 4)
    0.6667
    """
    return game.discount_rate_neighbour / (game.discount_rate_china + game.discount_rate_neighbour)


def disagreements(neighbour: str) -> tuple[str, ...]:
    """The disagreement points that can be asked of a dyad: no war between nuclear powers (Russia).

    >>> disagreements("Russia"), disagreements("Tajikistan")
    (('dispute',), ('dispute', 'war'))
    """
    return DISAGREEMENTS if war_credible(neighbour) else ("dispute",)


def point_shares(pred: SplitPrediction) -> dict[str, float | None]:
    """China's share under each point solution (None: no agreement beats disagreement).

    >>> g = dyad_game(BorderParams.example(), "Tajikistan")
    >>> shares = point_shares(predict(g))
    >>> sorted(shares), round(shares["nash"], 4)     # linear Nash, equal war costs: x = p
    (['kalai-smorodinsky', 'nash', 'rubinstein'], 0.9978)
    """
    return {s: pred.share(s) for s in POINT_SOLUTIONS}


def share_span(pred: SplitPrediction) -> tuple[float, float] | None:
    """(least, largest) China's share over the point solutions that reach an agreement; None if none does."""
    agreed = [v for v in point_shares(pred).values() if v is not None]
    return (min(agreed), max(agreed)) if agreed else None


@dataclass(frozen=True)
class DyadReport:
    """One dyad: its game, the power-only prediction (``L = 0``, main reading's area), the calibrated ``L``
    for every reading and solution, and the Nash weight (``L = 0``) that reproduces the main reading under
    each disagreement point."""

    neighbour: str
    facts: DyadFacts
    game: DyadGame
    power_only: SplitPrediction
    linkage: dict[str, dict[str, Calibration]]
    nash_weight: dict[str, Calibration]
    #: disagreement point -> the same results under it (the scenario's own point included): ``games``,
    #: ``power_only_by`` (L = 0), ``at_prior`` (the scenario's prior L), ``linkage_by`` (reading -> solution)
    games: dict[str, DyadGame]
    power_only_by: dict[str, SplitPrediction]
    at_prior: dict[str, SplitPrediction]
    linkage_by: dict[str, dict[str, dict[str, Calibration]]]

    def linkage_values(self) -> dict[str, dict[str, float | None]]:
        """Reading id -> solution -> calibrated ``L`` (None where no linkage value reproduces the share)."""
        return {
            rid: {s: (c.value if c.found else None) for s, c in cs.items()}
            for rid, cs in self.linkage.items()
        }


def _dyad_report(params: BorderParams, neighbour: str, facts: DyadFacts) -> DyadReport:
    g = dyad_game(params, neighbour)
    main = facts.reading()
    prior = float(params.linkage_prior.value)
    games = {dis: dyad_game(params, neighbour, disagreement=dis) for dis in disagreements(neighbour)}
    linkage_by = {
        dis: {r.id: {s: calibrate_linkage(gd, r.observed_share, s) for s in SOLUTIONS}
              for r in facts.readings}
        for dis, gd in games.items()
    }
    power_by = {dis: predict(gd, main.disputed_km2) for dis, gd in games.items()}
    return DyadReport(
        neighbour=neighbour,
        facts=facts,
        game=g,
        power_only=power_by[g.disagreement],
        linkage=linkage_by[g.disagreement],
        nash_weight={dis: calibrate_nash_weight(gd, main.observed_share) for dis, gd in games.items()},
        games=games,
        power_only_by=power_by,
        at_prior={dis: predict(gd.replace(linkage=prior), main.disputed_km2) for dis, gd in games.items()},
        linkage_by=linkage_by,
    )


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


@dataclass(frozen=True)
class BorderReport:
    """The border model's results for one scenario (see :func:`border_report`).

    ``dyads``: the scenario's dyads in order; ``tajikistan``: the Tajik dyad (the same object when it is
    shown); ``focus_prior``: the focus dyad at the scenario's prior ``L``; ``tajik_curve``: predicted shares
    over ``L`` in ``[0, 1.6 max(1, L_Nash(1,000), L_Nash(4,000))]`` (161 points; the largest ``L`` over both
    disagreement points), under the scenario's disagreement point (``tajik_curves``: under each);
    ``tajik_sensitivity``: reading id -> :func:`linkage_sensitivity` rows (Nash) under the scenario's
    disagreement point (``tajik_sensitivity_by``: under each), with ``p`` moved down to
    ``low_win_probability`` under war (under a continuing dispute ``p`` does not enter).
    """

    date: _dt.date
    focus: str
    linkage_prior: float
    dyads: dict[str, DyadReport]
    tajikistan: DyadReport
    focus_prior: SplitPrediction
    tajik_curve: LinkageCurve
    tajik_sensitivity: dict[str, list[SensitivityRow]]
    low_win_probability: float
    default_disagreement: str = "dispute"
    #: disagreement point -> reading id -> sensitivity rows (Nash), both points side by side
    tajik_sensitivity_by: dict[str, dict[str, list[SensitivityRow]]] | None = None
    #: disagreement point -> the L-vs-share curve of the Tajik dyad (one L grid for both)
    tajik_curves: dict[str, LinkageCurve] | None = None
    #: L fitted on one settlement, the others predicted (:func:`out_of_sample`: every point solution, both
    #: disagreement points); uses every settlement on the record now, whatever the scenario's date
    out_of_sample: OutOfSampleTable | None = None
    method: str = "border.predict / calibrate_linkage (Brent on [0, 1e4]) / calibrate_nash_weight per dyad"

    @property
    def focus_dyad(self) -> DyadReport:
        return self.dyads[self.focus]

    @property
    def tajik_1000(self) -> Reading:
        return self.tajikistan.facts.reading(TAJIK_READINGS[0])

    @property
    def tajik_4000(self) -> Reading:
        return self.tajikistan.facts.reading(TAJIK_READINGS[1])

    def linkage(self, reading_id: str, solution: str) -> Calibration:
        """The calibrated ``L`` of one reading (any shown dyad, or the Tajik readings) under ``solution``."""
        for d in (*self.dyads.values(), self.tajikistan):
            if reading_id in d.linkage:
                return d.linkage[reading_id][solution]
        raise ValueError(f"reading_id={reading_id!r}: not a reading of {', '.join(self.dyads)} or Tajikistan")

    def calibration_rows(self) -> list[tuple[DyadFacts, Reading, Calibration]]:
        """(facts, reading, calibration) for every reading of every shown dyad and solution, in the order of
        :func:`sco_games.models.border.calibrate_all` (for the calibration figure)."""
        return [
            (d.facts, r, d.linkage[r.id][s])
            for d in self.dyads.values()
            for r in d.facts.readings
            for s in SOLUTIONS
        ]

    def settled(self, by_date: bool = True) -> list[str]:
        """The shown dyads settled (``by_date``) or not yet settled (``not by_date``) at the scenario date."""
        return [n for n, d in self.dyads.items() if d.facts.settled_by(self.date) == by_date]

    def calibration_reasons(self) -> list[str]:
        """The distinct reasons (sorted) why some shown calibrations found no ``L``."""
        return sorted(
            {
                c.reason
                for d in self.dyads.values()
                for cs in d.linkage.values()
                for c in cs.values()
                if not c.found
            }
        )

    def linkage_values(self) -> dict[str, dict[str, float | None]]:
        """Reading id -> solution -> ``L`` (None: no value), over the shown dyads and the Tajik readings."""
        out: dict[str, dict[str, float | None]] = {}
        for d in self.dyads.values():
            out.update(d.linkage_values())
        out.update(self.tajikistan.linkage_values())
        return out

    def headline(self) -> str:
        """One sentence: the Tajik share on the record, what each disagreement point predicts at L = 0, and
        the linkage value Nash needs under each (the scenario's own point first)."""
        tj, r1 = self.tajikistan, self.tajik_1000
        fr = tj.facts
        parts = []
        for dis in self.disagreement_order():
            span = share_span(tj.power_only_by[dis])
            l1 = tj.linkage_by[dis][r1.id]["nash"]
            need, _ = linkage_need(tj.games[dis], r1.observed_share, "nash")
            said = ("no agreement" if span is None else
                    f"China {100 * span[0]:.0f}-{100 * span[1]:.0f}%" if round(100 * span[0]) != round(
                        100 * span[1]) else f"China {100 * span[0]:.0f}%")
            lw = (f"Nash needs L = {l1.value:.2f}" if need == "needed" else
                  "Nash needs no linkage" if need == "not needed" else "Nash cannot reach it")
            tag = ("a continuing dispute" if dis == "dispute" else "war") + (
                " (this scenario's disagreement point)" if dis == self.default_disagreement else
                " (our power-only benchmark)")
            parts.append(f"with {tag} the models give {said} at L = 0 and {lw}")
        return (
            f"Tajikistan: China got {100 * r1.observed_share:.1f}% of the disputed area"
            + ("" if fr.settled_by(self.date) else f" (in {fr.settled:%B %Y}, after this scenario's date)")
            + "; " + "; ".join(parts)
            + " (L in units of China's value of the whole disputed Tajik area)."
        )

    def disagreement_order(self) -> tuple[str, ...]:
        """The disagreement points, the scenario's own first."""
        return tuple(sorted(DISAGREEMENTS, key=lambda d: d != self.default_disagreement))

    @property
    def rubinstein_weight(self) -> float:
        """China's Nash weight implied by the scenario's discount rates (:func:`rubinstein_weight`)."""
        return rubinstein_weight(self.tajikistan.game)

    def weight_rows(self) -> list[tuple[str, float, str, float | None]]:
        """(weight name, China's weight, disagreement point, China's Nash share of the Tajik area at L = 0)
        for the scenario's Nash weight and the Rubinstein-implied one, under each disagreement point."""
        tj = self.tajikistan
        out = []
        for name, w in (("scenario's Nash weight", tj.game.nash_weight_china),
                        ("Rubinstein-implied weight r_N / (r_C + r_N)", self.rubinstein_weight)):
            for dis in self.disagreement_order():
                out.append((name, w, dis, predict(tj.games[dis].replace(nash_weight_china=w)).share("nash")))
        return out

    def sensitivity_text(self, disagreement: str, reading_id: str = TAJIK_READINGS[0]) -> str:
        """Plain words: how far the Nash ``L`` for one Tajik reading moves over the sourced ranges, under one
        disagreement point, and whether linkage is needed at every end."""
        rows = (self.tajik_sensitivity_by or {}).get(disagreement, {}).get(reading_id, [])
        r = self.tajikistan.facts.reading(reading_id)
        ends = [(x.parameter, v, n) for x in rows for v, n in ((x.linkage_at_low, x.need_at_low),
                                                               (x.linkage_at_high, x.need_at_high))]
        base = self.tajikistan.linkage_by[disagreement][reading_id]["nash"]
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

    def power_text(self) -> str:
        """Plain words: what each disagreement point predicts for the Tajik deal without linkage."""
        tj, r1 = self.tajikistan, self.tajik_1000
        out = []
        for dis in self.disagreement_order():
            span, fr = share_span(tj.power_only_by[dis]), tj.power_only_by[dis].fearon
            s = (f"With a {DISAGREEMENT_LABELS[dis]}"
                 + (" (this scenario's disagreement point)" if dis == self.default_disagreement else "")
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

    def weight_text(self) -> str:
        """Plain words: the scenario's Nash weight beside the one Rubinstein's game implies."""
        tj = self.tajikistan
        g = tj.game
        w, wr = g.nash_weight_china, self.rubinstein_weight
        rows = [(d, x) for _, _, d, x in self.weight_rows()]
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

    def claims(self) -> list[Claim]:
        """The paper's border claims B1-B4 with the model's verdicts (see
        :mod:`~sco_games.models.border.claims`)."""
        tj = self.tajikistan
        rs = tj.facts.readings
        main = tj.facts.reading()
        needs = {(dis, s): linkage_need(tj.games[dis], main.observed_share, s)
                 for dis in self.disagreement_order() for s in SOLUTIONS}
        facts = settlements()
        return [
            b1_claim(main.disputed_km2, [r.disputed_km2 for r in rs], self.default_disagreement),
            b2_claim([(r.ceded_km2, r.observed_share, r.reported <= self.date) for r in rs],
                     tj.facts.settled),
            b3_claim({n: f.settled for n, f in facts.items()}, models_joint_table=False),
            b4_claim(needs, self.default_disagreement),
        ]

    def record_text(self) -> str:
        """Why the continuing-dispute predictions miss the settled shares, in the report's words (paper §1-1,
        fn 5-6): under the dispute the neighbour keeps all the land without a deal, so it cedes at most what
        the dispute costs it; the model leaves out what made the neighbours cede more."""
        dis = "dispute"
        rows, missed = [], []
        for n, d in self.dyads.items():
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
        costs = sorted({f"{100 * d.games[dis].dispute_cost_neighbour:.0f}%" for d in self.dyads.values()
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

    def record_checks(self) -> list[RecordCheck]:
        """For each shown dyad, disagreement point and solution: China's predicted share at the scenario's
        prior ``L`` beside the settled share(s) on the record (:func:`record_check`)."""
        out = []
        for n, d in self.dyads.items():
            readings = [(r.label, r.share_range) for r in d.facts.readings]
            src = "border_settlements.yaml: " + "; ".join(
                dict.fromkeys(r.ceded_source for r in d.facts.readings))
            for dis in self.disagreement_order():
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
                         f"{_SOLUTION_LABELS[s]}, L = {self.linkage_prior:g}")
                    out.append(record_check(f"{n}/{dis}/{s}", q, value, readings, src))
        return out + self.out_of_sample_checks()

    def out_of_sample_checks(self) -> list[RecordCheck]:
        """The out-of-sample predictions (Nash, the scenario's disagreement point) beside the record: ``L``
        fitted on one dyad's settlement, China's share in another (:func:`record_check`)."""
        if self.out_of_sample is None:
            return []
        facts = settlements()
        out = []
        for r in self.out_of_sample.rows:
            if r.solution != "nash" or r.disagreement != self.default_disagreement:
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

    def key_results(self) -> dict[str, Any]:
        """The index page's key results (shares in %, rounded to 0.01; ``L`` rounded to 0.001)."""
        tj, r1, r4 = self.tajikistan, self.tajik_1000, self.tajik_4000
        # "power-only": war as the disagreement point (the benchmark), whatever the scenario's own point
        shares, fr0 = point_shares(tj.power_only_by["war"]), tj.power_only_by["war"].fearon

        def lval(rid: str, s: str) -> float | str:
            c = self.linkage(rid, s)
            return round(c.value, 3) if c.found else "no value"

        return {
            "observed Tajik share (1,000 km2)": percent(r1.observed_share, 2),
            "observed Tajik share (4,000 km2)": percent(r4.observed_share, 2),
            "power-only Nash share (%)": percent(shares["nash"], 2),
            "power-only Kalai-Smorodinsky share (%)": percent(shares["kalai-smorodinsky"], 2),
            "power-only Rubinstein share (%)": percent(shares["rubinstein"], 2),
            "Fearon range, L = 0 (%)": "empty" if fr0.empty else f"{100 * fr0.low:.1f}-{100 * fr0.high:.1f}",
            **{f"L, Nash, {r.label}": lval(r.id, "nash") for r in tj.facts.readings},
            **{f"L, Rubinstein, {r.label}": lval(r.id, "rubinstein") for r in (r1, r4)},
            "least L in Fearon range, 1,000 km2": _lval(tj.linkage_by["war"][r1.id]["fearon"]),
            "disagreement point (this scenario)": self.default_disagreement,
            **{f"Nash share at L = 0, {DISAGREEMENT_LABELS[dis]} (%)":
               percent(tj.power_only_by[dis].share("nash"), 2) for dis in self.disagreement_order()},
            **{f"L, Nash, 1,000 km2, {DISAGREEMENT_LABELS[dis]}": _lval(tj.linkage_by[dis][r1.id]["nash"])
               for dis in self.disagreement_order()},
            "China's Nash weight (scenario)": tj.game.nash_weight_china,
            "China's Rubinstein-implied weight": round(self.rubinstein_weight, 3),
            **{f"B{i + 1} verdict": c.verdict for i, c in enumerate(self.claims())},
            **self._out_of_sample_results(),
        }

    def _out_of_sample_results(self) -> dict[str, Any]:
        """Key results of the out-of-sample test: Nash, the scenario's disagreement point, mean absolute
        errors (percentage points) of the model and of the best baseline, each direction."""
        if self.out_of_sample is None:
            return {}
        out: dict[str, Any] = {}
        for d in ("from Tajikistan", "to Tajikistan"):
            m = self.out_of_sample.mean_abs_errors(d, "nash", self.default_disagreement)
            model = m.pop("model")
            best = min(((v, k) for k, v in m.items() if v is not None), default=None)
            out[f"out of sample, Nash, {d}: mean error (points)"] = (
                "no prediction" if model is None else round(100 * model, 1))
            out[f"out of sample, {d}: best baseline"] = (
                "none" if best is None else f"{best[1]}, {100 * best[0]:.1f} points")
        return out

    def sidecar(self, scenario_name: str) -> dict[str, Any]:
        """The notebook's sidecar: ``headline``, ``key_results``, ``claims`` (B1-B4), ``record`` (predicted
        vs settled shares) and plain data for the tests."""
        return {
            "headline": self.headline(),
            "key_results": self.key_results(),
            "claims": [{"id": c.id, "claim": c.claim, "verdict": c.verdict, "because": c.evidence}
                       for c in self.claims()],
            "record": [{"id": r.id, "question": r.question, "predicted": r.predicted, "observed": r.observed,
                        "agrees": r.agrees, "source": r.source} for r in self.record_checks()],
            "default_disagreement": self.default_disagreement,
            "rubinstein_weight": self.rubinstein_weight,
            "calibrated_linkage_by_disagreement": {
                dis: {rid: {s: (c.value if c.found else None) for s, c in cs.items()}
                      for rid, cs in self.tajikistan.linkage_by[dis].items()}
                for dis in self.disagreement_order()
            },
            "out_of_sample": [] if self.out_of_sample is None else [
                {"calibrated_on": r.calibrated_on, "predicted_for": r.predicted_for, "solution": r.solution,
                 "disagreement": r.disagreement, "linkage": r.linkage, "exact": r.exact,
                 "predicted": r.predicted, "observed": r.observed, "error": r.error,
                 "baselines": dict(zip(BASELINES, r.baselines, strict=True))}
                for r in self.out_of_sample.rows],
            "scenario": scenario_name,
            "focus_dyad": self.focus,
            "win_probability_tajikistan": self.tajikistan.game.win_probability,
            "power_only_shares_tajikistan": point_shares(self.tajikistan.power_only),
            "calibrated_linkage": self.linkage_values(),
            "nash_weight_main_reading": {
                f"{n}/{dis}": d.nash_weight[dis].value for n, d in self.dyads.items() for dis in d.nash_weight
            },
            "dyads": {
                n: {
                    "win_probability": d.game.win_probability,
                    "settled": d.facts.settled.isoformat(),
                    "settled_by_scenario_date": d.facts.settled_by(self.date),
                    "readings": {
                        r.id: {
                            "observed_share": r.observed_share,
                            "disputed_km2": r.disputed_km2,
                            "ceded_km2": r.ceded_km2,
                            "known_at_scenario_date": r.reported <= self.date,
                            "calibrated_linkage": d.linkage_values()[r.id],
                        }
                        for r in d.facts.readings
                    },
                    "power_only_shares": point_shares(d.power_only),
                }
                for n, d in self.dyads.items()
            },
        }


def _pct(x: float | None) -> str:
    return "no agreement" if x is None else f"{100 * x:.1f}%"


def _lval(c: Calibration) -> float | str:
    return round(c.value, 3) if c.found else "no value"


def _as_date(date: Any) -> _dt.date:
    """A ``datetime.date`` from a date, a datetime (its day) or an ISO string ``"2003-01-01"``."""
    if isinstance(date, _dt.datetime):
        return date.date()
    if isinstance(date, _dt.date):
        return date
    if isinstance(date, str):
        try:
            return _dt.date.fromisoformat(date)
        except ValueError:
            raise ValueError(f"date={date!r}: not a date; give a datetime.date (e.g. scenario.meta.date) "
                             "or an ISO string like '2003-01-01'") from None
    raise TypeError(f"date={date!r}: must be a datetime.date (e.g. scenario.meta.date) or an ISO string "
                    f"like '2003-01-01', got {type(date).__name__}")


def border_report(params: BorderParams, date: _dt.date | str, low_win_probability: float = 0.9
                  ) -> BorderReport:
    """Run the border models for a scenario's ``params`` at its ``date`` (see the module docstring).

    ``date``: a ``datetime.date`` (``scenario.meta.date``) or an ISO string ``"2003-01-01"``.
    ``low_win_probability``: the low end of China's chance of winning in the sensitivity rows (the CINC
    ratio ignores terrain and the Russian forces in Tajikistan); the high end is the CINC ratio.
    """
    check_section(params, BorderParams, "border", "border_report")
    date = _as_date(date)
    if not (0.0 < float(low_win_probability) < 1.0):
        raise ValueError(f"low_win_probability must be in (0, 1), got {low_win_probability!r}")
    facts = settlements()
    dyads = {n: _dyad_report(params, n, facts[n]) for n in params.dyads}
    tj = dyads.get("Tajikistan") or _dyad_report(params, "Tajikistan", facts["Tajikistan"])
    focus = dyads[params.focus_dyad]
    prior = float(params.linkage_prior.value)
    cal_tj = [tj.linkage_by[dis][r]["nash"] for r in TAJIK_READINGS for dis in tj.linkage_by]
    l_top = max([c.value for c in cal_tj if c.found] + [1.0]) * 1.6
    curves = {dis: linkage_curve(gd, np.linspace(0.0, l_top, 161)) for dis, gd in tj.games.items()}
    sens_by = {
        dis: {
            rid: linkage_sensitivity(
                params,
                "Tajikistan",
                tj.facts.reading(rid).observed_share,
                "nash",
                win_probability_range=(float(low_win_probability), tj.game.win_probability)
                if dis == "war" else None,
                disagreement=dis,
            )
            for rid in TAJIK_READINGS
        }
        for dis in DISAGREEMENTS
    }
    sens = sens_by[tj.game.disagreement]
    return BorderReport(
        date=date,
        focus=params.focus_dyad,
        linkage_prior=prior,
        dyads=dyads,
        tajikistan=tj,
        focus_prior=predict(focus.game.replace(linkage=prior), focus.facts.reading().disputed_km2),
        tajik_curve=curves[tj.game.disagreement],
        tajik_sensitivity=sens,
        low_win_probability=float(low_win_probability),
        default_disagreement=str(params.disagreement.value),
        tajik_sensitivity_by=sens_by,
        tajik_curves=curves,
        out_of_sample=out_of_sample(params),
    )


def differing_values(params: BorderParams, others: Mapping[str, BorderParams]) -> dict[str, dict[str, Any]]:
    """Border value key -> {other scenario name: its value}, for the keys where another scenario differs.

    >>> differing_values(BorderParams.example(), {"b": BorderParams.example(war_cost_china=0.5)})
    {'war_cost_china': {'b': 0.5}}
    """
    check_section(params, BorderParams, "border", "differing_values")
    for name, other in others.items():
        check_section(other, BorderParams, "border", f"differing_values (others[{name!r}])")
    mine = unwrap(params)
    out: dict[str, dict[str, Any]] = {}
    for name, p in others.items():
        other = unwrap(p)
        for key, value in mine.items():
            if other[key] != value:
                out.setdefault(key, {})[name] = other[key]
    return out


#: The border model's report under the name every model uses: ``sco_games.models.border.report(params, date)``
#: (so, in the package, ``report`` is this function; import the module's other names from it directly).
report = border_report
