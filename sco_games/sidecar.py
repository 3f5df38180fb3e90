"""The small JSON of a notebook's key results (its "sidecar"), read by tests and the index page.

Written atomically (temporary file + rename), so a reader never sees half a file.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["to_jsonable", "write_sidecar", "read_sidecar", "atomic_write_text"]


def to_jsonable(obj: Any) -> Any:
    """Plain JSON types from numpy scalars/arrays, dataclasses, paths, tuples and sets.

    Non-finite floats become ``None`` (JSON has no NaN).

    >>> to_jsonable({"a": np.float64(0.5), "b": np.array([1, 2]), "c": float("nan")})
    {'a': 0.5, 'b': [1, 2], 'c': None}
    """
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, np.ndarray):
        return to_jsonable(obj.tolist())
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.generic):
        return to_jsonable(obj.item())
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, (str, int, bool)) or obj is None:
        return obj
    if isinstance(obj, Path):
        return str(obj)
    return str(obj)


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and ``os.replace``.

    The file gets the permissions a plain ``open(path, "w")`` would (0666 less the umask), not
    ``mkstemp``'s owner-only 0600, so published reports stay readable by others.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_sidecar(path: str | Path | None, results: Mapping[str, Any]) -> dict[str, Any] | None:
    """Write a notebook's key results as JSON; ``path=None`` (a plain interactive run) writes nothing.

    Returns the JSON-ready dict that was (or would have been) written.
    """
    data = to_jsonable(results)
    if path:
        atomic_write_text(path, json.dumps(data, indent=2, sort_keys=True, allow_nan=False))
    return data


def read_sidecar(path: str | Path) -> dict[str, Any] | None:
    """The sidecar at ``path``, or ``None`` if it is missing or not valid JSON."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
