"""Every model of a scenario over its uncertainty box: :func:`robustness` -> :class:`ScenarioRobustness`
(JSON through ``to_dict``), saved atomically (``reports/<scenario>/robustness.json``) with the key of what it
was computed from, and read back only when that key matches (:func:`save`, :func:`load_saved`).

A model whose ``draws.evaluate_draws`` does not exist yet is listed in ``missing`` (with why), not guessed.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sco_games.fingerprint import file_hash, library_hash
from sco_games.scenario import Scenario, load_scenario, resolve_path
from sco_games.sidecar import atomic_write_text
from sco_games.uncertainty.analysis import ModelRobustness, analyze_model
from sco_games.uncertainty.chunks import MODELS, evaluator
from sco_games.uncertainty.space import uncertainties

__all__ = ["SCHEMA", "ScenarioRobustness", "cache_key", "claim_rows", "convergence", "evaluations",
           "load_or_compute", "load_saved", "model_seed", "robustness", "save", "scenario_kwargs"]

#: the version of the saved JSON's layout
SCHEMA = 1
#: the command's defaults, which notebook 05 looks for: draws per model and the Sobol base size
DEFAULT_DRAWS = 4096
DEFAULT_SOBOL = 256


@dataclass(frozen=True)
class ScenarioRobustness:
    """One scenario's models over their boxes (``models``), and the models not evaluated (``missing``:
    model -> why)."""

    scenario: str
    n: int
    seed: int
    method: str
    sobol_n: int | None
    models: tuple[ModelRobustness, ...]
    missing: dict[str, str] = field(default_factory=dict)
    convergence: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "scenario": self.scenario, "n": self.n, "seed": self.seed,
                "method": self.method, "sobol_n": self.sobol_n, "models": [m.to_dict() for m in self.models],
                "missing": dict(self.missing), "convergence": list(self.convergence)}


def model_seed(seed: int, model: str) -> int:
    """The seed of ``model``'s design: its own stream of ``seed`` (the models' draws are independent)."""
    return int(np.random.SeedSequence([seed, MODELS.index(model) if model in MODELS else len(model)])
               .generate_state(1)[0])


def evaluations(scenario: Scenario, models: Sequence[str] = MODELS, *, n: int, sobol_n: int | None) -> int:
    """How many model evaluations :func:`robustness` makes (for a progress bar or the choice of executor)."""
    total = 0
    for m in models:
        if getattr(scenario, m, None) is None:  # a model the scenario does not code
            continue
        d = len(uncertainties(getattr(scenario, m)))
        total += n + (sobol_n * (d + 2) if sobol_n else 0) if d else 0
    return total


def robustness(scenario: Scenario, models: Sequence[str] = MODELS, *, n: int = 4096, seed: int = 0,
               method: str = "lhs", sobol_n: int | None = 256, chunk_size: int = 2048,
               executor: Executor | None = None, progress: Callable[[int], None] | None = None,
               check: bool = True) -> ScenarioRobustness:
    """Each model of ``scenario`` (its section) through :func:`~sco_games.uncertainty.analysis.analyze_model`
    (its own seed, :func:`model_seed`); a model without an evaluator is recorded in ``missing``. ``check``:
    the same again with the seed ``seed + 1`` (no Sobol indices), compared claim by claim
    (:func:`convergence`)."""
    first = _run(scenario, models, n=n, seed=seed, method=method, sobol_n=sobol_n, chunk_size=chunk_size,
                 executor=executor, progress=progress)
    if not check or not first.models:
        return first
    second = _run(scenario, [m.model for m in first.models], n=n, seed=seed + 1, method=method, sobol_n=None,
                  chunk_size=chunk_size, executor=executor, progress=progress)
    return ScenarioRobustness(first.scenario, n, seed, method, sobol_n, first.models, first.missing,
                              tuple(convergence(first.to_dict(), second.to_dict())))


def convergence(a: dict[str, Any], b: dict[str, Any], z: float = 3.0) -> list[dict[str, Any]]:
    """Claim by claim, the probability of the coded verdict under two seeds and whether they agree within
    ``z`` combined standard errors (``|p_a - p_b| <= z sqrt(se_a^2 + se_b^2)``; a difference of zero always
    agrees, also when both errors are zero)."""
    pb = {(r["model"], r["id"]): r for r in claim_rows(b)}
    rows = []
    for r in claim_rows(a):
        o = pb.get((r["model"], r["id"]))
        if o is None or o["verdict"] != r["verdict"]:  # the coded verdict does not depend on the seed
            continue
        q = o["probability"]
        tol = z * float(np.hypot(r["stderr"], o["stderr"]))
        diff = abs(r["probability"] - q)
        rows.append({"id": r["id"], "model": r["model"], "verdict": r["verdict"], "seed_a": a["seed"],
                     "seed_b": b["seed"], "p_a": r["probability"], "p_b": q, "difference": diff,
                     "tolerance": tol, "agrees": bool(diff <= tol)})
    return rows


def _run(scenario: Scenario, models: Sequence[str], *, n: int, seed: int, method: str, sobol_n: int | None,
         chunk_size: int, executor: Executor | None, progress: Callable[[int], None] | None
         ) -> ScenarioRobustness:
    done, missing = [], {}
    for m in models:
        if getattr(scenario, m, None) is None:  # a dated scenario codes only the models it can source
            missing[m] = f"the scenario does not code the {m} model (no {m} section)"
            continue
        try:
            fn = evaluator(m)
        except LookupError as e:
            missing[m] = str(e)
            continue
        done.append(analyze_model(m, getattr(scenario, m), n=n, seed=model_seed(seed, m), method=method,
                                  sobol_n=sobol_n, chunk_size=chunk_size, executor=executor, fn=fn,
                                  progress=progress, **scenario_kwargs(fn, scenario)))
    return ScenarioRobustness(scenario.name, n, seed, method, sobol_n, tuple(done), missing)


def scenario_kwargs(fn: Callable[..., Any], scenario: Scenario) -> dict[str, Any]:
    """What an evaluator takes from the scenario beyond its section: ``date`` (``meta.date``, e.g. the border
    model's, for which accounts were public) if its signature names it."""
    try:
        names = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return {}
    return {"date": scenario.meta.date} if "date" in names else {}


def claim_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Per claim of a saved result: ``{id, model, verdict, probability, stderr, because}``: the coded
    verdict, the probability that it holds over the box with its standard error, and the flip region."""
    rows = []
    for m in result.get("models", []):
        regions = {r["claim"]: r["text"] for r in m["regions"]}
        for v in m["verdicts"]:
            rows.append({"id": v["claim"], "model": m["model"], "verdict": v["nominal"],
                         "probability": v["holds"], "stderr": v["stderr"][v["nominal"]], "n": v["n"],
                         "because": regions.get(v["claim"], "")})
    return rows


def cache_key(scenario_file: str | Path, library: str | None = None, **settings: Any) -> str:
    """A hash of everything a saved result depends on: the scenario file's bytes, the library
    (:func:`~sco_games.fingerprint.library_hash` unless given) and the settings (draws, seed, design, ...)."""
    payload = json.dumps({"scenario": file_hash(scenario_file), "library": library or library_hash(),
                          "settings": settings}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def settings_of(n: int, seed: int, method: str, sobol_n: int | None, models: Sequence[str] = MODELS
                ) -> dict[str, Any]:
    """The settings a saved result is keyed by."""
    return {"draws": n, "seed": seed, "method": method, "sobol": sobol_n, "models": list(models)}


def load_or_compute(scenario_path: str | Path, overrides: dict[str, Any] | None = None, *,
                    reports_dir: str | Path | None = None, n: int = DEFAULT_DRAWS, seed: int = 0,
                    method: str = "lhs", sobol_n: int | None = DEFAULT_SOBOL, fallback_n: int = 512,
                    fallback_sobol_n: int | None = 32, executor: Executor | None = None) -> dict[str, Any]:
    """Notebook 05's results: the result ``sco-games robustness`` saved in ``reports_dir/<scenario>/`` if
    it was computed with these settings from this scenario file and this library (and no overrides);
    else computed here with the modest ``fallback_n`` draws and ``fallback_sobol_n``. The dict says which
    (``"origin"``)."""
    path = resolve_path(scenario_path)
    scenario = load_scenario(path, overrides)
    if reports_dir is not None and not overrides:
        key = cache_key(path, **settings_of(n, seed, method, sobol_n))
        saved = load_saved(Path(reports_dir) / scenario.name / "robustness.json", key)
        if saved is not None:
            return {**saved, "origin": f"saved by sco-games robustness ({n} draws per model)"}
    res = robustness(scenario, n=fallback_n, seed=seed, method=method, sobol_n=fallback_sobol_n,
                     executor=executor).to_dict()
    return {**res, "origin": f"computed in this notebook ({fallback_n} draws per model; run `sco-games "
                             f"robustness` for {n})"}


def save(path: str | Path, result: ScenarioRobustness | dict[str, Any], key: str) -> None:
    """Write ``result`` with its ``key`` to ``path`` atomically (a reader sees the old file or the new)."""
    data = result.to_dict() if isinstance(result, ScenarioRobustness) else dict(result)
    data["key"] = key
    atomic_write_text(path, json.dumps(data, indent=1, allow_nan=False) + "\n")


def load_saved(path: str | Path, key: str | None = None) -> dict[str, Any] | None:
    """The saved result at ``path`` if it exists, is readable and (when ``key`` is given) was computed from
    ``key``; else ``None`` (then compute it again)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return None
    if key is not None and data.get("key") != key:
        return None
    return data
