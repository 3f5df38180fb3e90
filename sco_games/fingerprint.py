"""BASE: hashes of what a result depends on: the library (every file of the ``sco_games`` package) and a
file's bytes. The robustness layer keys its saved results with them, so that the ``sco-games robustness``
command and notebook 05 agree on when a saved result is still current. (``batch.runner.library_hash`` is
the same function, re-exported, for the runner's stamps.)

>>> len(library_hash()) == 64
True
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import sco_games

__all__ = ["file_hash", "library_hash"]


def library_hash(package_dir: str | Path | None = None) -> str:
    """A hash of every file (caches excepted) under ``package_dir`` (default: the installed package)."""
    root = Path(package_dir if package_dir is not None else Path(sco_games.__file__).parent).resolve()
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}:
            h.update(p.relative_to(root).as_posix().encode())
            h.update(b"\0")
            h.update(p.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def file_hash(path: str | Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
