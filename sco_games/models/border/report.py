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

from sco_games.models.border.calibration import Calibration, calibrate_linkage, calibrate_nash_weight
from sco_games.models.border.game import DyadGame, dyad_game
from sco_games.models.border.params import BorderParams
from sco_games.models.border.sensitivity import (
    LinkageCurve,
    SensitivityRow,
    linkage_curve,
    linkage_sensitivity,
)
from sco_games.models.border.settlements import DyadFacts, Reading, settlements
from sco_games.models.border.solutions import SOLUTIONS, SplitPrediction, predict
from sco_games.models.common import percent
from sco_games.sourced import check_section, unwrap

POINT_SOLUTIONS = ("nash", "kalai-smorodinsky", "rubinstein")
"""The solutions that predict one split (Fearon's gives a range)."""

TAJIK_READINGS = ("tass_1000", "specialists_4000")
"""The two Tajik readings the notebook contrasts: 1,000 km2 (fn 12) and 4,000 km2 (specialists, fn 13)."""

DISAGREEMENTS = ("war", "dispute")


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

    def linkage_values(self) -> dict[str, dict[str, float | None]]:
        """Reading id -> solution -> calibrated ``L`` (None where no value does)."""
        return {
            rid: {s: (c.value if c.found else None) for s, c in cs.items()}
            for rid, cs in self.linkage.items()
        }


def _dyad_report(params: BorderParams, neighbour: str, facts: DyadFacts) -> DyadReport:
    g = dyad_game(params, neighbour)
    main = facts.reading()
    return DyadReport(
        neighbour=neighbour,
        facts=facts,
        game=g,
        power_only=predict(g, main.disputed_km2),
        linkage={
            r.id: {s: calibrate_linkage(g, r.observed_share, s) for s in SOLUTIONS} for r in facts.readings
        },
        nash_weight={
            dis: calibrate_nash_weight(dyad_game(params, neighbour, disagreement=dis), main.observed_share)
            for dis in DISAGREEMENTS
        },
    )


@dataclass(frozen=True)
class BorderReport:
    """The border model's results for one scenario (see :func:`border_report`).

    ``dyads``: the scenario's dyads in order; ``tajikistan``: the Tajik dyad (the same object when it is
    shown); ``focus_prior``: the focus dyad at the scenario's prior ``L``; ``tajik_curve``: predicted shares
    over ``L`` in ``[0, 1.6 max(1, L_Nash(1,000), L_Nash(4,000))]`` (161 points); ``tajik_sensitivity``:
    reading id -> :func:`linkage_sensitivity` rows (Nash), with ``p`` moved down to ``low_win_probability``.
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
        """One sentence: power-only shares for the Tajik deal against the record, and the Nash ``L``."""
        span = share_span(self.tajikistan.power_only)
        if span is None:
            return "Tajikistan: no power-only agreement (China prefers war); see the notebook."
        fr, r1 = self.tajikistan.facts, self.tajik_1000
        l1, l4 = (self.linkage(r, "nash") for r in TAJIK_READINGS)
        return (
            f"Tajikistan: power alone predicts China {100 * span[0]:.0f}-{100 * span[1]:.0f}% "
            f"of the disputed area, it got {100 * r1.observed_share:.1f}%"
            + ("" if fr.settled_by(self.date) else f" (in {fr.settled:%B %Y}, after this scenario's date)")
            + "; Nash bargaining needs a linkage value L = "
            + (f"{l1.value:.2f}" if l1.found else "none")
            + " (1,000 km2) or "
            + (f"{l4.value:.2f}" if l4.found else "none")
            + " (4,000 km2) times the land's value to China."
        )

    def key_results(self) -> dict[str, Any]:
        """The index page's key results (shares in %, rounded to 0.01; ``L`` rounded to 0.001)."""
        tj, r1, r4 = self.tajikistan, self.tajik_1000, self.tajik_4000
        shares, fr0 = point_shares(tj.power_only), tj.power_only.fearon

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
            "least L in Fearon range, 1,000 km2": round(self.linkage(r1.id, "fearon").value, 3),
        }

    def sidecar(self, scenario_name: str) -> dict[str, Any]:
        """The notebook's sidecar: ``headline``, ``key_results`` and plain data for the tests."""
        return {
            "headline": self.headline(),
            "key_results": self.key_results(),
            "scenario": scenario_name,
            "focus_dyad": self.focus,
            "win_probability_tajikistan": self.tajikistan.game.win_probability,
            "power_only_shares_tajikistan": point_shares(self.tajikistan.power_only),
            "calibrated_linkage": self.linkage_values(),
            "nash_weight_main_reading": {
                f"{n}/{dis}": d.nash_weight[dis].value for n, d in self.dyads.items() for dis in DISAGREEMENTS
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
    cal_tj = [tj.linkage[r]["nash"] for r in TAJIK_READINGS]
    l_top = max([c.value for c in cal_tj if c.found] + [1.0]) * 1.6
    sens = {
        rid: linkage_sensitivity(
            params,
            "Tajikistan",
            tj.facts.reading(rid).observed_share,
            "nash",
            win_probability_range=(float(low_win_probability), tj.game.win_probability),
        )
        for rid in TAJIK_READINGS
    }
    return BorderReport(
        date=date,
        focus=params.focus_dyad,
        linkage_prior=prior,
        dyads=dyads,
        tajikistan=tj,
        focus_prior=predict(focus.game.replace(linkage=prior), focus.facts.reading().disputed_km2),
        tajik_curve=linkage_curve(tj.game, np.linspace(0.0, l_top, 161)),
        tajik_sensitivity=sens,
        low_win_probability=float(low_win_probability),
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
