"""Seeded samples of the uncertainty box: a unit design (Latin hypercube or scrambled Sobol points from
:mod:`scipy.stats.qmc`, seed an argument) mapped dimension by dimension to each :class:`Uncertainty`'s
distribution, and the mapped columns recombined into the draws a model takes (a point: shape ``(n, 2)``).

Mapping (``u`` in [0, 1)): uniform ``low + u (high - low)``; triangular the inverse CDF with the coded value
as mode (:func:`scipy.stats.triang`); log-uniform ``exp(log low + u log(high/low))``; categorical the
choice whose cumulative weight first exceeds ``u``.

>>> from sco_games.uncertainty.space import Uncertainty
>>> u = [Uncertainty("a", "uniform", 0.5, "fn 1", 0.0, 1.0)]
>>> x = unit_sample(1, 4, seed=1, method="lhs")
>>> sorted((x[:, 0] * 4).astype(int).tolist())  # one draw per quarter: a Latin hypercube
[0, 1, 2, 3]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import stats
from scipy.stats import qmc

from sco_games.uncertainty.space import Uncertainty

__all__ = ["METHODS", "draws_from_columns", "nominal_draws", "to_columns", "to_draws", "unit_sample"]

#: the sampling designs: ``lhs`` (Latin hypercube, any n), ``sobol`` (scrambled Sobol points; n a power of
#: 2 keeps their balance), ``random`` (iid uniform: the binomial standard error is exact)
METHODS = ("lhs", "sobol", "random")


def unit_sample(d: int, n: int, seed: int, method: str = "lhs") -> np.ndarray:
    """An ``(n, d)`` design in [0, 1)^d, a pure function of ``(d, n, seed, method)``."""
    if method not in METHODS:
        raise ValueError(f"method {method!r} is none of {', '.join(METHODS)}")
    if n < 1:
        raise ValueError(f"n = {n}: at least one draw")
    if d == 0:
        return np.zeros((n, 0))
    rng = np.random.default_rng(seed)
    if method == "lhs":
        return qmc.LatinHypercube(d, rng=rng).random(n)
    if method == "sobol":
        s = qmc.Sobol(d, scramble=True, rng=rng)
        m = int(math.log2(n))
        return s.random_base2(m) if 2**m == n else s.random(n)
    return rng.random((n, d))


def to_columns(uncs: Sequence[Uncertainty], unit: np.ndarray) -> list[np.ndarray]:
    """One array of values per uncertainty: ``unit[:, j]`` mapped to ``uncs[j]``'s distribution."""
    unit = np.asarray(unit, dtype=float)
    if unit.ndim != 2 or unit.shape[1] != len(uncs):
        raise ValueError(f"a design of shape {unit.shape} for {len(uncs)} uncertain values")
    return [_map(u, unit[:, j]) for j, u in enumerate(uncs)]


def _map(u: Uncertainty, x: np.ndarray) -> np.ndarray:
    if u.kind == "categorical":
        cum = np.cumsum(u.weights)
        idx = np.minimum(np.searchsorted(cum / cum[-1], x, side="right"), len(u.choices) - 1)
        out = np.empty(len(x), dtype=object)
        for j, i in enumerate(idx):  # one by one: a choice may itself be a list (a package deal)
            out[j] = u.choices[i]
        return out
    lo, hi = float(u.low), float(u.high)
    if u.kind == "uniform":
        return lo + x * (hi - lo)
    if u.kind == "triangular":
        return stats.triang(c=(float(u.mode) - lo) / (hi - lo), loc=lo, scale=hi - lo).ppf(x)
    if u.kind == "loguniform":
        return np.exp(math.log(lo) + x * (math.log(hi) - math.log(lo)))
    raise ValueError(f"{u.label}: unknown kind {u.kind!r}")


def draws_from_columns(uncs: Sequence[Uncertainty], cols: Sequence[np.ndarray]) -> dict[str, np.ndarray]:
    """The draws a model's ``evaluate_draws`` takes: key -> values, a point's coordinates recombined into
    an ``(n, 2)`` array (a coordinate without a range keeps its coded value)."""
    out: dict[str, Any] = {}
    for u, c in zip(uncs, cols, strict=True):
        if u.coordinate is None:
            out[u.key] = c
            continue
        if u.key not in out:
            out[u.key] = np.tile(np.asarray(u.value, dtype=float), (len(c), 1))
        out[u.key][:, u.coordinate] = c
    return out


def to_draws(uncs: Sequence[Uncertainty], unit: np.ndarray) -> dict[str, np.ndarray]:
    """A unit design mapped and recombined: :func:`to_columns` then :func:`draws_from_columns`."""
    return draws_from_columns(uncs, to_columns(uncs, unit))


def nominal_draws(uncs: Sequence[Uncertainty]) -> dict[str, np.ndarray]:
    """One draw: every uncertain value at its coded value (the scenario as written)."""
    out: dict[str, np.ndarray] = {}
    for u in uncs:
        if u.key in out:
            continue
        if u.coordinate is not None:
            out[u.key] = np.asarray([u.value], dtype=float)
        else:
            arr = np.empty(1, dtype=object) if u.kind == "categorical" else np.empty(1)
            arr[0] = u.value
            out[u.key] = arr
    return out
