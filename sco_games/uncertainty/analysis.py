"""One model's robustness: its uncertain values sampled, the model evaluated over the draws (chunks, any
executor), and for each output the verdict probabilities, quantiles, Sobol indices and the region that
flips each verdict, in words.

>>> # see tests/uncertainty/test_analysis.py for toy models with known answers
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import numpy as np

from sco_games.models.common import DrawOutputs
from sco_games.uncertainty import discovery, sensitivity, stats
from sco_games.uncertainty.chunks import Evaluator, evaluate, evaluator
from sco_games.uncertainty.sampling import draws_from_columns, nominal_draws, to_columns, unit_sample
from sco_games.uncertainty.space import Uncertainty, uncertainties

__all__ = ["ClaimRegion", "ModelRobustness", "analyze_model", "region_text"]


@dataclass(frozen=True)
class ClaimRegion:
    """Where claim ``claim`` does not get its coded verdict ``nominal``: ``flips`` the share of draws that
    flip, ``becomes`` the commonest other verdict in them, ``region`` the PRIM box (``None``: no flip)."""

    claim: str
    nominal: str
    flips: float
    becomes: str | None
    region: discovery.Region | None

    @property
    def text(self) -> str:
        return region_text(self)

    def to_dict(self) -> dict:
        return {"claim": self.claim, "nominal": self.nominal, "flips": self.flips, "becomes": self.becomes,
                "region": self.region.to_dict() if self.region else None, "text": self.text}


def region_text(r: ClaimRegion) -> str:
    """The region in plain words.

    >>> rg = discovery.Region((discovery.Restriction("a", high=-0.15),), 0.9, 0.8, 0.1)
    >>> region_text(ClaimRegion("E2", "reproduced", 0.12, "partly", rg))  # doctest: +NORMALIZE_WHITESPACE
    "E2 is 'reproduced' at the coded values and in 88% of the draws; it is 'partly' instead mainly when
    a < -0.15 (90% of the flips lie there; 80% of the draws there flip)."
    """
    held = f"{r.claim} is '{r.nominal}' at the coded values and in {1 - r.flips:.0%} of the draws"
    if r.region is None or not r.flips:
        return f"{held}: no draw flips it."
    g = r.region
    if not g.restrictions:
        return (f"{held}; it is '{r.becomes}' instead in {r.flips:.0%} of them, with no region of the box "
                "that holds the flips (no restriction of the values concentrates them significantly).")
    return (f"{held}; it is '{r.becomes}' instead mainly when {g.condition} ({g.coverage:.0%} of the flips "
            f"lie there; {g.density:.0%} of the draws there flip).")


@dataclass(frozen=True)
class ModelRobustness:
    """Everything the draws say about one model (see the module docstring); JSON through :meth:`to_dict`."""

    model: str
    n: int
    seed: int
    method: str
    evaluated_by: str
    uncertainties: tuple[Uncertainty, ...]
    verdicts: tuple[stats.VerdictShares, ...]
    numbers: tuple[stats.NumberSummary, ...]
    sobol: tuple[sensitivity.SobolIndices, ...]
    regions: tuple[ClaimRegion, ...]

    def to_dict(self) -> dict:
        return {"model": self.model, "n": self.n, "seed": self.seed, "method": self.method,
                "evaluated_by": self.evaluated_by,
                "uncertainties": [u.to_dict() for u in self.uncertainties],
                "verdicts": [v.to_dict() for v in self.verdicts],
                "numbers": [x.to_dict() for x in self.numbers],
                "sobol": [s.to_dict() for s in self.sobol],
                "regions": [r.to_dict() for r in self.regions]}


def _codes(u: Uncertainty, col: np.ndarray) -> np.ndarray:
    """A categorical column as the index of each draw's choice."""
    norm = [tuple(c) if isinstance(c, list | tuple) else c for c in u.choices]
    return np.array([norm.index(tuple(v) if isinstance(v, list | tuple) else v) for v in col], dtype=int)


def _named(r: discovery.Restriction, u: Uncertainty) -> discovery.Restriction:
    """A choice restriction with the choices' names instead of their codes."""
    if r.choices is None:
        return r
    return discovery.Restriction(r.label, choices=tuple(str(u.choices[c]) for c in r.choices))


def _regions(uncs: Sequence[Uncertainty], cols: list[np.ndarray], out: DrawOutputs,
             verdicts: Sequence[stats.VerdictShares]) -> list[ClaimRegion]:
    dims = [_codes(u, c) if u.kind == "categorical" else np.asarray(c, dtype=float)
            for u, c in zip(uncs, cols, strict=True)]
    labels = [u.label for u in uncs]
    rows = []
    for vs in verdicts:
        a = np.asarray(out.verdicts[vs.claim], dtype=object)
        flip = a != vs.nominal
        others = {v: p for v, p in vs.probability.items() if v != vs.nominal and p > 0}
        becomes = max(others, key=lambda v: (others[v], v)) if others else None
        region = discovery.prim(dims, labels, flip) if flip.any() and dims else None
        if region is not None:  # a choice restriction names the choices, not their codes
            rs = tuple(_named(r, uncs[labels.index(r.label)]) for r in region.restrictions)
            region = discovery.Region(rs, region.coverage, region.density, region.mass)
        rows.append(ClaimRegion(vs.claim, vs.nominal, float(flip.mean()), becomes, region))
    return rows


def analyze_model(model: str, params: Any, *, n: int = 2048, seed: int = 0, method: str = "lhs",
                  sobol_n: int | None = 256, chunk_size: int = 2048, executor: Executor | None = None,
                  include: Sequence[str] | None = None, exclude: Sequence[str] | None = None,
                  fn: Evaluator | None = None, progress: Callable[[int], None] | None = None,
                  **kwargs: Any) -> ModelRobustness:
    """The robustness of ``model`` (its section ``params``) over ``n`` draws of its uncertain values
    (design ``method``, seeded by ``seed``), and Sobol indices from ``sobol_n * (d + 2)`` more evaluations
    (``None``: none). ``fn`` defaults to :func:`~sco_games.uncertainty.chunks.evaluator` ``(model)``;
    ``kwargs`` go to it. The same arguments give the same numbers on any executor."""
    fn = fn or evaluator(model)
    uncs = uncertainties(params, include, exclude)
    if not uncs:
        raise ValueError(f"{model}: no uncertain values to sample (no entry has a range or alternatives, "
                         "or include/exclude left none)")
    nominal = fn(params, nominal_draws(uncs), **kwargs)
    cols = to_columns(uncs, unit_sample(len(uncs), n, seed, method))
    out = evaluate(fn, params, draws_from_columns(uncs, cols), chunk_size=chunk_size, executor=executor,
                   progress=progress, **kwargs)
    vs = stats.verdict_shares(out, nominal)
    sob = (sensitivity.sobol(fn, params, uncs, nominal, n=sobol_n, seed=seed, chunk_size=chunk_size,
                             executor=executor, progress=progress, **kwargs) if sobol_n else [])
    return ModelRobustness(model, n, seed, method, out.method, tuple(uncs), tuple(vs),
                           tuple(stats.number_summaries(out, nominal)), tuple(sob),
                           tuple(_regions(uncs, cols, out, vs)))
