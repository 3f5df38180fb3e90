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

from sco_games.models.border import report_checks, report_sidecar, report_text
from sco_games.models.border.calibration import Calibration
from sco_games.models.border.dyads import (
    DISAGREEMENT_LABELS,
    DISAGREEMENTS,
    POINT_SOLUTIONS,
    TAJIK_READINGS,
    DyadReport,
    disagreements,
    dyad_report,
    point_shares,
    rubinstein_weight,
    share_span,
)
from sco_games.models.border.out_of_sample import OutOfSampleTable, out_of_sample
from sco_games.models.border.params import BorderParams
from sco_games.models.border.sensitivity import (
    LinkageCurve,
    SensitivityRow,
    linkage_curve,
    linkage_sensitivity,
)
from sco_games.models.border.settlements import DyadFacts, Reading, settlements
from sco_games.models.border.solutions import SOLUTIONS, SplitPrediction, predict
from sco_games.models.common import Claim, RecordCheck
from sco_games.sourced import check_section, unwrap

__all__ = ["DISAGREEMENT_LABELS", "DISAGREEMENTS", "POINT_SOLUTIONS", "TAJIK_READINGS", "BorderReport",
           "DyadReport", "border_report", "differing_values", "disagreements", "point_shares", "report",
           "rubinstein_weight", "share_span"]


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

    def calibration_reasons(self, every_point: bool = False) -> list[str]:
        """The distinct reasons (sorted) why some shown calibrations found no ``L``: under the scenario's
        disagreement point, or under ``every_point``."""
        tables = ([cs for d in self.dyads.values() for by in d.linkage_by.values() for cs in by.values()]
                  if every_point else [cs for d in self.dyads.values() for cs in d.linkage.values()])
        return sorted({c.reason for cs in tables for c in cs.values() if not c.found})

    def linkage_rows(self) -> list[tuple[str, ...]]:
        """The calibration table: per shown dyad, disagreement point (the scenario's first) and reading,
        ``(dyad, reading, observed China's share, disagreement point, L under Nash, Kalai-Smorodinsky,
        Rubinstein, least L of Fearon's range)`` (``L`` to 0.001, "no value" where none reproduces the share;
        no war between nuclear powers, and Fearon's range only against war)."""
        def value(c: Calibration) -> str:
            return f"{c.value:.3f}" if c.found else "no value"

        rows: list[tuple[str, ...]] = []
        for n, d in self.dyads.items():
            for dis in self.disagreement_order():
                label = DISAGREEMENT_LABELS[dis]
                for r in d.facts.readings:
                    head = (n, r.label, f"{100 * r.observed_share:.1f}%", label)
                    if dis not in d.linkage_by:
                        rows.append((*head, *["not applicable (no war between nuclear powers)"] * 4))
                        continue
                    cs = d.linkage_by[dis][r.id]
                    fearon = value(cs["fearon"]) if dis == "war" else "not applicable (a range against war)"
                    rows.append((*head, *(value(cs[s]) for s in POINT_SOLUTIONS), fearon))
        return rows

    def linkage_values(self) -> dict[str, dict[str, float | None]]:
        """Reading id -> solution -> ``L`` (None: no value), over the shown dyads and the Tajik readings."""
        out: dict[str, dict[str, float | None]] = {}
        for d in self.dyads.values():
            out.update(d.linkage_values())
        out.update(self.tajikistan.linkage_values())
        return out

    def headline(self) -> str:
        """One sentence: the Tajik share on the record, what each disagreement point predicts at L = 0, and
        the linkage value Nash needs under each (the scenario's own point first)
        (:func:`~sco_games.models.border.report_text.headline`)."""
        return report_text.headline(self)

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
        disagreement point, and whether linkage is needed at every end
        (:func:`~sco_games.models.border.report_text.sensitivity_text`)."""
        return report_text.sensitivity_text(self, disagreement, reading_id)

    def power_text(self) -> str:
        """Plain words: what each disagreement point predicts for the Tajik deal without linkage
        (:func:`~sco_games.models.border.report_text.power_text`)."""
        return report_text.power_text(self)

    def weight_text(self) -> str:
        """Plain words: the scenario's Nash weight beside the one Rubinstein's game implies
        (:func:`~sco_games.models.border.report_text.weight_text`)."""
        return report_text.weight_text(self)

    def claims(self) -> list[Claim]:
        """The paper's border claims B1-B4 with the model's verdicts (see
        :mod:`~sco_games.models.border.claims`) (:func:`~sco_games.models.border.report_checks.claims`)."""
        return report_checks.claims(self)

    def record_text(self) -> str:
        """Why the continuing-dispute predictions miss the settled shares, in the report's words (paper §1-1,
        fn 5-6): under the dispute the neighbour keeps all the land without a deal, so it cedes at most what
        the dispute costs it; the model leaves out what made the neighbours cede more
        (:func:`~sco_games.models.border.report_text.record_text`)."""
        return report_text.record_text(self)

    def record_checks(self) -> list[RecordCheck]:
        """For each shown dyad, disagreement point and solution: China's predicted share at the scenario's
        prior ``L`` beside the settled share(s) on the record (:func:`record_check`)
        (:func:`~sco_games.models.border.report_checks.record_checks`)."""
        return report_checks.record_checks(self)

    def out_of_sample_checks(self) -> list[RecordCheck]:
        """The out-of-sample predictions (Nash, the scenario's disagreement point) beside the record: ``L``
        fitted on one dyad's settlement, China's share in another (:func:`record_check`)
        (:func:`~sco_games.models.border.report_checks.out_of_sample_checks`)."""
        return report_checks.out_of_sample_checks(self)

    def key_results(self) -> dict[str, Any]:
        """The index page's key results (shares in %, rounded to 0.01; ``L`` rounded to 0.001)
        (:func:`~sco_games.models.border.report_sidecar.key_results`)."""
        return report_sidecar.key_results(self)

    def sidecar(self, scenario_name: str) -> dict[str, Any]:
        """The notebook's sidecar: ``headline``, ``key_results``, ``claims`` (B1-B4), ``record`` (predicted vs
        settled shares) and plain data for the tests
        (:func:`~sco_games.models.border.report_sidecar.sidecar`)."""
        return report_sidecar.sidecar(self, scenario_name)


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
    dyads = {n: dyad_report(params, n, facts[n]) for n in params.dyads}
    tj = dyads.get("Tajikistan") or dyad_report(params, "Tajikistan", facts["Tajikistan"])
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
