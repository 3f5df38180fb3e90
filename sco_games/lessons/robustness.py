"""The lesson layer of the robustness report (notebook 05: every declared range of a scenario at once; the
claims are the paper's, §1-§3): summary, questions and a try-it instruction computed from the robustness
result (its JSON form, as notebook 05 holds it; this layer does not import the uncertainty layer).

The try-it moves the values that bound a claim's flip region (PRIM's box) into that region: the claim's
verdict at the coded values (the bold cell of its row) changes. The new verdict is computed here by the
model itself (its ``draws.evaluate_draws`` on the one draw the overrides make, what notebook 05 evaluates
at the coded values of the overridden scenario).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sco_games.lessons.glossary import terms
from sco_games.lessons.lesson import Lesson, Question, TryIt, links_for
from sco_games.models.border.draws import evaluate_draws as _border_draws
from sco_games.models.enlargement.draws import evaluate_draws as _enlargement_draws
from sco_games.models.partnership.draws import evaluate_draws as _partnership_draws
from sco_games.scenario import Scenario

__all__ = ["EVALUATORS", "NOTEBOOK", "ROBUST_SHARE", "claim_list", "flip_try", "robustness_lesson"]

NOTEBOOK = "05_robustness"
#: the share the report calls robust (the same as notebook 05's headline)
ROBUST_SHARE = 0.9
#: model -> its evaluator over draws (the same functions the uncertainty layer registers)
EVALUATORS: dict[str, Callable[..., Any]] = {
    "partnership": _partnership_draws, "border": _border_draws, "enlargement": _enlargement_draws}


def claim_list(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every claim of ``result``: ``{model, id, verdict, holds, stderr, n, region, text}`` (the coded verdict,
    the share of the draws that keep it with its standard error, PRIM's region or ``None``)."""
    out = []
    for m in result.get("models", []):
        regions = {r["claim"]: r for r in m["regions"]}
        for v in m["verdicts"]:
            r = regions.get(v["claim"], {})
            out.append({"model": m["model"], "id": v["claim"], "verdict": v["nominal"], "holds": v["holds"],
                        "stderr": v["stderr"][v["nominal"]], "n": v["n"], "region": r.get("region"),
                        "text": r.get("text", "")})
    return out


def _inside(restriction: Mapping[str, Any], u: Mapping[str, Any]) -> Any:
    """A value of uncertainty ``u`` inside ``restriction`` (the end of the range on the restricted side,
    where a flip is likeliest), or ``None`` if it cannot be set alone."""
    if u["kind"] == "categorical":
        picks = [c for c in restriction.get("choices") or () if c != u["value"]]
        return picks[0] if picks else None
    low, high = restriction.get("low"), restriction.get("high")
    x = u["high"] if low is not None else u["low"] if high is not None else None
    if x is None:
        return None
    if u["coordinate"] is None:
        return round(float(x), 6)
    point = list(u["value"])
    point[u["coordinate"]] = round(float(x), 6)
    return point


def _overrides(model: Mapping[str, Any], region: Mapping[str, Any]) -> dict[str, Any] | None:
    """Section key -> value: every restriction of ``region`` set inside it (a point's two coordinates
    merged); ``None`` if one cannot be."""
    by_label = {u["label"]: u for u in model["uncertainties"]}
    out: dict[str, Any] = {}
    for r in region["restrictions"]:
        u = by_label.get(r["label"])
        x = None if u is None else _inside(r, u)
        if x is None:
            return None
        if u["coordinate"] is not None and u["key"] in out:
            x = list(out[u["key"]])
            x[u["coordinate"]] = round(float(u["high"] if r.get("low") is not None else u["low"]), 6)
        out[u["key"]] = x
    return out


def verdict_at(scenario: Scenario, model: str, values: Mapping[str, Any]) -> dict[str, str]:
    """Claim -> verdict of ``model`` at the scenario's coded values with ``values`` (section keys) set."""
    draws = {}
    for k, v in values.items():
        arr = np.empty(1, dtype=object) if isinstance(v, str) else np.asarray([v], dtype=float)
        if isinstance(v, str):
            arr[0] = v
        draws[k] = arr
    out = EVALUATORS[model](getattr(scenario, model), draws, date=scenario.meta.date)
    return {c: str(np.asarray(a, dtype=object)[0]) for c, a in out.verdicts.items()}


def flip_try(result: Mapping[str, Any], scenario: Scenario) -> TryIt | None:
    """The first claim (least robust first) whose flip region, entered by its bounding values, changes its
    verdict at the coded values, as a try-it instruction; ``None`` if none does."""
    models = {m["model"]: m for m in result.get("models", [])}
    for c in sorted(claim_list(result), key=lambda c: (c["holds"], c["id"])):
        if c["region"] is None or c["model"] not in EVALUATORS:
            continue
        values = _overrides(models[c["model"]], c["region"])
        if not values:
            continue
        after = verdict_at(scenario, c["model"], values).get(c["id"])
        if after is not None and after != c["verdict"]:
            return TryIt({f"{c['model']}.{k}": v for k, v in values.items()}, NOTEBOOK, scenario.name,
                         f"{c['id']}'s verdict at the coded values (the bold cell of its row)",
                         c["verdict"], after)
    return None


