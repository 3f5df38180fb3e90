"""Global sensitivity: Sobol first-order and total indices of every output over the uncertainty box.

Saltelli's scheme (Saltelli et al. 2010), as :func:`scipy.stats.sobol_indices` computes it: two independent
designs ``A`` and ``B`` of ``n`` points (a scrambled Sobol sequence in ``2d`` dimensions, split, exactly as
scipy builds them), and for each dimension ``i`` the design ``AB_i`` (``A`` with column ``i`` from ``B``);
the model runs on all ``n (d + 2)`` points here, through :func:`~sco_games.uncertainty.chunks.evaluate`
(chunks, any executor), and scipy's estimator gets the evaluations (its ``func`` dict form). A verdict's
output is the indicator of its coded verdict; a number undefined (NaN) in some draw gets no indices.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.stats import qmc, sobol_indices

from sco_games.models.common import DrawOutputs
from sco_games.uncertainty.chunks import Evaluator, evaluate
from sco_games.uncertainty.sampling import to_draws
from sco_games.uncertainty.space import Uncertainty

__all__ = ["SobolIndices", "saltelli_designs", "sobol"]


@dataclass(frozen=True)
class SobolIndices:
    """Sobol indices of one output: ``first[j]``, ``total[j]`` for the dimension ``labels[j]`` (``None`` where
    the output does not vary, so that no share of its variance can be given)."""

    output: str
    labels: tuple[str, ...]
    first: tuple[float | None, ...]
    total: tuple[float | None, ...]
    n: int

    def to_dict(self) -> dict:
        return {"output": self.output, "labels": list(self.labels), "first": list(self.first),
                "total": list(self.total), "n": self.n}


def saltelli_designs(d: int, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``(A, B)``: two ``(n, d)`` designs from one scrambled Sobol sequence in ``2d`` dimensions."""
    if n < 2 or 2 ** int(math.log2(n)) != n:
        raise ValueError(f"n = {n}: Sobol indices need a power of 2 (e.g. 256)")
    base = qmc.Sobol(2 * d, scramble=True, rng=np.random.default_rng(seed)).random_base2(int(math.log2(n)))
    return base[:, :d], base[:, d:]


def _outputs(out: DrawOutputs, nominal: DrawOutputs) -> dict[str, np.ndarray]:
    ys = {}
    for claim, arr in out.verdicts.items():
        v = np.asarray(nominal.verdicts[claim], dtype=object)[0]
        ys[f"{claim} = {v}"] = (np.asarray(arr, dtype=object) == v).astype(float)
    for name, arr in out.numbers.items():
        a = np.asarray(arr, dtype=float)
        if np.all(np.isfinite(a)):
            ys[name] = a
    return ys


def sobol(fn: Evaluator, params: Any, uncs: Sequence[Uncertainty], nominal: DrawOutputs, *, n: int = 256,
          seed: int = 0, chunk_size: int = 2048, executor: Executor | None = None, progress=None,
          **kwargs: Any) -> list[SobolIndices]:
    """Sobol indices of every verdict indicator and every always-defined key number (``n (d + 2)``
    model evaluations)."""
    d = len(uncs)
    if d == 0:
        return []
    a, b = saltelli_designs(d, n, seed)
    ab = np.concatenate([np.where(np.arange(d) == i, b, a) for i in range(d)])
    unit = np.concatenate([a, b, ab])
    out = evaluate(fn, params, to_draws(uncs, unit), chunk_size=chunk_size, executor=executor,
                   progress=progress, **kwargs)
    labels = tuple(u.label for u in uncs)
    rows = []
    for name, y in _outputs(out, nominal).items():
        f_a, f_b, f_ab = y[:n], y[n:2 * n], y[2 * n:].reshape(d, 1, n)
        if np.var(np.concatenate([f_a, f_b])) == 0:
            rows.append(SobolIndices(name, labels, (None,) * d, (None,) * d, n))
            continue
        rows.append(SobolIndices(name, labels, *_indices(f_a, f_b, f_ab, n, d), n))
    return rows


def _indices(f_a: np.ndarray, f_b: np.ndarray, f_ab: np.ndarray, n: int, d: int
             ) -> tuple[tuple[float | None, ...], tuple[float | None, ...]]:
    """scipy's Saltelli 2010 estimator on one output. The output is given twice: scipy 1.17 squeezes a
    single output (and with one dimension fails on the scalar it gets), two keep its shapes ``(s, d)``."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        res = sobol_indices(func={"f_A": np.stack([f_a, f_a]), "f_B": np.stack([f_b, f_b]),
                                  "f_AB": np.concatenate([f_ab, f_ab], axis=1)}, n=n)
    first, total = (np.reshape(x, (2, d))[0] for x in (res.first_order, res.total_order))
    return tuple(_clean(x) for x in first), tuple(_clean(x) for x in total)


def _clean(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None
