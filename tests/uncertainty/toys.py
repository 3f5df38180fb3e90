"""Toy models for the uncertainty layer's tests: module-level functions (worker processes import them) with
``evaluate_draws``'s signature and answers known in closed form."""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from pydantic import Field

from sco_games.models.common import DrawOutputs
from sco_games.models.enlargement.params import SourcedPoint
from sco_games.sourced import Sourced, Strict


class ToyParams(Strict):
    a: Sourced[float]
    b: Sourced[float]
    c: Sourced[Annotated[float, Field(gt=0)]]
    k: Sourced[Literal["war", "dispute"]]
    pos: SourcedPoint
    fixed: Sourced[float]


TOY = {
    "a": {"value": 0.5, "source": "toy a", "range": [0.0, 1.0]},
    "b": {"value": 0.2, "source": "toy b", "range": [0.0, 1.0], "distribution": "triangular"},
    "c": {"value": 1.0, "source": "toy c", "range": [0.1, 10.0], "distribution": "loguniform"},
    "k": {"value": "war", "source": "toy k", "alternatives": ["dispute"], "weights": [1, 3]},
    "pos": {"value": [0.0, 0.0], "source": "toy pos", "range": [[-0.5, 0.5], [0.0, 0.0]]},
    "fixed": {"value": 2.0, "source": "toy fixed"},
}


def toy_params() -> ToyParams:
    return ToyParams.model_validate(TOY)


def _col(params, draws, key):
    if key in draws:
        return np.asarray(draws[key])
    n = len(next(iter(draws.values())))
    v = getattr(params, key).value
    out = np.empty(n, dtype=object if isinstance(v, str) else float)
    out[:] = v
    return out


def _verdict(ok: np.ndarray) -> np.ndarray:
    return np.where(ok, "reproduced", "partly").astype(object)


def evaluate_toy(params: ToyParams, draws, scale: float = 1.0) -> DrawOutputs:
    """X1: a < 0.3 (share 0.3); X2: b < 0.2 (triangular mode 0.2 on [0, 1]: share 0.2); X3: c < 1
    (log-uniform on [0.1, 10]: share 0.5); X4: k is war (weights 1:3: share 0.25); X5: the point's x < 0
    (share 0.5) and its y untouched; the number s = scale * (a + b)."""
    a, b, c, k = (_col(params, draws, key) for key in "abck")
    pos = np.asarray(draws["pos"]) if "pos" in draws else np.tile(params.pos.value, (len(a), 1))
    assert pos.shape == (len(a), 2) and np.all(pos[:, 1] == 0.0)
    v = {"X1": _verdict(a < 0.3), "X2": _verdict(b < 0.2), "X3": _verdict(c < 1.0),
         "X4": _verdict(k == "war"), "X5": _verdict(pos[:, 0] < 0)}
    s = scale * (a.astype(float) + b.astype(float))
    return DrawOutputs(len(a), v, {"s": s}, {"s": "a + b"}, "toy")


class AdditiveParams(Strict):
    x1: Sourced[float]
    x2: Sourced[float]
    x3: Sourced[float]


ADDITIVE = {f"x{i}": {"value": 0.5, "source": f"toy x{i}", "range": [0.0, 1.0]} for i in (1, 2, 3)}


def evaluate_additive(params: AdditiveParams, draws) -> DrawOutputs:
    """y = x1 + 2 x2 + 3 x3 (uniform on [0, 1]: first-order = total indices 1/14, 4/14, 9/14) and the verdict
    of y > 3 (at the coded values y = 3, so 'partly')."""
    x = [np.asarray(draws[f"x{i}"], dtype=float) for i in (1, 2, 3)]
    y = x[0] + 2 * x[1] + 3 * x[2]
    return DrawOutputs(len(y), {"Y": _verdict(y > 3)}, {"y": y}, {"y": "x1 + 2 x2 + 3 x3"}, "toy")


class BoxParams(Strict):
    u: Sourced[float]
    v: Sourced[float]
    w: Sourced[float]
    kind: Sourced[Literal["p", "q", "r"]]


BOX = {"u": {"value": 0.5, "source": "toy u", "range": [0.0, 1.0]},
       "v": {"value": 0.2, "source": "toy v", "range": [0.0, 1.0]},
       "w": {"value": 0.5, "source": "toy w", "range": [-1.0, 1.0]},
       "kind": {"value": "p", "source": "toy kind", "alternatives": ["q", "r"]}}


def evaluate_box(params: BoxParams, draws) -> DrawOutputs:
    """B1 fails ('not reproduced') exactly on the planted box u < 0.3 and v > 0.6 (w plays no part);
    B2 fails exactly when kind is r and w > 0."""
    u, v, w = (np.asarray(draws[k], dtype=float) for k in "uvw")
    kind = np.asarray(draws["kind"], dtype=object)
    b1 = np.where((u < 0.3) & (v > 0.6), "not reproduced", "reproduced").astype(object)
    b2 = np.where((kind == "r") & (w > 0), "not reproduced", "reproduced").astype(object)
    return DrawOutputs(len(u), {"B1": b1, "B2": b2}, {}, {}, "toy")


def evaluate_border_toy(params, draws) -> DrawOutputs:
    """A stand-in for the border model's evaluator (the CLI's tests): T1 is reproduced when China's war
    cost is below 0.525, the middle of its range [0.05, 1], so in half of the box."""
    wc = np.asarray(draws["war_cost_china"], dtype=float)
    return DrawOutputs(len(wc), {"T1": _verdict(wc < 0.525)}, {"wc": wc}, {"wc": "China's war cost"}, "toy")
