"""Scenario discovery: the region of the uncertainty box where a verdict flips, found by PRIM (the Patient
Rule Induction Method, Friedman and Fisher 1999, as the EMA Workbench's ``analysis/prim.py`` uses it for
scenario discovery, Bryant and Lempert 2010) and stated in words.

Peeling: starting from the whole box, repeatedly cut the ``alpha`` share of the remaining draws off one side
of one dimension (or drop one choice of a categorical dimension), whichever leaves the highest share of
flips (the *density*), until less than ``min_mass`` of the draws remain. The box reported is the first on
that trajectory with the best balance of coverage and density (their harmonic mean, the F1 score of the
box as a classifier of the flips: a box must hold most flips and little else). Restrictions that do not
matter are then removed one by one, so the words name only what decides: one whose quasi-p-value (a
one-sided binomial test of the box's flips against the box without it, as the EMA Workbench reports) exceeds
``significance``, or whose removal lowers the score by less than ``tol``. With few draws in many dimensions
peeling fits noise; the significance test is what keeps such restrictions out of the words.
Our own numpy implementation (no dependency: ema-workbench 3.x needs Python >= 3.12; scikit-learn's CART
would add a dependency and states its regions as a tree, not one box).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

__all__ = ["Region", "Restriction", "prim"]


@dataclass(frozen=True)
class Restriction:
    """One side of the box: ``label`` within ``[low, high]`` (a number, ``None``: unbounded on that side) or
    in ``choices`` (a categorical dimension)."""

    label: str
    low: float | None = None
    high: float | None = None
    choices: tuple | None = None

    @property
    def text(self) -> str:
        if self.choices is not None:
            shown = " or ".join(str(c) for c in self.choices)
            return f"{self.label} is {shown}"
        if self.low is not None and self.high is not None:
            return f"{self.low:.3g} < {self.label} < {self.high:.3g}"
        if self.high is not None:
            return f"{self.label} < {self.high:.3g}"
        return f"{self.label} > {self.low:.3g}"

    def to_dict(self) -> dict:
        return {"label": self.label, "low": self.low, "high": self.high,
                "choices": list(self.choices) if self.choices is not None else None, "text": self.text}


@dataclass(frozen=True)
class Region:
    """Where the target holds: the box ``restrictions`` (all of them at once), its ``coverage`` (share of the
    target's draws inside), ``density`` (share of the draws inside that are the target's) and ``mass`` (share
    of all draws inside)."""

    restrictions: tuple[Restriction, ...]
    coverage: float
    density: float
    mass: float

    @property
    def condition(self) -> str:
        return " and ".join(r.text for r in self.restrictions) or "anywhere in the box"

    def to_dict(self) -> dict:
        return {"restrictions": [r.to_dict() for r in self.restrictions], "coverage": self.coverage,
                "density": self.density, "mass": self.mass, "condition": self.condition}


def _inside(cols: Sequence[np.ndarray], box: list) -> np.ndarray:
    m = np.ones(len(cols[0]), dtype=bool)
    for c, b in zip(cols, box, strict=True):
        if isinstance(b, frozenset):
            m &= np.isin(c, list(b))
        else:
            m &= (c >= b[0]) & (c <= b[1])
    return m


def _candidates(cols, box, m, alpha):
    for j, (c, b) in enumerate(zip(cols, box, strict=True)):
        inside = c[m]
        if isinstance(b, frozenset):
            if len(b) > 1:
                for drop in sorted(b):
                    yield j, b - {drop}
            continue
        lo, hi = np.quantile(inside, [alpha, 1 - alpha])
        yield j, (float(lo), b[1]) if lo > b[0] else None
        yield j, (b[0], float(hi)) if hi < b[1] else None


def _peel(cols, y, alpha, min_mass):
    n = len(y)
    box: list = [frozenset(np.unique(c).tolist()) if c.dtype.kind in "iub" else
                 (float(c.min()), float(c.max())) for c in cols]
    m = np.ones(n, dtype=bool)
    path = [(list(box), m)]
    while True:
        best = None
        for j, new in _candidates(cols, box, m, alpha):
            if new is None:
                continue
            trial = list(box)
            trial[j] = new
            tm = m & _inside([cols[j]], [new])
            if tm.sum() < min_mass * n or tm.sum() == m.sum():
                continue
            score = y[tm].mean()
            if best is None or score > best[0]:
                best = (score, trial, tm)
        if best is None or best[0] <= y[m].mean():
            return path
        box, m = best[1], best[2]
        path.append((list(box), m))


def prim(columns: Sequence[np.ndarray], labels: Sequence[str], target: np.ndarray, *, alpha: float = 0.05,
         min_mass: float = 0.05, tol: float = 0.01, significance: float = 0.05) -> Region | None:
    """The PRIM box where ``target`` (a boolean per draw) is concentrated; ``columns[j]`` the values of
    dimension ``labels[j]`` (float for a number, an integer code array for a choice, whose restriction names
    the codes). ``None`` when the target never holds."""
    y = np.asarray(target, dtype=float)
    if y.sum() == 0:
        return None
    cols = [np.asarray(c) for c in columns]
    path = _peel(cols, y, alpha, min_mass)
    f1 = [2 * y[m].sum() / (y.sum() + m.sum()) for _, m in path]  # = 2 cov dens / (cov + dens)
    box = list(path[int(np.argmax(f1))][0])
    full = path[0][0]
    restricted = [j for j in range(len(cols)) if box[j] != full[j]]
    def score(b: list) -> float:
        m = _inside(cols, b)
        return 2 * y[m].sum() / (y.sum() + m.sum())

    def quasi_p(b: list, j: int) -> float:
        """One-sided binomial p-value of the box's flips against the density of the box without
        restriction ``j`` (the EMA Workbench's quasi-p-values): small when ``j`` really concentrates them."""
        t = list(b)
        t[j] = full[j]
        m, mt = _inside(cols, b), _inside(cols, t)
        return float(stats.binom.sf(y[m].sum() - 1, m.sum(), y[mt].mean()))

    changed = True
    while changed:  # drop the restriction that matters least: no significant gain, or the score barely moves
        changed = False
        s0 = score(box)
        trials = []
        for j in restricted:
            t = list(box)
            t[j] = full[j]
            trials.append((quasi_p(box, j) <= significance, s0 - score(t), j, t))
        if trials:
            significant, loss, j, t = min(trials, key=lambda x: (x[0], x[1], x[2]))
            if not significant or loss < tol:
                box, changed = t, True
                restricted.remove(j)
    m = _inside(cols, box)
    rs = []
    for j in restricted:
        b, f = box[j], full[j]
        if isinstance(b, frozenset):
            rs.append(Restriction(labels[j], choices=tuple(sorted(b))))
        else:
            rs.append(Restriction(labels[j], b[0] if b[0] > f[0] else None, b[1] if b[1] < f[1] else None))
    return Region(tuple(rs), float(y[m].sum() / y.sum()), float(y[m].mean()), float(m.mean()))
