"""The enlargement scorecard (issue 13): for each dated scenario, what the enlargement model predicts for each
candidate against what happened, with hit rates and Brier scores next to naive baselines -- the way the EU
decision-making literature scores bargaining models against outcomes (Thomson et al., *The European Union
Decides*, 2006).

The event scored, per (scenario, candidate):

* **status**: the candidate's status at the end of the window (``window_days`` after the scenario's date,
  which is the eve of a summit: the default 30 days covers that summit and nothing after it), predicted
  against the record (:func:`sco_games.history.record.status_on`); a *hit* is the exact status.
* **upgrade**: whether the candidate's status rises above the one it holds on the date (binary), with a
  probability; the Brier score is ``mean((p - o)^2)`` over these events (Brier 1950): 0 is perfect, 0.25 is
  what ``p = 0.5`` everywhere scores.

The model's prediction is :meth:`EnlargementModel.admission_table` (each candidate alone and each
package deal, at each status above the one it holds; a candidate ends at the highest status adopted for it
alone or in a package). Its probability of an upgrade is the share of ``n_draws`` draws in which the model
upgrades the candidate. The draws are the robustness layer's (:mod:`sco_games.uncertainty`, one source of
randomness): every uncertain value the scenario declares (a ``range``, a ``distribution``, ``alternatives``;
each coordinate of a ranged position) from :func:`~sco_games.uncertainty.space.uncertainties`, a Latin
hypercube of ``n_draws`` points seeded by the enlargement model's stream of ``seed``
(:func:`~sco_games.uncertainty.robustness.model_seed`, as in the robustness report), mapped to each value's
distribution (:mod:`~sco_games.uncertainty.sampling`), and the model's highest status per candidate and
package over the draws from its ``evaluate_draws`` (:func:`~sco_games.uncertainty.chunks.evaluate`).

Baselines (probabilities 0 or 1):

* ``nobody``: nobody is admitted, every candidate keeps what it holds;
* ``applicants``: everyone who has asked for a status by the date gets it (:func:`record.applications_known`);
* ``paper order``: admitted in the order of the paper's list (§3-2: Mongolia, India, Pakistan, Iran): at each
  date the first listed candidate below membership moves up one stage, every other keeps what it holds.

>>> brier([1.0, 0.0, 0.5], [True, True, False])
0.4166666666666667
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from sco_games.history import record
from sco_games.models.enlargement import EnlargementModel, EnlargementParams
from sco_games.models.enlargement.draws import STATUS_RANK
from sco_games.scenario import Scenario
from sco_games.uncertainty.chunks import evaluate, evaluator
from sco_games.uncertainty.robustness import model_seed
from sco_games.uncertainty.sampling import to_draws, unit_sample
from sco_games.uncertainty.space import uncertainties

__all__ = ["BASELINES", "N_DRAWS", "PAPER_ORDER", "SEED", "WINDOW_DAYS", "Baseline", "Prediction", "Score",
           "Scorecard", "baseline_predictions", "brier", "findings", "model_statuses", "predict",
           "score", "scorecard", "upgrade_draws"]

#: The paper's list of candidates, in its order (§3-2: Mongolia the "top candidate", fn 61; India, fn 60;
#: Pakistan, fn 55; Iran "said to express interest").
PAPER_ORDER: tuple[str, ...] = ("Mongolia", "India", "Pakistan", "Iran")
#: Days after a scenario's date (the eve of a summit) in which what happened is read: that summit only.
WINDOW_DAYS = 30
#: The notebook's draws over the values' ranges, and their seed (arguments of :func:`scorecard`).
N_DRAWS = 40
SEED = 2026
#: The design of the draws (the robustness report's default, :data:`sco_games.uncertainty.sampling.METHODS`).
DESIGN = "lhs"
_STAGES = ("none", "dialogue_partner", "observer", "member")


@dataclass(frozen=True)
class Prediction:
    """One (scenario, candidate): the status it holds, the predicted and the observed status, the predicted
    probability of an upgrade (above ``held``) and whether it happened."""

    scenario: str
    date: _dt.date
    candidate: str
    held: str
    predicted: str
    observed: str
    p_upgrade: float

    @property
    def hit(self) -> bool:
        return self.predicted == self.observed

    @property
    def upgraded(self) -> bool:
        return record.rank(self.observed) > record.rank(self.held)


@dataclass(frozen=True)
class Score:
    """Hit rate (exact status) and Brier score (upgrade events) of one predictor over ``n`` predictions."""

    predictor: str
    n: int
    hits: int
    brier: float

    @property
    def hit_rate(self) -> float:
        return self.hits / self.n if self.n else float("nan")


def brier(p: Sequence[float], outcomes: Sequence[bool]) -> float:
    """The Brier score ``mean((p_i - o_i)^2)`` of probabilities ``p`` for binary ``outcomes``."""
    if len(p) != len(outcomes) or not len(p):
        raise ValueError(f"brier: {len(p)} probabilities for {len(outcomes)} outcomes (need the same, >= 1)")
    if any(not 0.0 <= x <= 1.0 for x in p):
        raise ValueError("brier: probabilities must lie in [0, 1]")
    a, o = np.asarray(p, dtype=float), np.asarray(outcomes, dtype=float)
    return float(np.mean((a - o) ** 2))


def score(predictor: str, rows: Sequence[Prediction]) -> Score:
    """The :class:`Score` of ``rows``."""
    return Score(predictor, len(rows), sum(r.hit for r in rows),
                 brier([r.p_upgrade for r in rows], [r.upgraded for r in rows]) if rows else float("nan"))


# -- the model --------------------------------------------------------------------------------------------


def model_statuses(model: EnlargementModel) -> dict[str, str]:
    """Candidate -> the status the model says it ends with: the highest adopted for it alone or in a package
    deal, else the one it holds (``"none"`` outside)."""
    out = {c: model.held(c) or "none" for c in model.world.candidates}
    for row in model.admission_table():
        got = row.highest
        if got is None:
            continue
        for c in row.candidates:
            if record.rank(got) > record.rank(out[c]):
                out[c] = got
    return out


def upgrade_draws(params: EnlargementParams, n_draws: int, seed: int, date: _dt.date | None = None,
                  design: str = DESIGN) -> dict[str, np.ndarray]:
    """Per candidate of ``enlargement_order``, one boolean per draw: does the model upgrade it (its highest
    status alone or in a package deal above the one it holds)? The draws: see the module docstring
    (``n_draws`` points of design ``design``, seeded by ``model_seed(seed, "enlargement")``); ``date`` goes
    to the model's ``evaluate_draws``. No uncertain value: every draw is the scenario as coded."""
    uncs = uncertainties(params)
    if not uncs:
        got = model_statuses(EnlargementModel(params))
        held = {c: (params.statuses_held[c].value if c in params.statuses_held else "none")
                for c in params.enlargement_order.value}
        return {c: np.full(n_draws, record.rank(got[c]) > record.rank(held[c]))
                for c in params.enlargement_order.value}
    draws = to_draws(uncs, unit_sample(len(uncs), n_draws, model_seed(seed, "enlargement"), design))
    out = evaluate(evaluator("enlargement"), params, draws, date=date)
    rows = [(c,) for c in params.enlargement_order.value] + [tuple(d.value) for d in
                                                              params.package_deals.values()]
    ups = {}
    for c in params.enlargement_order.value:
        held = params.statuses_held[c].value if c in params.statuses_held else "none"
        best = np.max([out.numbers["highest_status_" + "+".join(r)] for r in rows if c in r], axis=0)
        ups[c] = best > STATUS_RANK[None if held == "none" else held]
    return ups


