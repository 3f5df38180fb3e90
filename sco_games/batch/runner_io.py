"""One-line messages for a batch run's failed I/O steps (a full disk, a read-only folder, a file where a
folder should be), shared by :mod:`sco_games.batch.runner` and its workers
(:mod:`sco_games.batch.runner_worker`)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

_HINTS = {
    errno.ENOSPC: "free some space and run again",
    errno.EDQUOT: "free some space and run again",
    errno.EROFS: "make it writable, or choose another folder with --reports",
    errno.EACCES: "make it writable, or choose another folder with --reports",
    errno.EPERM: "make it writable, or choose another folder with --reports",
}


def _in_the_way(path: str | os.PathLike | None) -> Path | None:
    """The file (not a folder) at ``path`` or at the nearest of its parents that exists, if any."""
    if not path:
        return None
    for p in (Path(path), *Path(path).parents):
        if p.is_symlink() or p.exists():
            return None if p.is_dir() else p
    return None


def _io_problem(what: str, e: OSError, writing: bool = True) -> str:
    """One line for a failed I/O step: ``cannot <what>: <reason> (<what to do>, for a write)``."""
    reason = e.strerror or str(e) or type(e).__name__
    name = os.fsdecode(e.filename) if e.filename else ""
    folder = os.path.dirname(name)
    if name and name not in what and not (folder and folder in what) and not name.endswith(".tmp"):
        reason = f"{reason}: {name}"  # a file the message does not name yet
    if e.errno in (errno.EEXIST, errno.ENOTDIR):
        obstacle = _in_the_way(e.filename)
        if obstacle is not None:
            return f"cannot {what}: {obstacle} is a file where a folder should be (move it away)"
    hint = _HINTS.get(e.errno) if writing else None
    return f"cannot {what}: {reason}" + (f" ({hint})" if hint else "")
