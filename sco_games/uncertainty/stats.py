"""What the draws say, per output: the probability of each verdict with its Monte Carlo standard error, and
quantiles of each key number.

The standard error is the binomial ``sqrt(p (1 - p) / n)``: exact for iid draws (``method="random"``) and
conservative for a Latin hypercube, whose stratification can only lower the variance of a mean
(McKay, Beckman and Conover 1979; Stein 1987), and for scrambled Sobol points likewise in practice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from sco_games.models.common import VERDICTS, DrawOutputs

__all__ = ["QUANTILES", "NumberSummary", "VerdictShares", "number_summaries", "verdict_shares"]

#: the quantiles reported of each key number
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True)
class VerdictShares:
    """Claim ``claim`` over ``n`` draws: ``probability[v]`` the share of draws with verdict ``v`` (every
    verdict of :data:`VERDICTS`), ``stderr[v]`` its binomial standard error; ``nominal`` the verdict at the
    coded values, ``holds`` the probability of that verdict."""

    claim: str
    nominal: str
    n: int
    probability: dict[str, float] = field(default_factory=dict)
    stderr: dict[str, float] = field(default_factory=dict)

    @property
    def holds(self) -> float:
        return self.probability[self.nominal]

    def to_dict(self) -> dict:
        return {"claim": self.claim, "nominal": self.nominal, "n": self.n, "probability": self.probability,
                "stderr": self.stderr, "holds": self.holds}


@dataclass(frozen=True)
class NumberSummary:
    """A key number over the draws: its value at the coded values, the share of draws where it is defined
    (not NaN), its mean and :data:`QUANTILES` over those draws (``None`` if it is never defined)."""

    name: str
    description: str
    nominal: float | None
    defined: float
    mean: float | None
    quantiles: dict[str, float | None]

    def to_dict(self) -> dict:
        return {"name": self.name, "description": self.description, "nominal": self.nominal,
                "defined": self.defined, "mean": self.mean, "quantiles": self.quantiles}


def binomial_stderr(p: float, n: int) -> float:
    """``sqrt(p (1 - p) / n)``.

    >>> binomial_stderr(0.5, 100)
    0.05
    """
    return math.sqrt(p * (1 - p) / n) if n else float("nan")


def verdict_shares(out: DrawOutputs, nominal: DrawOutputs) -> list[VerdictShares]:
    """One :class:`VerdictShares` per claim of ``out``; ``nominal``: the outputs of the one coded draw."""
    rows = []
    for claim, arr in out.verdicts.items():
        a = np.asarray(arr, dtype=object)
        p = {v: float(np.mean(a == v)) if out.n else float("nan") for v in VERDICTS}
        rows.append(VerdictShares(claim, str(np.asarray(nominal.verdicts[claim], dtype=object)[0]), out.n, p,
                                  {v: binomial_stderr(q, out.n) for v, q in p.items()}))
    return rows


def _f(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


def number_summaries(out: DrawOutputs, nominal: DrawOutputs) -> list[NumberSummary]:
    """One :class:`NumberSummary` per key number of ``out``."""
    rows = []
    for name, arr in out.numbers.items():
        a = np.asarray(arr, dtype=float)
        ok = a[np.isfinite(a)]
        q = {f"{x:g}": (_f(np.quantile(ok, x)) if ok.size else None) for x in QUANTILES}
        rows.append(NumberSummary(name, out.descriptions.get(name, ""),
                                  _f(np.asarray(nominal.numbers[name], dtype=float)[0]),
                                  float(ok.size / a.size) if a.size else float("nan"),
                                  _f(ok.mean()) if ok.size else None, q))
    return rows
