"""The project folder: the checkout with ``params/`` and ``notebooks/`` (and ``reports/``) in it.

Found without assuming an editable install (the package may be installed anywhere), in this order:

1. an explicit folder (``sco-games --root DIR``, ``run(root=...)``);
2. the environment variable ``SCO_GAMES_ROOT`` (the runner sets it for its workers and their kernels);
3. the current working directory, or the nearest of its parents, that holds both ``params/`` and
   ``notebooks/`` (so a notebook opened from ``notebooks/`` in JupyterLab finds the project one folder up).

Anything else raises :class:`ProjectRootError`, whose message says what was looked for and where.

>>> find_project_root().joinpath("params").is_dir()   # the tests run from the checkout
True
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_VAR", "MARKERS", "ProjectRootError", "find_project_root", "is_project_root"]

#: The environment variable naming the project folder.
ENV_VAR = "SCO_GAMES_ROOT"
#: The folders a project folder holds.
MARKERS = ("params", "notebooks")


class ProjectRootError(ValueError):
    """No project folder (one with ``params/`` and ``notebooks/``) where it was looked for."""


def is_project_root(path: str | Path) -> bool:
    """Whether ``path`` holds both ``params/`` and ``notebooks/``."""
    p = Path(path)
    return all((p / m).is_dir() for m in MARKERS)


def _checked(path: str | Path, how: str) -> Path:
    p = Path(path).expanduser().resolve()
    if not is_project_root(p):
        raise ProjectRootError(f"{how} {path}: not a sco-games project folder (no params/ and notebooks/)")
    return p


def find_project_root(root: str | Path | None = None, *, start: str | Path | None = None) -> Path:
    """The project folder (absolute): ``root`` if given, else ``$SCO_GAMES_ROOT``, else ``start`` (default:
    the current working directory) or its nearest parent holding ``params/`` and ``notebooks/``."""
    if root is not None:
        return _checked(root, "--root")
    env = os.environ.get(ENV_VAR)
    if env:
        return _checked(env, f"${ENV_VAR} =")
    here = Path(start if start is not None else os.getcwd()).resolve()
    for d in (here, *here.parents):
        if is_project_root(d):
            return d
    raise ProjectRootError(
        f"no sco-games project folder in {here} or its parents (a folder with params/ and notebooks/): "
        f"run from the checkout, or pass --root DIR (or set {ENV_VAR})"
    )
