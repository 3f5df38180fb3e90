"""``sco-games run --set KEY=VALUE``: a quick what-if without editing a scenario file.

Each ``--set partnership.us_stake_russia=4`` (repeatable) is one override, its value parsed as a YAML scalar
(``4`` a number, ``true`` a boolean, ``[1, 5]`` a list for a range, anything else a string; a date becomes
its ISO string). The overrides reach each notebook as its ``overrides`` parameter, exactly as
``load_scenario(path, overrides)`` applies them (the value's source then says "override (was ...)").

What-if reports never overwrite the real ones: they go to ``reports/_whatif/<scenario>/`` (with their own
``index.html``) unless ``--reports`` says otherwise, and the notebooks over every scenario (90, 06) are not
run. A key that names no entry of a scenario is a usage error (exit 2) naming the key and the allowed keys.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from sco_games.scenario import ScenarioError, load_scenario

__all__ = ["WHATIF_FOLDER", "parse_sets", "check_overrides"]

#: The reports folder's subfolder for what-if runs (no scenario name can start with ``_``).
WHATIF_FOLDER = "_whatif"


class WhatIfError(ValueError):
    """A bad ``--set``: the CLI exits 2 with this message."""


def _scalar(text: str, item: str) -> Any:
    try:
        value = yaml.safe_load(text) if text.strip() else ""
    except yaml.YAMLError as e:
        raise WhatIfError(f"--set {item!r}: the value is not valid YAML ({str(e).splitlines()[0]})") from None
    if isinstance(value, _dt.date):
        value = value.isoformat()
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        raise WhatIfError(f"--set {item!r}: the value must be a number, a string, a boolean or a "
                          "list") from None
    return value


def parse_sets(items: Sequence[str] | None) -> dict[str, Any]:
    """``["a.b=4", "c.d=x"]`` -> ``{"a.b": 4, "c.d": "x"}`` (values as YAML scalars); a key given twice, or
    an item without ``=``, is a :class:`WhatIfError`.

    >>> parse_sets(["partnership.us_stake_russia=4", "partnership.distrust_cost=0.5"])
    {'partnership.us_stake_russia': 4, 'partnership.distrust_cost': 0.5}
    """
    out: dict[str, Any] = {}
    for item in items or ():
        key, sep, text = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise WhatIfError(f"--set {item!r}: expected KEY=VALUE, e.g. --set partnership.us_stake_russia=4")
        if key in out:
            raise WhatIfError(f"--set {key}: given twice")
        out[key] = _scalar(text, item)
    return out


def allowed_keys(path: Path) -> list[str]:
    """The dotted keys of every sourced value of the scenario at ``path`` (what ``--set`` may change)."""
    return [key for key, _, _ in load_scenario(path).sources()]


def check_overrides(scenarios: Sequence[Path], overrides: Mapping[str, Any]) -> None:
    """Every override must name an entry of every scenario and give a valid value; else a
    :class:`WhatIfError` naming the bad key and the keys allowed (those of its section, or the sections)."""
    for path in scenarios:
        keys = allowed_keys(path)
        for key in overrides:
            entry = key.removesuffix(".value")
            if entry not in keys and not any(k.startswith(entry + ".") for k in keys):
                raise WhatIfError(_unknown(key, keys, Path(path).stem))
        try:
            load_scenario(path, overrides)
        except ScenarioError as e:
            raise WhatIfError("--set: " + str(e)) from None


def _unknown(key: str, keys: list[str], scenario: str) -> str:
    section = key.split(".")[0]
    in_section = [k for k in keys if k.split(".")[0] == section]
    close = difflib.get_close_matches(key, keys, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    if in_section:
        listed = ", ".join(k.split(".", 1)[1] for k in in_section)
        return f"--set {key}: no such key in scenario {scenario}{hint}; allowed keys of {section}: {listed}"
    sections = sorted({k.split(".")[0] for k in keys})
    return (f"--set {key}: no such key in scenario {scenario}{hint}; its sections are {', '.join(sections)} "
            f"(e.g. --set {keys[0]}=...)")
