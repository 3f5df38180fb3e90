"""The lesson layer of the history report (notebook 06: the enlargement model against the SCO's record after
the paper, scored as Thomson et al., *The European Union Decides* (2006), score bargaining models; the
Brier score of Brier (1950)): summary, questions and a try-it instruction computed from the scorecard.

The scorecard is taken as it is (duck-typed: ``.model`` the predictions, each with ``scenario``,
``candidate``, ``held``, ``predicted``, ``observed``, ``p_upgrade``, ``hit`` and ``upgraded``; ``.scores``
each with ``predictor``, ``n``, ``hits``, ``brier``): this layer does not import ``sco_games.history``.
Each dated scenario is scored on its own (the same seed in each), so the score over some of them is the
score of their predictions: the try-it scores the dated scenarios without the one the model misses most.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sco_games.lessons.glossary import terms
from sco_games.lessons.lesson import Lesson, Question, TryIt, links_for

__all__ = ["NOTEBOOK", "base_rate", "history_lesson", "hits_text", "subset_try"]

NOTEBOOK = "06_history"


class _Prediction(Protocol):
    scenario: str
    candidate: str
    held: str
    predicted: str
    observed: str
    p_upgrade: float

    @property
    def hit(self) -> bool: ...

    @property
    def upgraded(self) -> bool: ...


def hits_text(rows: Sequence[_Prediction]) -> str:
    """``"h of n (r%)"``: the model's hits over ``rows`` (the scorecard's first row)."""
    h = sum(r.hit for r in rows)
    return f"{h} of {len(rows)} ({h / len(rows):.0%})" if rows else "0 of 0"


def base_rate(rows: Sequence[_Prediction]) -> float:
    """The share of the decisions in ``rows`` that were upgrades (``nan`` if none)."""
    return sum(r.upgraded for r in rows) / len(rows) if rows else float("nan")


def subset_try(rows: Sequence[_Prediction], names: Sequence[str]) -> TryIt | None:
    """Score the dated scenarios ``names`` (in date order) without the one with the most misses (ties: the
    later one): the model's hits change. ``None`` with fewer than two dated scenarios or no change."""
    if len(names) < 2:
        return None
    misses = {n: sum(not r.hit for r in rows if r.scenario == n) for n in names}
    drop = max(reversed(names), key=lambda n: misses[n])
    keep = [n for n in names if n != drop]
    after = [r for r in rows if r.scenario in keep]
    if hits_text(after) == hits_text(rows):
        return None
    return TryIt({}, NOTEBOOK, "", "the model's hits (the first row of the scorecard)", hits_text(rows),
                 hits_text(after), scenario_paths=tuple(f"params/{n}.yaml" for n in keep))


def history_lesson(card: Any, names: Sequence[str], p3: tuple[str, str] | None = None) -> Lesson:
    """The lesson of notebook 06: ``card`` its scorecard, ``names`` the dated scenarios scored (date order),
    ``p3`` the second axis's verdict over every year of UN votes and its reason (or ``None``)."""
    rows = list(card.model)
    others, nbs = links_for(NOTEBOOK, None)
    links = {"scenario_links": others, "notebook_links": nbs,
             "scenario_links_text": "Each scenario's reports (from its overview)"}
    axis = [] if p3 is None else [Question(
        "Do the UN votes of 1992-2019 support the paper's 'second axis' (§2-1, fn 26)?",
        f"{p3[0][:1].upper() + p3[0][1:]}: {p3[1].rstrip('.')}.")]
    unscored = Question(
        "Why are the paper's own scenarios (2001-2003) not scored?",
        "They are what the model was built from: scoring the model on them would test it on its own data. "
        "Only scenarios dated after the paper, coded from what was known before their date, are scored.")
    if not rows:
        summary = ("No dated scenario (after 2003, with an enlargement section) was among those run: there "
                   "is nothing to set against the record.",
                   "The scorecard needs the scenarios after the paper, coded from what was known before "
                   "their date.",
                   "Run this report over every scenario (scenario_paths = [], the default) to score the "
                   "model.")
        return Lesson("history", NOTEBOOK, "the scenarios of this run", summary,
                      terms("hit", "Brier score", "base rate", "agreement index (UN votes)"),
                      (unscored, *axis), (), **links)
    s = {x.predictor: x for x in card.scores}
    m = s["model"]
    s1 = (f"Scored on {m.n} candidate decisions at {len(names)} summits after the paper, the enlargement "
          f"model names the status that happened {m.hits} times ({m.hits / m.n:.0%}), with a Brier score of "
          f"{m.brier:.3f} on 'is the candidate upgraded?'.")
    base = [x for x in card.scores if x.predictor != "model"]
    best = max(base, key=lambda x: (x.hits, -x.brier))
    than = "more" if m.hits > best.hits else "fewer" if m.hits < best.hits else "as many"
    s2 = (f"The best naive baseline by hits, '{best.predictor}', gets {best.hits} right (Brier "
          f"{best.brier:.3f}); the model gets {than}.")
    b = base_rate(rows)
    s3 = (f"Upgrades happened in {sum(r.upgraded for r in rows)} of the {len(rows)} decisions (a base rate "
          f"of {b:.0%}): always forecasting that rate would score a Brier score of {b * (1 - b):.3f}, which "
          f"the model {'beats' if m.brier < b * (1 - b) else 'does not beat'}.")
    wrong = [r for r in rows if not r.hit]
    questions = [
        Question("What is a Brier score, and what is the model's here?",
                 f"The mean of (p − o)² over the decisions, p the forecast probability of an upgrade and "
                 f"o = 1 if it happened: {m.brier:.3f} for the model (0 is perfect, 0.25 a coin toss)."),
        Question("Why is a hit rate alone not enough to judge the model?",
                 f"Because doing nothing scores well when little happens: the baseline 'nobody' gets "
                 f"{s['nobody'].hits} of {s['nobody'].n} right without any model. The base rate of upgrades "
                 f"is {b:.0%}; a model earns its keep by beating the baselines and the base rate's Brier "
                 f"score {b * (1 - b):.3f}."),
        Question("Which decisions does the model get wrong?",
                 ("; ".join(f"{r.candidate} at {r.scenario}: predicted {r.predicted.replace('_', ' ')}, "
                            f"observed {r.observed.replace('_', ' ')}" for r in wrong) + ".")
                 if wrong else "None: every status it names is the one on the record."),
    ]
    questions += [unscored, *axis]
    tries = tuple(t for t in (subset_try(rows, names),) if t is not None)
    return Lesson(model="history", notebook=NOTEBOOK, scenario="the scenarios of this run",
                  summary=(s1, s2, s3),
                  terms=terms("hit", "Brier score", "base rate", "naive baseline",
                              "observer and dialogue partner", "package deal", "agreement index (UN votes)",
                              "moving-block bootstrap"),
                  questions=tuple(questions), try_it=tries, **links)