def _p_upgrade(params: EnlargementParams, n_draws: int, seed: int, date: _dt.date | None) -> dict[str, float]:
    """Per candidate, the share of :func:`upgrade_draws` in which the model upgrades it."""
    return {c: float(np.mean(u)) for c, u in upgrade_draws(params, n_draws, seed, date).items()}


def predict(scenario: Scenario, n_draws: int = N_DRAWS, seed: int = SEED,
            window_days: int = WINDOW_DAYS) -> list[Prediction]:
    """The model's :class:`Prediction` for every candidate of ``scenario`` (its enlargement section)."""
    p = _section(scenario)
    model = EnlargementModel(p)
    got = model_statuses(model)
    probs = _p_upgrade(p, n_draws, seed, scenario.meta.date) if n_draws else {
        c: float(record.rank(got[c]) > record.rank(model.held(c) or "none")) for c in got}
    end = scenario.meta.date + _dt.timedelta(days=window_days)
    return [Prediction(scenario.name, scenario.meta.date, c, model.held(c) or "none", got[c],
                       record.status_on(c, end), probs[c]) for c in p.enlargement_order.value]


def _section(scenario: Scenario) -> EnlargementParams:
    if scenario.enlargement is None:
        raise ValueError(f"scenario {scenario.name}: has no enlargement section (the scorecard needs it)")
    return scenario.enlargement


