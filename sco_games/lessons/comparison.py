"""The lesson layer of the comparison report (notebook 90: every model's verdicts on the paper's claims,
§1-§3, for every scenario in date order, "what 9/11 and Iraq change"): summary, questions and a try-it
instruction computed from the comparison.

The comparison is taken as it is (duck-typed: ``.rows`` each with ``name``, ``date`` and ``models``, the
latter model -> summary with ``.record``, each check with ``agrees``; ``.claims`` ``(id, model)`` pairs;
``.cells[claim][scenario]``; ``.changes`` each with ``before``, ``after`` and ``verdicts``): this layer does
not import ``sco_games.comparison``. The try-it compares fewer scenarios: the verdict changes between
consecutive scenarios, counted again over them, change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sco_games.lessons.glossary import terms
from sco_games.lessons.lesson import Lesson, Question, TryIt, links_for
from sco_games.models.common import VERDICTS

__all__ = ["NOTEBOOK", "comparison_lesson", "moves_between", "subset_try"]

NOTEBOOK = "90_comparison"


def moves_between(cells: Mapping[str, Mapping[str, str]], names: Sequence[str]) -> int:
    """The verdict changes between consecutive scenarios of ``names`` (date order) where both cells hold a
    verdict (not "not coded" or "not assessed"): what the comparison of those scenarios alone counts
    (``Comparison.moved``, its headline).

    >>> moves_between({"X1": {"a": "partly", "b": "reproduced", "c": "partly"}}, ["a", "b", "c"])
    2
    >>> moves_between({"X1": {"a": "partly", "b": "reproduced", "c": "partly"}}, ["a", "c"])
    0
    """
    return sum(row[a] != row[b] and row[a] in VERDICTS and row[b] in VERDICTS
               for row in cells.values() for a, b in zip(names, names[1:], strict=False))


def subset_try(cmp: Any) -> TryIt | None:
    """Compare fewer scenarios: first only the first and the last of those that code every model (the
    paper's June 2001 and spring 2003: what 9/11 and Iraq change together), else all but one of them, else
    all but one of every scenario; the first choice whose count of verdict changes differs from the whole
    comparison's. ``None`` if none does (e.g. a single scenario)."""
    rows = list(cmp.rows)
    names = [r.name for r in rows]
    most = max((len(r.models) for r in rows), default=0)
    full = [r.name for r in rows if len(r.models) == most]
    choices = ([[full[0], full[-1]]] if len(full) >= 2 else []) + [
        [n for n in group if n != out] for group in (full, names) if len(group) >= 2 for out in group]
    before = moves_between(cmp.cells, names)
    for pick in choices:
        after = moves_between(cmp.cells, pick)
        if after != before:
            return TryIt({}, NOTEBOOK, "", "the number of verdict changes between consecutive scenarios (the "
                         "headline)", str(before), str(after),
                         scenario_paths=tuple(f"params/{n}.yaml" for n in pick))
    return None


def comparison_lesson(cmp: Any) -> Lesson:
    """The lesson of notebook 90, from its comparison ``cmp``."""
    rows = list(cmp.rows)
    every = sum(len(c.verdicts) for c in cmp.changes)
    s1 = (f"Across {len(rows)} scenarios from {rows[0].date} to {rows[-1].date}, the models state "
          f"{len(cmp.claims)} of the paper's claims; each cell is the verdict the model's own report gives "
          "for that scenario." if rows else "No scenario was compared.")
    real = [(c, [v for v in c.verdicts if v.before in VERDICTS and v.after in VERDICTS])
            for c in cmp.changes]
    big, vs = max(real, key=lambda cv: len(cv[1]), default=(None, []))
    s2 = (f"Between consecutive scenarios that both code a model, {sum(len(v) for _, v in real)} verdicts "
          f"move (and {every - cmp.moved} more cells change to or from 'not coded'), most from "
          f"{big.before} to {big.after}: " + "; ".join(f"{v.claim_id} {v.before} -> {v.after}" for v in vs)
          + "." if vs else "No verdict moves between consecutive scenarios that both code its model.")
    checks = [r for row in rows for ms in row.models.values() for r in ms.record]
    agree = sum(r.agrees is True for r in checks)
    contra = sum(r.agrees is False for r in checks)
    s3 = (f"Of the {len(checks)} predictions that the record after 2003 can check, {agree} agree with it, "
          f"{contra} contradict it and {len(checks) - agree - contra} are not settled by it."
          if checks else "No prediction is checked against the record after 2003 here.")
    by_claim = {cid: {v for v in cmp.cells[cid].values() if v in VERDICTS} for cid, _ in cmp.claims}
    steady = [cid for cid, vs in by_claim.items() if len(vs) == 1]
    step = next((c for c, v in real if c.before == "founding_2001" and v), None) or big
    uncoded = {m: [r.name for r in rows if m not in r.models]
               for m in ("partnership", "border", "enlargement")}
    uncoded = {m: ns for m, ns in uncoded.items() if ns}
    questions = [
        Question(f"What changes in the verdicts from {step.before} to {step.after}?" if step else
                 "What changes between two scenarios?",
                 ("; ".join(f"{v.claim_id} ({v.model}) {v.before} -> {v.after}" for c, vs in real if c is step
                            for v in vs) + ".") if step else "No verdict moves."),
        Question("Which claims keep the same verdict in every scenario that codes their model?",
                 (", ".join(f"{cid} ({next(iter(by_claim[cid]))})" for cid in steady) + ".")
                 if steady else "None: every claim's verdict moves somewhere."),
        Question("Why do some cells read 'not coded for this date'?",
                 "The scenarios after 2003 code only the enlargement model: a border bargain or partnership "
                 "payoffs for those dates would be invention. Here: "
                 + "; ".join(f"{', '.join(ns)} code no {m} section" for m, ns in uncoded.items()) + "."
                 if uncoded else "None do here: every scenario codes every model."),
    ]
    tries = tuple(t for t in (subset_try(cmp),) if t is not None)
    others, nbs = links_for(NOTEBOOK, None)
    return Lesson(model="comparison", notebook=NOTEBOOK, scenario="the scenarios of this run",
                  summary=(s1, s2, s3),
                  terms=terms("scenario", "claim", "verdict of a claim", "not coded, not assessed",
                              "record check"),
                  questions=tuple(questions), try_it=tries, scenario_links=others, notebook_links=nbs,
                  scenario_links_text="Each scenario's reports (from its overview)")
