"""The border notebook's sidecar: its key results (the index page's numbers) and the plain data the tests
and the comparison read. Each function takes a :class:`~sco_games.models.border.report.BorderReport` (whose
methods ``key_results`` and ``sidecar`` call them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sco_games.models.border.calibration import Calibration
from sco_games.models.border.dyads import DISAGREEMENT_LABELS, point_shares
from sco_games.models.border.out_of_sample import BASELINES
from sco_games.models.common import percent

if TYPE_CHECKING:
    from sco_games.models.border.report import BorderReport

__all__ = ["key_results", "out_of_sample_results", "sidecar"]

def key_results(rep: BorderReport) -> dict[str, Any]:
    """The index page's key results (shares in %, rounded to 0.01; ``L`` rounded to 0.001)."""
    tj, r1, r4 = rep.tajikistan, rep.tajik_1000, rep.tajik_4000
    # "power-only": war as the disagreement point (the benchmark), whatever the scenario's own point
    shares, fr0 = point_shares(tj.power_only_by["war"]), tj.power_only_by["war"].fearon

    def lval(rid: str, s: str) -> float | str:
        c = rep.linkage(rid, s)
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
        "disagreement point (this scenario)": rep.default_disagreement,
        **{f"Nash share at L = 0, {DISAGREEMENT_LABELS[dis]} (%)":
           percent(tj.power_only_by[dis].share("nash"), 2) for dis in rep.disagreement_order()},
        **{f"L, Nash, 1,000 km2, {DISAGREEMENT_LABELS[dis]}": _lval(tj.linkage_by[dis][r1.id]["nash"])
           for dis in rep.disagreement_order()},
        "China's Nash weight (scenario)": tj.game.nash_weight_china,
        "China's Rubinstein-implied weight": round(rep.rubinstein_weight, 3),
        **{f"B{i + 1} verdict": c.verdict for i, c in enumerate(rep.claims())},
        **out_of_sample_results(rep),
    }


def out_of_sample_results(rep: BorderReport) -> dict[str, Any]:
    """Key results of the out-of-sample test: Nash, the scenario's disagreement point, mean absolute
    errors (percentage points) of the model and of the best baseline, each direction."""
    if rep.out_of_sample is None:
        return {}
    out: dict[str, Any] = {}
    for d in ("from Tajikistan", "to Tajikistan"):
        m = rep.out_of_sample.mean_abs_errors(d, "nash", rep.default_disagreement)
        model = m.pop("model")
        best = min(((v, k) for k, v in m.items() if v is not None), default=None)
        out[f"out of sample, Nash, {d}: mean error (points)"] = (
            "no prediction" if model is None else round(100 * model, 1))
        out[f"out of sample, {d}: best baseline"] = (
            "none" if best is None else f"{best[1]}, {100 * best[0]:.1f} points")
    return out


def sidecar(rep: BorderReport, scenario_name: str) -> dict[str, Any]:
    """The notebook's sidecar: ``headline``, ``key_results``, ``claims`` (B1-B4), ``record`` (predicted
    vs settled shares) and plain data for the tests."""
    return {
        "headline": rep.headline(),
        "key_results": rep.key_results(),
        "claims": [{"id": c.id, "claim": c.claim, "verdict": c.verdict, "because": c.evidence}
                   for c in rep.claims()],
        "record": [{"id": r.id, "question": r.question, "predicted": r.predicted, "observed": r.observed,
                    "agrees": r.agrees, "source": r.source} for r in rep.record_checks()],
        "default_disagreement": rep.default_disagreement,
        "rubinstein_weight": rep.rubinstein_weight,
        "calibrated_linkage_by_disagreement": {
            dis: {rid: {s: (c.value if c.found else None) for s, c in cs.items()}
                  for rid, cs in rep.tajikistan.linkage_by[dis].items()}
            for dis in rep.disagreement_order()
        },
        "out_of_sample": [] if rep.out_of_sample is None else [
            {"calibrated_on": r.calibrated_on, "predicted_for": r.predicted_for, "solution": r.solution,
             "disagreement": r.disagreement, "linkage": r.linkage, "exact": r.exact,
             "predicted": r.predicted, "observed": r.observed, "error": r.error,
             "baselines": dict(zip(BASELINES, r.baselines, strict=True))}
            for r in rep.out_of_sample.rows],
        "scenario": scenario_name,
        "focus_dyad": rep.focus,
        "win_probability_tajikistan": rep.tajikistan.game.win_probability,
        "power_only_shares_tajikistan": point_shares(rep.tajikistan.power_only),
        "calibrated_linkage": rep.linkage_values(),
        "nash_weight_main_reading": {
            f"{n}/{dis}": d.nash_weight[dis].value for n, d in rep.dyads.items() for dis in d.nash_weight
        },
        "dyads": {
            n: {
                "win_probability": d.game.win_probability,
                "settled": d.facts.settled.isoformat(),
                "settled_by_scenario_date": d.facts.settled_by(rep.date),
                "readings": {
                    r.id: {
                        "observed_share": r.observed_share,
                        "disputed_km2": r.disputed_km2,
                        "ceded_km2": r.ceded_km2,
                        "known_at_scenario_date": r.reported <= rep.date,
                        "calibrated_linkage": d.linkage_values()[r.id],
                    }
                    for r in d.facts.readings
                },
                "power_only_shares": point_shares(d.power_only),
            }
            for n, d in rep.dyads.items()
        },
    }


def _lval(c: Calibration) -> float | str:
    return round(c.value, 3) if c.found else "no value"
