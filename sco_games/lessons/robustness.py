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

__all__ = ["EVALUATORS", "NOTEBOOK", "ROBUST_SHARE", "claim_list", "flip_try", "robustness_lesson",
           "verdicts_at"]

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


def _end(u: Mapping[str, Any], high: bool) -> Any:
    """The value of uncertainty ``u`` (one dimension of the box) at the high or low end of its range, the
    other coordinate of a point kept; a categorical one: its first other choice."""
    if u["kind"] == "categorical":
        picks = [c for c in u["choices"] if c != u["value"]]
        return picks[0] if picks else u["value"]
    x = round(float(u["high"] if high else u["low"]), 6)
    if u["coordinate"] is None:
        return x
    point = list(u["value"])
    point[u["coordinate"]] = x
    return point


def _set(values: dict[str, Any], u: Mapping[str, Any], x: Any) -> None:
    """Put ``x`` (from :func:`_end`) into ``values``, merging the coordinates of one point."""
    if u["coordinate"] is not None and u["key"] in values:
        merged = list(values[u["key"]])
        merged[u["coordinate"]] = x[u["coordinate"]]
        x = merged
    values[u["key"]] = x


def _candidates(model: Mapping[str, Any], claims: list[dict[str, Any]]) -> list[tuple[str | None, dict]]:
    """Overrides to try, in order: for each claim with a flip region (least robust first), the region's
    values at the ends of their ranges inside the region; then each value of the box alone at either end
    (largest total Sobol index first). ``(claim or None, section key -> value)``."""
    by_label = {u["label"]: u for u in model["uncertainties"]}
    out: list[tuple[str | None, dict]] = []
    for c in claims:
        if not c["region"]:
            continue
        values: dict[str, Any] = {}
        for r in c["region"]["restrictions"]:
            u = by_label.get(r["label"])
            if u is None:
                break
            if u["kind"] == "categorical":
                picks = [x for x in r.get("choices") or () if x != u["value"]]
                x = picks[0] if picks else u["value"]
            else:
                x = _end(u, high=r.get("low") is not None)
            _set(values, u, x)
        else:
            out.append((c["id"], values))
    weight = {}
    for sob in model.get("sobol", []):
        for lab, t in zip(sob["labels"], sob["total"], strict=True):
            weight[lab] = max(weight.get(lab, 0.0), t or 0.0)
    for u in sorted(model["uncertainties"], key=lambda u: -weight.get(u["label"], 0.0)):
        for high in (True, False):
            v: dict[str, Any] = {}
            _set(v, u, _end(u, high))
            out.append((None, v))
    return out


def _column(values: list[Any]) -> np.ndarray:
    if any(isinstance(v, str) for v in values):
        arr = np.empty(len(values), dtype=object)
        arr[:] = values
        return arr
    return np.asarray(values, dtype=float)


def verdicts_at(scenario: Scenario, model: Mapping[str, Any], tries: list[dict[str, Any]]
                ) -> list[dict[str, str]]:
    """For each of ``tries`` (section key -> value), claim -> verdict of ``model`` (its entry of the result)
    at the scenario's coded values with those set: one call of the model's evaluator over all of them (one
    draw each; a key not set keeps the coded value the result records)."""
    if not tries:
        return []
    name = model["model"]
    coded = {u["key"]: u["value"] for u in model["uncertainties"]}
    keys = sorted({k for t in tries for k in t})
    draws = {k: _column([t.get(k, coded[k]) for t in tries]) for k in keys}
    out = EVALUATORS[name](getattr(scenario, name), draws, date=scenario.meta.date)
    return [{c: str(np.asarray(a, dtype=object)[i]) for c, a in out.verdicts.items()}
            for i in range(len(tries))]


def flip_try(result: Mapping[str, Any], scenario: Scenario) -> TryIt | None:
    """A change of the coded values that flips a claim's verdict at the coded values, as a try-it: first a
    claim's flip region entered by its bounding values (least robust claim first), else one value of the
    box moved to an end of its range; the new verdict computed by the model. ``None`` if none flips."""
    claims = sorted(claim_list(result), key=lambda c: (c["holds"], c["id"]))
    found = []
    for m in result.get("models", []):
        if m["model"] not in EVALUATORS or getattr(scenario, m["model"], None) is None:
            continue
        mine = [c for c in claims if c["model"] == m["model"]]
        cands = _candidates(m, mine)
        nominal = {c["id"]: c["verdict"] for c in mine}
        for rank, ((target, values), got) in enumerate(zip(cands, verdicts_at(scenario, m,
                                                                              [v for _, v in cands]),
                                                           strict=True)):
            flips = [c["id"] for c in mine if got.get(c["id"]) not in (None, nominal[c["id"]])
                     and (target is None or c["id"] == target)]
            if flips:
                found.append(((target is None, rank), m["model"], flips[0], values, got[flips[0]]))
                break
    if not found:
        return None
    _, model, claim, values, after = min(found, key=lambda f: f[0])
    before = next(c["verdict"] for c in claims if c["model"] == model and c["id"] == claim)
    return TryIt({f"{model}.{k}": v for k, v in values.items()}, NOTEBOOK, scenario.name,
                 f"{claim}'s verdict at the coded values (the bold cell of its row)", before, after)


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
                          if weak["region"] and weak["region"]["restrictions"] else
                          "; PRIM finds no smaller region where it flips: it flips all over the box."
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
    if weak is not None and weak["region"] and weak["region"]["restrictions"]:
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
