"""Which pairs a batch run has: the report notebooks of a folder (:func:`find_notebooks`,
:func:`is_report`), what a notebook takes (:func:`takes_all_scenarios`, :func:`notebook_requires`), and
:func:`plan_pairs`, which validates every scenario and name before anything is written. Re-exported by
:mod:`sco_games.batch.runner`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from sco_games.batch.runner_types import ALL_SCENARIOS, Pair, ScenarioErrors, UsageError
from sco_games.project import find_project_root
from sco_games.scenario import NAME_PATTERN, SECTIONS, ScenarioError, load_scenario


def find_notebooks(folder: str | Path | None = None) -> list[Path]:
    """The report notebooks in ``folder`` (default: the project's ``notebooks/``), sorted by name: every
    ``*.ipynb`` but hidden ones and those that are not reports (:func:`is_report`, e.g. explore.ipynb)."""
    d = Path(folder) if folder is not None else find_project_root() / "notebooks"
    return sorted(p for p in d.glob("*.ipynb") if not p.name.startswith(".") and is_report(p))


def is_report(notebook_path: str | Path) -> bool:
    """Whether the runner makes a report of the notebook: all do but those whose notebook metadata says
    ``"sco_games": {"report": false}`` (an interactive notebook, such as ``notebooks/explore.ipynb``, which
    needs a live kernel and widgets). A notebook that cannot be read counts as a report (it fails when run,
    and says why)."""
    try:
        meta = json.loads(Path(notebook_path).read_text(encoding="utf-8")).get("metadata", {})
        return meta.get("sco_games", {}).get("report", True) is not False
    except (OSError, ValueError, AttributeError):
        return True


def takes_all_scenarios(notebook_path: str | Path) -> bool:
    """Whether the notebook's ``parameters`` cell assigns ``scenario_paths`` (it takes every scenario at
    once). A notebook that cannot be read or parsed is a per-scenario notebook (it fails when run)."""
    import ast

    try:
        nb = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
        cells = nb.get("cells", [])
    except (OSError, ValueError, AttributeError):
        return False
    for cell in cells:
        if not isinstance(cell, dict) or "parameters" not in cell.get("metadata", {}).get("tags", []):
            continue
        src = cell.get("source", "")
        try:
            tree = ast.parse("".join(src) if isinstance(src, list) else str(src))
        except SyntaxError:
            return False
        return any(isinstance(t, ast.Name) and t.id == "scenario_paths"
                   for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.AnnAssign))
                   for t in (node.targets if isinstance(node, ast.Assign) else [node.target]))
    return False


def notebook_requires(notebook_path: str | Path) -> tuple[str, ...]:
    """The scenario sections a per-scenario notebook needs, from its metadata
    ``"sco_games": {"requires": ["border", ...]}`` (none declared: it needs none, it degrades).

    Raises :class:`UsageError` naming the notebook when the declaration is not a list of section names
    (:data:`~sco_games.scenario.SECTIONS`). An unreadable notebook requires nothing (it fails when run)."""
    try:
        meta = json.loads(Path(notebook_path).read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return ()
    decl = meta.get("sco_games", {}) if isinstance(meta, dict) else {}
    req = decl.get("requires", []) if isinstance(decl, dict) else None
    if not isinstance(req, list) or not all(isinstance(r, str) and r in SECTIONS for r in req):
        raise UsageError(f"{notebook_path}: metadata sco_games.requires = {req!r}: must be a list of "
                         f"scenario sections ({', '.join(SECTIONS)})")
    return tuple(req)


def _check_name(kind: str, name: str, where: Path) -> None:
    if not NAME_PATTERN.match(name):
        raise UsageError(
            f"{where}: {kind} name {name!r} must match [a-z0-9][a-z0-9_-]{{0,63}} "
            "(lowercase letters, digits, _ and -; it becomes a file name under reports/)"
        )


def plan_pairs(scenario_paths: Sequence[str | Path], notebook_paths: Sequence[str | Path]) -> list[Pair]:
    """Validate every scenario and notebook name, then return all pairs (scenario-major), then one pair per
    notebook that takes every scenario (:func:`takes_all_scenarios`), with all of ``scenario_paths``.

    Raises :class:`ScenarioError` listing every bad scenario (nothing has been run or written),
    or :class:`UsageError` for a missing notebook or an unsafe/duplicate name.
    """
    errors: list[ScenarioError] = []
    scenarios = []
    for sp in scenario_paths:
        p = Path(sp).absolute()
        try:
            s = load_scenario(p)
        except ScenarioError as e:
            errors.append(e)
            continue
        scenarios.append((p, s))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ScenarioErrors(errors)
    seen: dict[str, Path] = {}
    for p, s in scenarios:
        _check_name("scenario", s.name, p)
        if s.name in seen:
            raise UsageError(f"{p}: scenario name {s.name!r} is also used by {seen[s.name]}")
        seen[s.name] = p
    notebooks = []
    nb_seen: dict[str, Path] = {}
    for np_ in notebook_paths:
        p = Path(np_).absolute()
        if not p.is_file():
            raise UsageError(f"{np_}: no such notebook")
        if p.suffix != ".ipynb":
            raise UsageError(f"{np_}: not a notebook (expected a .ipynb file)")
        if not is_report(p):
            raise UsageError(f"{np_}: an interactive notebook (its metadata says sco_games.report = false), "
                             "not a report: open it in JupyterLab (make lab)")
        _check_name("notebook", p.stem, p)
        if p.stem in nb_seen:
            raise UsageError(f"{p}: notebook name {p.stem!r} is also used by {nb_seen[p.stem]}")
        nb_seen[p.stem] = p
        notebooks.append(p)
    across = [nb for nb in notebooks if takes_all_scenarios(nb)]
    requires = {nb: notebook_requires(nb) for nb in notebooks if nb not in across}
    every = tuple(sorted(p for p, _ in scenarios))
    dates = sorted(s.meta.date.isoformat() for _, s in scenarios)
    span = f"{dates[0]} to {dates[-1]}" if dates else ""
    return [
        Pair(s.name, p, s.meta.title, s.meta.date.isoformat(), nb.stem, nb, missing=s.missing(requires[nb]))
        for p, s in scenarios
        for nb in notebooks if nb not in across
    ] + [Pair(ALL_SCENARIOS, None, f"all scenarios ({len(every)})", span, nb.stem, nb, every)
         for nb in across]
