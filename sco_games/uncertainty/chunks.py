"""A model evaluated over draws, in chunks, on any executor.

``evaluate(fn, params, draws, chunk_size=..., executor=...)`` cuts the draws into chunks of
``chunk_size`` (memory of each task bounded by the chunk, not by the number of draws), runs
``fn(params, chunk, **kwargs)`` on the executor (at most a few chunks in flight), and concatenates the
:class:`~sco_games.models.common.DrawOutputs` in draw order, so the result never depends on the executor or
its number of workers. Memory: each task holds one chunk; the caller holds the design (``n x d`` floats)
and the outputs (``n`` per verdict and key number), which the statistics need.

``fn`` is a model's ``sco_games.models.<model>.draws.evaluate_draws`` (:func:`evaluator` finds it by the
model's name) or anything with its signature registered under a name (:func:`register`, for toy models).
"""

from __future__ import annotations

import importlib
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, Future
from typing import Any

import numpy as np
from pydantic import BaseModel

from sco_games.models.common import DrawOutputs
from sco_games.uncertainty.executors import InProcessExecutor, workers_of

__all__ = ["MODELS", "Evaluator", "concat", "evaluate", "evaluator", "register"]

Evaluator = Callable[..., DrawOutputs]

#: the scenario's models (its sections), each evaluated by ``sco_games.models.<name>.draws.evaluate_draws``
MODELS = ("partnership", "border", "enlargement")
_REGISTRY: dict[str, Evaluator] = {}


def register(name: str, fn: Evaluator) -> None:
    """Evaluate model ``name`` with ``fn(params, draws, **kwargs) -> DrawOutputs`` (e.g. a toy model in a
    test; a module-level function, so that worker processes can import it)."""
    _REGISTRY[name] = fn


def evaluator(name: str) -> Evaluator:
    """The evaluate function of model ``name``: a registered one, else the model's ``draws.evaluate_draws``.
    ``LookupError`` (saying what exists) if there is none."""
    if name in _REGISTRY:
        return _REGISTRY[name]
    if name not in MODELS:
        raise LookupError(f"model {name!r}: none of {', '.join(MODELS + tuple(_REGISTRY))}")
    try:
        mod = importlib.import_module(f"sco_games.models.{name}.draws")
    except ModuleNotFoundError as e:
        if e.name != f"sco_games.models.{name}.draws":
            raise
        raise LookupError(f"model {name!r} has no draws.evaluate_draws yet (sco_games/models/{name}/draws.py)"
                          ) from None
    return mod.evaluate_draws


def _slice(draws: Mapping[str, np.ndarray], a: int, b: int) -> dict[str, np.ndarray]:
    return {k: np.asarray(v)[a:b] for k, v in draws.items()}


def concat(parts: list[DrawOutputs]) -> DrawOutputs:
    """The outputs of consecutive chunks as one (the draws in order)."""
    if not parts:
        raise ValueError("no outputs to join")
    first = parts[0]
    return DrawOutputs(
        n=sum(p.n for p in parts),
        verdicts={k: np.concatenate([np.asarray(p.verdicts[k], dtype=object) for p in parts])
                  for k in first.verdicts},
        numbers={k: np.concatenate([np.asarray(p.numbers[k], dtype=float) for p in parts])
                 for k in first.numbers},
        descriptions=dict(first.descriptions), method=first.method)


def _run_shipped(fn: Evaluator, cls: type[BaseModel], dump: dict, chunk: dict, kwargs: dict) -> DrawOutputs:
    """In a worker: the section rebuilt from its dump (pydantic's generic ``Sourced[float]`` classes do not
    pickle; the section's own class does, by reference), then the model on the chunk."""
    return fn(cls.model_validate(dump), chunk, **kwargs)


def evaluate(fn: Evaluator, params: Any, draws: Mapping[str, np.ndarray], *, chunk_size: int = 2048,
             executor: Executor | None = None, progress: Callable[[int], None] | None = None,
             **kwargs: Any) -> DrawOutputs:
    """``fn(params, draws, **kwargs)`` over every draw, in chunks of ``chunk_size`` on ``executor``
    (default: in-process); ``progress(k)`` is called as each chunk of ``k`` draws is done, in order."""
    if chunk_size < 1:
        raise ValueError(f"chunk_size = {chunk_size}: at least 1")
    lengths = {len(np.asarray(v)) for v in draws.values()}
    if len(lengths) != 1:
        raise ValueError(f"draws of different lengths: {sorted(lengths)}")
    n = lengths.pop()
    ex = executor or InProcessExecutor()
    window = 2 * workers_of(ex)
    pending: deque[tuple[int, Future]] = deque()
    parts: list[DrawOutputs] = []

    def collect() -> None:
        k, fut = pending.popleft()
        out = fut.result()
        if out.n != k:
            raise ValueError(f"{getattr(fn, '__module__', fn)}: {out.n} outputs for {k} draws")
        parts.append(out)
        if progress:
            progress(k)

    local = isinstance(ex, InProcessExecutor)
    shipped = (type(params), params.model_dump()) if isinstance(params, BaseModel) and not local else None
    for a in range(0, n, chunk_size):
        b = min(a + chunk_size, n)
        chunk = _slice(draws, a, b)
        fut = (ex.submit(_run_shipped, fn, *shipped, chunk, kwargs) if shipped else
               ex.submit(fn, params, chunk, **kwargs))
        pending.append((b - a, fut))
        while len(pending) >= window:
            collect()
    while pending:
        collect()
    return concat(parts)
