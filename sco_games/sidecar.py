"""The small JSON of a notebook's key results (its "sidecar"), read by tests and the index page.

Written atomically (temporary file + rename), so a reader never sees half a file; the atomic writes of
every published file (reports, stamps, the index, plotly.js) live here too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

__all__ = ["to_jsonable", "write_sidecar", "read_sidecar", "atomic_write_text", "atomic_copy_file"]


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _atomic_write(path: str | Path, fill: Callable[[BinaryIO], object]) -> None:
    """Write ``path`` by ``fill(f)`` into a temporary file in the same folder, fsync, then ``os.replace``.

    On any failure (a full disk, a read-only folder, an interrupt) the temporary file is removed and
    ``path`` is left as it was; the error propagates. The new file gets the mode a plain ``open(path,
    "w")`` would (0666 less the umask), not ``mkstemp``'s owner-only 0600.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as f:  # closes fd whatever happens next
            os.fchmod(f.fileno(), 0o666 & ~_umask())
            fill(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:  # make the rename itself durable; best effort (not every file system can fsync a folder)
        dir_fd = os.open(p.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically: a reader sees the old file or the new one, never
    half a file, and a failed write leaves the old file and no temporary file (see :func:`_atomic_write`)."""
    data = text.encode("utf-8")
    _atomic_write(path, lambda f: f.write(data))


def atomic_copy_file(src: str | Path, dst: str | Path) -> None:
    """Copy ``src`` to ``dst`` atomically, like :func:`atomic_write_text`."""
    with open(src, "rb") as fsrc:
        _atomic_write(dst, lambda f: shutil.copyfileobj(fsrc, f, 1 << 20))


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
