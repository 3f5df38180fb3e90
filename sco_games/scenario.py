"""Scenario files: ``params/<name>.yaml`` -> a validated, typed :class:`Scenario`.

A scenario is one state of the world (e.g. June 2001, before 9/11). Every value carries its
source next to it (see :mod:`sco_games.sourced`). Loading never raises a bare exception for a
user's mistake: it raises :class:`ScenarioError`, whose message names the file, the key path,
the value found and what is allowed.

>>> s = load_scenario("params/founding_2001.yaml")
>>> s.name, s.meta.date.year
('founding_2001', 2001)
"""

from __future__ import annotations

import copy
import datetime as _dt
import difflib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from sco_games.models.border import BorderParams
from sco_games.models.enlargement import EnlargementParams
from sco_games.models.partnership import PartnershipParams
from sco_games.project import ProjectRootError, find_project_root
from sco_games.sourced import Strict, describe_error, sources, with_value
from sco_games.sourced import lookup as _lookup

__all__ = [
    "NAME_PATTERN",
    "SECTIONS",
    "Meta",
    "Scenario",
    "ScenarioError",
    "apply_overrides",
    "find_scenarios",
    "load_scenario",
    "resolve_path",
    "scenario_from_data",
]

#: Scenario names become folder names under reports/: lowercase letters, digits, _ and -.
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class ScenarioError(ValueError):
    """A scenario file (or an override) is not valid; the message says where and why."""

    def __init__(self, path: str | Path, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{self.path}: invalid scenario ({len(problems)} problem(s)):\n{lines}")


class Meta(Strict):
    """Who and when: the scenario's name (= file stem), title, date and story."""

    name: str = Field(description="file stem; lowercase letters, digits, _ and -")
    title: str = Field(min_length=3)
    date: _dt.date
    description: str = Field(min_length=3)
    source: str = Field(min_length=3, description="where the world state comes from in the paper")

    @field_validator("name")
    @classmethod
    def _safe_name(cls, v: str) -> str:
        if not NAME_PATTERN.match(v):
            raise ValueError(
                "must match [a-z0-9][a-z0-9_-]{0,63} (it becomes a folder under reports/)"
            )
        return v


#: The model sections a scenario may have, in the order of their notebooks (02, 03, 04).
SECTIONS: tuple[str, ...] = ("partnership", "border", "enlargement")


class Scenario(Strict):
    """One world state, with a section for each model it can source.

    A section may be left out (``None``) where coding it would be invention -- e.g. a 2017 scenario codes
    the enlargement model but no Tajik border bargain; at least one section is required. Notebooks declare
    the sections they need (notebook metadata ``sco_games: {requires: [...]}``) and the runner skips a
    notebook whose section is missing (see ARCHITECTURE.md).
    """

    meta: Meta
    partnership: PartnershipParams | None = None
    border: BorderParams | None = None
    enlargement: EnlargementParams | None = None

    @model_validator(mode="after")
    def _some_section(self) -> Scenario:
        if all(getattr(self, s) is None for s in SECTIONS):
            raise ValueError(f"no model section: give at least one of {', '.join(SECTIONS)}")
        return self

    @property
    def sections(self) -> tuple[str, ...]:
        """The model sections this scenario codes (of :data:`SECTIONS`)."""
        return tuple(s for s in SECTIONS if getattr(self, s) is not None)

    def missing(self, required: Sequence[str]) -> tuple[str, ...]:
        """The sections of ``required`` that this scenario does not code.

        >>> load_scenario("params/founding_2001.yaml").missing(["border", "enlargement"])
        ()
        """
        unknown = [r for r in required if r not in SECTIONS]
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not a scenario section (known: {', '.join(SECTIONS)})")
        return tuple(r for r in required if getattr(self, r) is None)

    @model_validator(mode="after")
    def _events_known_on_date(self) -> Scenario:
        """A scenario is coded only from what was known on its date: no event after ``meta.date``."""
        if self.partnership is None:
            return self
        late = [f"{e.name} ({e.date})" for e in self.partnership.events if e.date > self.meta.date]
        if late:
            raise ValueError(f"partnership.events after the scenario's date {self.meta.date}: "
                             f"{', '.join(late)}")
        return self

    @property
    def name(self) -> str:
        return self.meta.name

    def sources(self) -> list[tuple[str, Any, str]]:
        """Rows ``(key.path, value, source)`` of every sourced value, for reports."""
        return sources(self)


#: A scenario file is ~15 kB; anything far larger is refused before it is parsed.
MAX_FILE_BYTES = 1_000_000
#: Nesting levels of mappings and lists a scenario file may use (the shipped ones use 5).
MAX_DEPTH = 20

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _ScenarioLoader(yaml.SafeLoader):
    """The safe YAML loader for scenario files, stricter than :class:`yaml.SafeLoader`:

    * no anchors or aliases (``&a`` / ``*a``): a scenario writes every value out, and aliases are how a
      ten-line file expands to gigabytes (a "billion laughs");
    * at most :data:`MAX_DEPTH` levels of nesting;
    * duplicate keys are errors (instead of the last one silently winning);
    * unquoted dates stay text, so that pydantic checks them and names the key (``date: 2005-13-05``).

    Every refusal is a :class:`yaml.MarkedYAMLError` carrying the line and column.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, f"found the alias *{event.anchor}: anchors and aliases (&name, *name) are not "
                "allowed in a scenario file; write the value out", event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, f"found the anchor &{event.anchor}: anchors and aliases (&name, *name) are not "
                "allowed in a scenario file; write the value out", event.start_mark)
        if not isinstance(event, yaml.CollectionStartEvent):
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nested more than {MAX_DEPTH} levels deep (a scenario file needs 5)",
                event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# dates are left to pydantic (a str here), which names the key of an impossible one
_ScenarioLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _ScenarioLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, Any] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen[key] = True
    return loader.construct_mapping(node, deep=deep)


def _construct_timestamp(loader: _ScenarioLoader, node: yaml.ScalarNode) -> Any:
    """An explicit ``!!timestamp``: an impossible date is a marked error, not a bare ValueError."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as e:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a date: {e}", node.start_mark) from None


_ScenarioLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_ScenarioLoader.add_constructor(_TIMESTAMP_TAG, _construct_timestamp)


def resolve_path(path: str | Path) -> Path:
    """A scenario path as given, or else relative to the project folder (for notebooks run from
    ``notebooks/`` in JupyterLab, where ``params/x.yaml`` is one folder up; see :mod:`sco_games.project`)."""
    p = Path(path)
    if p.is_absolute() or p.exists():
        return p
    try:
        alt = find_project_root() / p
    except ProjectRootError:
        return p
    return alt if alt.exists() else p


def read_yaml(path: str | Path) -> dict[str, Any]:
    """Read a YAML mapping safely; raise :class:`ScenarioError` for unreadable, empty,
    non-YAML or non-mapping files."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)  # never more, even from /dev/zero or a pipe
    except FileNotFoundError:
        raise ScenarioError(p, ["file not found"]) from None
    except IsADirectoryError:
        raise ScenarioError(p, ["is a folder, not a scenario file"]) from None
    except OSError as e:
        raise ScenarioError(p, [f"cannot be read: {e}"]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ScenarioError(p, [f"file is larger than {MAX_FILE_BYTES:,} bytes (a scenario file is about "
                                "15 kB): not parsed"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ScenarioError(p, [f"cannot be read: not UTF-8 text ({e})"]) from None
    try:
        data = yaml.load(text, Loader=_ScenarioLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ScenarioError(p, [f"not valid YAML{where}: {problem}"]) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as e:  # a constructor's own error
        raise ScenarioError(p, [f"not valid YAML: {type(e).__name__}: {e}"]) from None
    if data is None:
        raise ScenarioError(p, ["file is empty (expected a mapping with keys meta, partnership, ...)"])
    if not isinstance(data, dict):
        raise ScenarioError(
            p, [f"top level is a {type(data).__name__}, expected a mapping of sections (meta, ...)"]
        )
    return data


#: The keys of a sourced entry ``{value: ..., source: ..., note: ..., range: ...}``.
_ENTRY_KEYS = ("value", "source", "note", "range", "distribution", "alternatives", "weights")


def _is_entry(x: Any) -> bool:
    return isinstance(x, dict) and "value" in x and "source" in x


def _flatten_overrides(data: Any, overrides: Mapping[Any, Any], prefix: tuple[str, ...] = ()
                       ) -> list[tuple[tuple[str, ...], Any]]:
    """``(key path, new value)`` pairs: a nested mapping is merged key by key into the mapping it names
    (a section or a sourced entry), exactly as the dotted form; any other value replaces its target."""
    out: list[tuple[tuple[str, ...], Any]] = []
    for key, new in overrides.items():
        parts = prefix + tuple(str(key).split("."))
        found, target = _lookup(data, parts)
        if isinstance(new, Mapping) and found and isinstance(target, dict):
            out.extend(_flatten_overrides(data, new, parts))
        else:
            out.append((parts, new))
    return out


def _did_you_mean(data: Any, parts: tuple[str, ...]) -> str:
    """`` (did you mean a.b?)`` for the first part of ``parts`` that names nothing, if one is close."""
    for i in range(len(parts)):
        found, cur = _lookup(data, parts[:i])
        if not found or not isinstance(cur, dict):
            return ""
        if parts[i] not in cur:
            close = difflib.get_close_matches(parts[i], [str(k) for k in cur], n=1)
            return f" (did you mean {'.'.join(parts[:i] + (close[0],))}?)" if close else ""
    return ""


def apply_overrides(data: dict[str, Any], overrides: Mapping[str, Any] | None, path: str | Path) -> dict:
    """Return a copy of ``data`` with overrides applied.

    ``{"partnership.us_stake_russia": 4.0}`` sets that entry's ``value``; the nested form
    ``{"partnership": {"us_stake_russia": 4.0}}`` means the same (a nested mapping is merged key by key,
    never replacing the section it names), and so does ``{"partnership.us_stake_russia.value": 4.0}``.
    An entry's ``source``, ``note`` or ``range`` can be set the same way. Whatever is changed, the entry's
    source then starts with "override" and keeps what the file said; a new value beyond the entry's
    range drops the range (see :func:`sco_games.sourced.with_value`) unless the range is overridden too.
    A key that names no existing entry, or a key given twice, is an error.

    >>> d = {"a": {"x": {"value": 1, "source": "fn 1"}}}
    >>> apply_overrides(d, {"a.x": 2}, "f.yaml")["a"]["x"]
    {'value': 2, 'source': 'override (was 1 from fn 1)'}
    >>> apply_overrides(d, {"a": {"x": {"value": 3, "source": "my guess"}}}, "f.yaml")["a"]["x"]
    {'value': 3, 'source': 'override: my guess (was 1 from fn 1)'}
    """
    if not overrides:
        return data
    if not isinstance(overrides, Mapping):
        raise ScenarioError(path, [f"overrides = {overrides!r}: must be a mapping of dotted keys to values"])
    out = copy.deepcopy(data)
    problems: list[str] = []
    changes: dict[tuple[str, ...], dict[str, Any]] = {}  # sourced entry -> its changed keys
    seen: set[tuple[str, ...]] = set()
    for parts, new in _flatten_overrides(out, overrides):
        dotted = ".".join(parts)
        found, target = _lookup(out, parts)
        parent_found, parent = _lookup(out, parts[:-1])
        if parent_found and _is_entry(parent) and parts[-1] in _ENTRY_KEYS:
            entry, key = parts[:-1], parts[-1]  # e.g. x.value, or x.range where x has none yet
        elif found and _is_entry(target):  # the entry itself: set its value
            entry, key = parts, "value"
        elif found and isinstance(parent, dict):  # a plain key (e.g. border.dyads)
            entry, key = (), ""
        else:
            problems.append(f"overrides.{dotted}: no such key in the scenario{_did_you_mean(out, parts)}")
            continue
        where = entry + (key,) if entry else parts
        if where in seen:
            problems.append(f"overrides.{dotted}: given twice (e.g. in the dotted and in the nested form)")
            continue
        seen.add(where)
        if entry:
            changes.setdefault(entry, {})[key] = new
        else:
            parent[parts[-1]] = new
    for entry_path, new_keys in changes.items():
        _, parent = _lookup(out, entry_path[:-1])
        old = parent[entry_path[-1]]
        given = new_keys.get("source")
        was = f"was {old['value']!r} from {old['source']}"
        updated = {**old, **new_keys}
        source = f"override: {given} ({was})" if given is not None else f"override ({was})"
        if "source" in new_keys and not isinstance(given, str):
            pass  # left as given: the schema says what a source must be
        elif "range" in new_keys:  # a range given with the override: the schema checks the value is in it
            updated["source"] = source
        else:  # beyond the file's range, the range is dropped (a what-if), and the source says so
            before = {**old, **{k: v for k, v in new_keys.items() if k != "value"}}  # the old value kept
            updated = with_value(before, updated["value"], source)
        parent[entry_path[-1]] = updated
    if problems:
        raise ScenarioError(path, problems)
    return out


def load_scenario(path: str | Path, overrides: Mapping[str, Any] | None = None) -> Scenario:
    """Load and validate ``params/<name>.yaml``; the file's stem must equal ``meta.name``.

    Raises :class:`ScenarioError` (a ``ValueError``) naming the file, key path, value and rule.
    """
    p = resolve_path(path)
    return scenario_from_data(read_yaml(p), p, overrides)


def scenario_from_data(data: dict[str, Any], path: str | Path,
                       overrides: Mapping[str, Any] | None = None) -> Scenario:
    """What :func:`load_scenario` does once the file ``path`` is read into ``data`` (by :func:`read_yaml`):
    overrides applied, validated, ``meta.name`` checked against the file name. For callers that re-solve one
    file under many overrides (the explorer) without parsing it again; ``data`` is not changed."""
    p = Path(path)
    data = apply_overrides(data, overrides, p)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as e:
        raise ScenarioError(p, [describe_error(err, data) for err in e.errors()]) from None
    if scenario.meta.name != p.stem:
        raise ScenarioError(
            p, [f"meta.name = {scenario.meta.name!r}: must equal the file name without .yaml ({p.stem!r})"]
        )
    return scenario


def find_scenarios(folder: str | Path | None = None) -> list[Path]:
    """The scenario files in ``folder`` (default: the project's ``params/``), sorted by name.

    Raises :class:`~sco_games.project.ProjectRootError` when no folder is given and there is no project."""
    d = Path(folder) if folder is not None else find_project_root() / "params"
    return sorted(d.glob("*.yaml"))
