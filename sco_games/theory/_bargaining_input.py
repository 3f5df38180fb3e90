"""Argument checks shared by the bargaining modules (:mod:`~sco_games.theory.bargaining`,
:mod:`~sco_games.theory.frontier`, :mod:`~sco_games.theory.rubinstein`, :mod:`~sco_games.theory.fearon`).

Each turns a bad argument into a ``ValueError`` naming it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def _finite(name: str, value: float) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a real number, got {value!r}") from exc
    if not math.isfinite(x):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return x


def _pair(name: str, value: Sequence[float]) -> tuple[float, float]:
    try:
        items = list(value)
    except TypeError as exc:
        raise ValueError(f"{name} must be a pair of numbers, got {value!r}") from exc
    if len(items) != 2:
        raise ValueError(f"{name} must be a pair of numbers, got {len(items)} entries")
    return (_finite(f"{name}[0]", items[0]), _finite(f"{name}[1]", items[1]))


def _weights(weights: Sequence[float]) -> tuple[float, float]:
    a, b = _pair("weights", weights)
    if a <= 0 or b <= 0:
        raise ValueError(f"weights must both be positive, got {weights!r}")
    if abs(a + b - 1.0) > 1e-9:
        raise ValueError(f"weights must sum to 1, got {weights!r} (sum {a + b!r})")
    return a, b


def _delta(name: str, value: float) -> float:
    x = _finite(name, value)
    if not 0.0 < x < 1.0:
        raise ValueError(f"{name} must be a discount factor in the open interval (0, 1), got {value!r}")
    return x
