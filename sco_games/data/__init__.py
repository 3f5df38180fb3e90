"""The package's data files and the one loader they are read with.

``sco_games/data/*.yaml``: ``capabilities_2001.yaml`` (CINC, GDP, population), ``timeline.yaml`` (the story's
dates and the 2001 roles), ``border_settlements.yaml`` (the border dyads' facts), ``sco_membership.yaml``
(statuses over time). Each value carries its source. Typed views: :mod:`sco_games.data.capabilities`,
:mod:`sco_games.data.timeline`, :mod:`sco_games.data.membership`; the border model reads its settlements with
:func:`load` too. This layer imports nothing of ``sco_games`` but ``sourced`` (no model, figure or batch).

>>> sorted(load("capabilities_2001.yaml"))
['sources', 'states']
"""

from __future__ import annotations

import copy
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["data_files", "load"]


def data_files() -> list[str]:
    """The names of the package's data files (``*.yaml``), sorted."""
    return sorted(p.name for p in resources.files(__name__).iterdir() if p.name.endswith(".yaml"))


@cache
def _parsed(name: str) -> Any:
    path = resources.files(__name__).joinpath(name)
    if not name.endswith(".yaml") or "/" in name or not path.is_file():
        raise FileNotFoundError(f"no package data file {name!r}; known: {', '.join(data_files())}")
    return yaml.safe_load(path.read_text("utf-8"))


def load(name: str) -> Any:
    """The parsed YAML of the package data file ``name`` (e.g. ``"timeline.yaml"``): read once, then a fresh
    deep copy on every call (callers may change what they get)."""
    return copy.deepcopy(_parsed(name))
