"""The package's data files and the one loader they are read with.

``sco_games/data/*.yaml``: ``capabilities_2001.yaml`` (CINC, GDP, population), ``timeline.yaml`` (the story's
dates and the 2001 roles), ``border_settlements.yaml`` (the border dyads' facts), ``sco_membership.yaml``
(statuses over time). Each value carries its source. ``sco_games/data/*.csv``: derived tables whose
provenance is their ``#`` header (``unga_agreement.csv``: UN General Assembly agreement scores, typed by
:mod:`sco_games.data.unga`); for them :func:`load` gives ``{"header": [comment lines], "rows":
[{column: text}]}``. Typed views: :mod:`sco_games.data.capabilities`,
:mod:`sco_games.data.timeline`, :mod:`sco_games.data.membership`; the border model reads its settlements with
:func:`load` too. This layer imports nothing of ``sco_games`` but ``sourced`` (no model, figure or batch).

>>> sorted(load("capabilities_2001.yaml"))
['sources', 'states']
"""

from __future__ import annotations

import copy
import csv
import io
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["data_files", "load"]


_SUFFIXES = (".yaml", ".csv")


def data_files() -> list[str]:
    """The names of the package's data files (``*.yaml``, ``*.csv``), sorted."""
    return sorted(p.name for p in resources.files(__name__).iterdir() if p.name.endswith(_SUFFIXES))


def _parse_csv(text: str) -> dict[str, list]:
    """A CSV with a ``#`` comment header: ``{"header": [comment lines, "# " removed], "rows": [dicts]}``.

    >>> _parse_csv("# made by hand\\na,b\\n1,x\\n")
    {'header': ['made by hand'], 'rows': [{'a': '1', 'b': 'x'}]}
    """
    lines = text.splitlines()
    header = [ln[1:].removeprefix(" ") for ln in lines if ln.startswith("#")]
    body = "\n".join(ln for ln in lines if not ln.startswith("#"))
    return {"header": header, "rows": list(csv.DictReader(io.StringIO(body)))}


@cache
def _parsed(name: str) -> Any:
    path = resources.files(__name__).joinpath(name)
    if not name.endswith(_SUFFIXES) or "/" in name or not path.is_file():
        raise FileNotFoundError(f"no package data file {name!r}; known: {', '.join(data_files())}")
    text = path.read_text("utf-8")
    return _parse_csv(text) if name.endswith(".csv") else yaml.safe_load(text)


def load(name: str) -> Any:
    """The parsed package data file ``name`` (YAML, e.g. ``"timeline.yaml"``, or a CSV with a ``#`` header,
    see :func:`_parse_csv`): read once, then a fresh deep copy on every call (callers may change what they
    get)."""
    return copy.deepcopy(_parsed(name))
