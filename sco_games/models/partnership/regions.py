"""Equilibrium regions: the stage game solved over a grid of two parameters at once (a :class:`RegionMap`
for the region figure).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from sco_games.models.partnership.game import label_of, payoff_matrices
from sco_games.models.partnership.params import PAYOFF_KEYS, PartnershipParams, values_of
from sco_games.sourced import check_section
from sco_games.theory.games import DEFAULT_TOL, BatchResult, solve_batch

__all__ = [
    "RegionMap",
    "batch_labels",
    "equilibrium_regions",
]


#: Alignment level of each strategy (Ally 2, Partner 1, Rival 0), for the "second axis" checks.
ALIGNMENT_LEVEL = np.array([2.0, 1.0, 0.0])

Axis = str | tuple[str, ...]


def _axis_keys(axis: Axis) -> tuple[str, ...]:
    keys = (axis,) if isinstance(axis, str) else tuple(axis)
    for k in keys:
        if k not in PAYOFF_KEYS:
            raise ValueError(f"region axis {k!r} is not a payoff parameter; allowed: {list(PAYOFF_KEYS)}")
    if not keys:
        raise ValueError("region axis must name at least one parameter")
    return keys


@dataclass(frozen=True)
class RegionMap:
    """Equilibrium regions over a grid of two parameters (or groups of parameters moved together).

    ``labels[iy, ix]`` is the :func:`equilibrium_label` at ``x[ix]``, ``y[iy]``; ``counts``,
    ``degenerate`` and ``alignment_max``/``alignment_min`` (the highest/lowest expected alignment
    level, Ally 2 + Partner 1 + Rival 0 summed over both sides, among the cell's equilibria) have the
    same shape. ``max_regret`` is the largest regret of any equilibrium found; ``method`` the solver's.
    """

    x_keys: tuple[str, ...]
    y_keys: tuple[str, ...]
    x: np.ndarray
    y: np.ndarray
    labels: np.ndarray
    counts: np.ndarray
    degenerate: np.ndarray
    alignment_max: np.ndarray
    alignment_min: np.ndarray
    max_regret: float
    method: str

    @property
    def x_name(self) -> str:
        return " = ".join(self.x_keys)

    @property
    def y_name(self) -> str:
        return " = ".join(self.y_keys)

    def label_at(self, x: float, y: float) -> str:
        """The label of the grid cell nearest to ``(x, y)``."""
        return str(self.labels[int(np.argmin(abs(self.y - y))), int(np.argmin(abs(self.x - x)))])

    def shares(self, merge_degenerate: bool = True) -> dict[str, float]:
        """The share of grid cells with each label; with ``merge_degenerate`` the degenerate cells (ties on
        a boundary, whose labels list the equilibria of both sides) count as one ``"boundary"`` label."""
        labels = np.where(self.degenerate, "boundary", self.labels) if merge_degenerate else self.labels
        names, n = np.unique(labels.astype(str), return_counts=True)
        return {str(k): float(v) / self.labels.size for k, v in zip(names, n, strict=True)}


def batch_labels(batch: BatchResult) -> np.ndarray:
    """The :func:`equilibrium_label` of every game of a :class:`~sco_games.theory.games.BatchResult`."""
    counts = batch.counts
    # each slot's pure profile as an index r * 3 + c (only meaningful where batch.pure)
    r = np.nan_to_num(batch.row).argmax(axis=-1)
    c = np.nan_to_num(batch.col).argmax(axis=-1)
    code = np.where(batch.pure & batch.mask, r * 3 + c, -1)
    out = np.empty(counts.shape, dtype=object)
    for idx in np.ndindex(counts.shape):
        out[idx] = label_of(int(counts[idx]), [divmod(int(x), 3) for x in code[idx] if x >= 0])
    return out


def equilibrium_regions(params: PartnershipParams, x: Axis, x_values: Any, y: Axis, y_values: Any,
                        tol: float = DEFAULT_TOL) -> RegionMap:
    """Equilibrium labels over the grid ``x_values`` x ``y_values`` of parameters ``x`` and ``y``
    (others at ``params``), solved all at once with :func:`sco_games.theory.games.solve_batch`.

    ``x`` (or ``y``) may be a tuple of parameter names set to the same value (e.g. both US stakes).

    >>> m = equilibrium_regions(PartnershipParams.example(), "us_stake_russia", [0, 2, 40],
    ...                         "us_stake_china", [1])
    >>> m.labels.tolist()
    [['Partner/Partner', 'Partner/Partner', 'Rival/Partner']]
    >>> equilibrium_regions(PartnershipParams.example(), "us_stake_russia", [10],
    ...                     "us_stake_china", [10]).labels.tolist()
    [['multiple: Partner/Partner + Rival/Rival']]
    """
    check_section(params, PartnershipParams, "partnership", "equilibrium_regions")
    xk, yk = _axis_keys(x), _axis_keys(y)
    if set(xk) & set(yk):
        raise ValueError(f"region axes share a parameter: {sorted(set(xk) & set(yk))}")
    xs = np.asarray(x_values, dtype=float).ravel()
    ys = np.asarray(y_values, dtype=float).ravel()
    if xs.size == 0 or ys.size == 0:
        raise ValueError("x_values and y_values must be non-empty")
    v = values_of(params)
    gx, gy = np.meshgrid(xs, ys)  # shape (ny, nx)
    for k in xk:
        v[k] = gx
    for k in yk:
        v[k] = gy
    a, b = payoff_matrices(v)
    batch = solve_batch(a, b, tol=tol)
    row = np.nan_to_num(batch.row)
    col = np.nan_to_num(batch.col)
    level = (row @ ALIGNMENT_LEVEL) + (col @ ALIGNMENT_LEVEL)
    amax = np.where(batch.mask, level, -np.inf).max(axis=-1)
    amin = np.where(batch.mask, level, np.inf).min(axis=-1)
    regret = batch.regret[batch.mask]
    return RegionMap(
        x_keys=xk, y_keys=yk, x=xs, y=ys, labels=batch_labels(batch), counts=np.asarray(batch.counts),
        degenerate=np.asarray(batch.degenerate), alignment_max=amax, alignment_min=amin,
        max_regret=float(regret.max()) if regret.size else 0.0, method=batch.method,
    )