# -- baselines --------------------------------------------------------------------------------------------

#: A baseline: (date, candidates in the scenario's order, what each holds) -> the status each ends with.
Baseline = Callable[[_dt.date, Sequence[str], Mapping[str, str]], dict[str, str]]


def _nobody(date: _dt.date, cands: Sequence[str], held: Mapping[str, str]) -> dict[str, str]:
    return {c: held[c] for c in cands}


def _applicants(date: _dt.date, cands: Sequence[str], held: Mapping[str, str]) -> dict[str, str]:
    out = {}
    for c in cands:
        asked = [a.status for a in record.applications_known(c, date)]
        out[c] = max([held[c], *asked], key=record.rank)
    return out


def _paper_order(date: _dt.date, cands: Sequence[str], held: Mapping[str, str]) -> dict[str, str]:
    out = {c: held[c] for c in cands}
    for c in PAPER_ORDER:
        if c in out and out[c] != "member":
            out[c] = _STAGES[record.rank(out[c]) + 1]
            break
    return out


#: The naive baselines, by name (see the module docstring).
BASELINES: dict[str, Baseline] = {"nobody": _nobody, "applicants": _applicants, "paper order": _paper_order}


def baseline_predictions(name: str, model_rows: Sequence[Prediction]) -> list[Prediction]:
    """Baseline ``name``'s predictions for the same (scenario, candidate) events as ``model_rows``."""
    rule = BASELINES[name]
    out = []
    for scen in dict.fromkeys(r.scenario for r in model_rows):
        rows = [r for r in model_rows if r.scenario == scen]
        got = rule(rows[0].date, [r.candidate for r in rows], {r.candidate: r.held for r in rows})
        out += [Prediction(r.scenario, r.date, r.candidate, r.held, got[r.candidate], r.observed,
                           float(record.rank(got[r.candidate]) > record.rank(r.held))) for r in rows]
    return out


