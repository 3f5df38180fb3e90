"""Everything notebook 05 shows, from a result's JSON form: the sidecar, the tables and the sentences.

>>> r = {"scenario": "s", "n": 100, "seed": 0, "missing": {}, "convergence": [], "origin": "test",
...      "models": [{"model": "m", "regions": [{"claim": "C1", "text": "C1 holds."}], "sobol": [],
...                  "uncertainties": [], "numbers": [],
...                  "verdicts": [{"claim": "C1", "nominal": "partly", "holds": 0.95, "n": 100,
...                                "stderr": {"partly": 0.0218}}]}]}
>>> sidecar(r)["headline"]
'1 of 1 claims keep their coded verdict in at least 90% of the draws (100 draws per model)'
>>> sidecar(r)["claims"][0]["probability"]
0.95
"""

from __future__ import annotations

from typing import Any

from sco_games.uncertainty.robustness import claim_rows

__all__ = ["NOTEBOOK_DRAWS", "NOTEBOOK_SEED", "NOTEBOOK_SOBOL", "ROBUST_SHARE", "convergence_rows",
           "convergence_sentence", "missing_sentence", "sidecar",
           "sobol_outputs", "uncertainty_rows"]

#: a claim whose coded verdict holds in at least this share of the draws is called robust in the words
ROBUST_SHARE = 0.9
#: notebook 05's seed, and its modest run (draws per model, Sobol base size) when no saved result matches
NOTEBOOK_SEED, NOTEBOOK_DRAWS, NOTEBOOK_SOBOL = 0, 512, 32


def _pct(p: float | None, digits: int = 1) -> str:
    return "—" if p is None else f"{100 * p:.{digits}f}%"


def sidecar(result: dict[str, Any]) -> dict[str, Any]:
    """The notebook's sidecar: headline, key results (each claim's probability, the settings) and
    ``claims`` (``{id, claim, verdict, probability, stderr, because}``: the coded verdict and how often it
    holds over the box)."""
    rows = claim_rows(result)
    robust = sum(r["probability"] >= ROBUST_SHARE for r in rows)
    head = (f"{robust} of {len(rows)} claims keep their coded verdict in at least {ROBUST_SHARE:.0%} of the "
            f"draws ({result['n']} draws per model)") if rows else "no model could be evaluated over its box"
    kr: dict[str, Any] = {f"{r['id']} '{r['verdict']}' holds in": _pct(r["probability"]) for r in rows}
    kr["draws per model"] = result["n"]
    kr["seed"] = result["seed"]
    conv = result.get("convergence") or []
    if conv:
        kr["second seed agrees (claims)"] = f"{sum(c['agrees'] for c in conv)} of {len(conv)}"
    if result.get("missing"):
        kr["models not evaluated"] = ", ".join(sorted(result["missing"]))
    claims = [{"id": r["id"], "claim": f"{r['model']} model", "verdict": r["verdict"],
               "probability": round(r["probability"], 4), "stderr": round(r["stderr"], 4),
               "because": r["because"]} for r in rows]
    return {"headline": head, "key_results": kr, "claims": claims}


def sobol_outputs(result: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """``(model, sobol entry)`` of each claim whose coded verdict flips somewhere (its indicator varies),
    in claim order."""
    out = []
    for m in result.get("models", []):
        for s in m.get("sobol", []):
            if " = " in s["output"] and any(t is not None for t in s["total"]):
                out.append((m["model"], s))
    return out


def uncertainty_rows(result: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """The box: ``(model, value, distribution, spread, source)`` per dimension."""
    rows = []
    for m in result.get("models", []):
        for u in m["uncertainties"]:
            if u["kind"] == "categorical":
                spread = " / ".join(f"{c} ({w:.0%})" for c, w in zip(u["choices"], u["weights"], strict=True))
            else:
                spread = f"[{u['low']:g}, {u['high']:g}]"
            coded = u["value"] if u["coordinate"] is None else u["value"][u["coordinate"]]
            rows.append((m["model"], f"{u['label']} = {coded}", u["kind"], spread, u["source"]))
    return rows


def convergence_rows(result: dict[str, Any]) -> list[tuple[str, str, str, str, str, str]]:
    """``(claim, coded verdict, seed a, seed b, tolerance, agrees)`` of the convergence check."""
    return [(c["id"], c["verdict"], _pct(c["p_a"]), _pct(c["p_b"]), f"± {_pct(c['tolerance'])}",
             "yes" if c["agrees"] else "NO") for c in result.get("convergence") or []]


def convergence_sentence(result: dict[str, Any]) -> str:
    """One sentence on the convergence check."""
    conv = result.get("convergence") or []
    if not conv:
        return "No second seed was run."
    bad = [c["id"] for c in conv if not c["agrees"]]
    s = (f"With a second seed ({conv[0]['seed_b']} instead of {conv[0]['seed_a']}), "
         f"{len(conv) - len(bad)} of {len(conv)} claims' probabilities agree within three combined "
         "standard errors")
    return s + (f"; {', '.join(bad)} do not: more draws are needed there." if bad else ".")


def missing_sentence(result: dict[str, Any]) -> str:
    """Which models could not be evaluated, and why (empty if all were)."""
    miss = result.get("missing") or {}
    return " ".join(f"The {m} model was not evaluated: {why}." for m, why in sorted(miss.items()))