def _top_sobol(result: Mapping[str, Any], claim: str) -> tuple[str, float] | None:
    for m in result.get("models", []):
        for s in m.get("sobol", []):
            if s["output"].startswith(f"{claim} = "):
                pairs = [(lab, t) for lab, t in zip(s["labels"], s["total"], strict=True) if t is not None]
                return max(pairs, key=lambda p: p[1]) if pairs else None
    return None


def robustness_lesson(result: Mapping[str, Any], scenario: Scenario) -> Lesson:
    """The lesson of one scenario's robustness ``result`` (notebook 05's ``result``)."""
    rows = claim_list(result)
    n = result["n"]
    robust = [c for c in rows if c["holds"] >= ROBUST_SHARE]
    s1 = (f"Drawing {n} scenarios per model from the box of every declared range at once (a Latin "
          f"hypercube), {len(robust)} of the {len(rows)} claims keep their verdict at the coded values in at "
          f"least {ROBUST_SHARE:.0%} of the draws.")
    weak = min(rows, key=lambda c: (c["holds"], c["id"])) if rows else None
    if weak is None:
        s2 = "No model could be evaluated over its box."
    else:
        s2 = (f"The least robust is {weak['id']} ({weak['model']}): '{weak['verdict']}' at the coded values "
              f"and in {weak['holds']:.1%} ± {weak['stderr']:.1%} of the draws (one Monte Carlo standard "
              "error)" + (f"; PRIM finds it flips mainly when {weak['region']['condition']}."
                          if weak["region"] else "."))
    top = _top_sobol(result, weak["id"]) if weak else None
    conv = result.get("convergence") or []
    s3 = (f"The value that matters most for {weak['id']} is {top[0]} (total Sobol index {top[1]:.2f})"
          if top and top[1] > 0 else "No Sobol index singles out a value")
    s3 += (f"; with a second seed, {sum(c['agrees'] for c in conv)} of {len(conv)} claims' probabilities "
           "agree within three standard errors." if conv else "; no second seed was run.")
    questions = []
    if weak is not None:
        p, k = weak["holds"], weak["n"]
        questions.append(Question(
            f"What is the Monte Carlo standard error of {weak['id']}'s share, and what would four times as "
            "many draws do to it?",
            f"sqrt(p(1 − p)/n) with p = {p:.4f} and n = {k}: {math.sqrt(p * (1 - p) / k):.4f} "
            f"({math.sqrt(p * (1 - p) / k):.1%}); four times the draws halve it "
            f"(to about {math.sqrt(p * (1 - p) / (4 * k)):.1%}). For a Latin hypercube it is an upper "
            "bound."))
    dims = sum(len(m["uncertainties"]) for m in result.get("models", []))
    questions.append(Question(
        "Why draw a Latin hypercube rather than fully independent random scenarios?",
        f"The box has {dims} dimensions; with {n} draws each range is cut into {n} slices and each slice is "
        "used once, so every range is covered evenly even though the draws are few for so many dimensions."))
    if top:
        zero = [lab for m in result.get("models", []) for s in m.get("sobol", [])
                if s["output"].startswith(f"{weak['id']} = ")
                for lab, t in zip(s["labels"], s["total"], strict=True) if t is not None and t <= 0.01]
        questions.append(Question(
            f"Which values could be fixed anywhere in their range without changing {weak['id']}'s verdict?",
            (f"Those with a total Sobol index of at most 0.01 ({len(zero)}): {', '.join(zero[:8])}"
             + (f" and {len(zero) - 8} more." if len(zero) > 8 else ".") if zero else
             "None: every value has a total index above 0.01.")
            + f" The largest is {top[0]} ({top[1]:.2f})."))
    if weak is not None and weak["region"]:
        reg = weak["region"]
        questions.append(Question(
            f"How good is the box PRIM found for {weak['id']}?",
            f"Coverage {reg['coverage']:.0%} (the share of all flips inside it), density "
            f"{reg['density']:.0%} (the share of draws inside it that flip); it holds {reg['mass']:.0%} of "
            "the draws."))
    tries = tuple(t for t in (flip_try(result, scenario),) if t is not None)
    others, nbs = links_for(NOTEBOOK, scenario.name)
    return Lesson(model="robustness", notebook=NOTEBOOK, scenario=scenario.name, summary=(s1, s2, s3),
                  terms=terms("verdict of a claim", "sourced value and range", "Monte Carlo standard error",
                              "Latin hypercube", "Sobol index", "PRIM (scenario discovery)",
                              "coverage and density", "convergence check"),
                  questions=tuple(questions), try_it=tries, scenario_links=others, notebook_links=nbs)