@dataclass(frozen=True)
class Scorecard:
    """The model's predictions, each baseline's, and every predictor's :class:`Score`."""

    model: tuple[Prediction, ...]
    baselines: Mapping[str, tuple[Prediction, ...]]
    scores: tuple[Score, ...]
    window_days: int
    n_draws: int
    seed: int

    def by_scenario(self) -> dict[str, list[Prediction]]:
        out: dict[str, list[Prediction]] = {}
        for r in self.model:
            out.setdefault(r.scenario, []).append(r)
        return out

    def misses(self) -> list[Prediction]:
        """The model's predictions the record contradicts."""
        return [r for r in self.model if not r.hit]

    def headline(self) -> str:
        m = self.scores[0]
        if not m.n:
            return ("No dated scenario (after 2003, with an enlargement section) among those given: "
                    "nothing scored")
        best = max(self.scores[1:], key=lambda x: x.hits)
        return (f"Enlargement model vs the record, {len(self.by_scenario())} dated scenarios, {m.n} "
                f"candidate decisions: {m.hits} hits ({m.hit_rate:.0%}), Brier {m.brier:.3f}; best baseline "
                f"by hits: {best.predictor} ({best.hits} hits, Brier {best.brier:.3f})")

    def sidecar(self) -> dict[str, object]:
        return {
            "headline": self.headline(),
            "key_results": {f"{x.predictor}: hits / Brier": f"{x.hits}/{x.n} / {x.brier:.3f}"
                            for x in self.scores},
            "record": [{"id": f"{r.scenario}/{r.candidate}",
                        "question": f"{r.candidate}'s status after the summit of {r.date}",
                        "predicted": r.predicted, "observed": r.observed, "agrees": r.hit,
                        "source": "sco_games/data/sco_membership.yaml"} for r in self.model],
            "scores": {x.predictor: {"n": x.n, "hits": x.hits, "hit_rate": x.hit_rate, "brier": x.brier}
                       for x in self.scores},
            "draws": {"n_draws": self.n_draws, "seed": self.seed, "window_days": self.window_days},
        }


def scorecard(scenarios: Sequence[Scenario], n_draws: int = N_DRAWS, seed: int = SEED,
              window_days: int = WINDOW_DAYS) -> Scorecard:
    """The scorecard over the ``scenarios`` that code the enlargement model and are dated after the paper
    (after 2003-12-31), in date order. ``seed`` seeds the draws (the same seed in every scenario)."""
    dated = sorted((s for s in scenarios if s.enlargement is not None and s.meta.date.year >= 2004),
                   key=lambda s: (s.meta.date, s.name))
    rows = [r for s in dated for r in predict(s, n_draws, seed, window_days)]
    base = {name: tuple(baseline_predictions(name, rows)) for name in BASELINES}
    scores = (score("model", rows), *(score(n, b) for n, b in base.items()))
    return Scorecard(tuple(rows), base, scores, window_days, n_draws, seed)


def findings(card: Scorecard) -> list[str]:
    """Plain sentences for the notebook: how the model's hits and Brier score compare with each baseline's,
    and which decisions it gets wrong (where it predicts a lower status than the record, and a higher one)."""
    s = {x.predictor: x for x in card.scores}
    m = s["model"]
    if not m.n:
        return [card.headline() + "."]
    out = [f"Over {m.n} candidate decisions at {len(card.by_scenario())} summits the model gets {m.hits} "
           f"statuses right ({m.hit_rate:.0%}); its Brier score on 'is the candidate upgraded?' is "
           f"{m.brier:.3f} (0 is perfect; 0.25 is a coin toss)."]
    for name in BASELINES:
        b = s[name]
        hits = "more" if m.hits > b.hits else "fewer" if m.hits < b.hits else "as many"
        br = "better" if m.brier < b.brier else "worse" if m.brier > b.brier else "the same"
        out.append(f"Against the baseline '{name}' ({b.hits} right, Brier {b.brier:.3f}) the model gets "
                   f"{hits} statuses right and a {br} Brier score.")
    under = [r for r in card.model if record.rank(r.observed) > record.rank(r.predicted)]
    over = [r for r in card.model if record.rank(r.observed) < record.rank(r.predicted)]
    if under:
        out.append("It predicts less than happened: " + "; ".join(
            f"{r.candidate} became {r.observed.replace('_', ' ')} at the summit after {r.date} (the model: "
            f"{r.predicted.replace('_', ' ')})" for r in under) + ".")
    if over:
        out.append("It predicts more than happened: " + "; ".join(
            f"{r.candidate} {r.predicted.replace('_', ' ')} at the summit after {r.date} (the record: "
            f"{r.observed.replace('_', ' ')})" for r in over) + ".")
    return out
