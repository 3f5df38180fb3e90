"""What a lesson is made of: a three-sentence summary, glossary terms, questions with answers, "try it
yourself" instructions (each a scenario override whose effect the library computed by re-running the model),
and links to the same notebook for the other scenarios and to the other notebooks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sco_games.lessons.glossary import Term

__all__ = ["Lesson", "Link", "Question", "TryIt", "links_for", "override_text"]


@dataclass(frozen=True)
class Question:
    """A question for students and its answer (computed from the scenario's results where it is a number)."""

    question: str
    answer: str


@dataclass(frozen=True)
class TryIt:
    """An instruction that changes the result: run ``notebook`` with ``overrides``; ``what`` changes from
    ``before`` to ``after`` (both computed by the model, the second with the overrides applied).

    A notebook over every scenario (06, 90: no ``overrides`` parameter) is changed through the scenarios it
    reads instead: ``scenario_paths`` (the files, relative to the project folder) and ``scenario`` empty.
    """

    overrides: Mapping[str, Any]
    notebook: str
    scenario: str
    what: str
    before: str
    after: str
    scenario_paths: tuple[str, ...] | None = None

    @property
    def instruction(self) -> str:
        """The instruction in plain words (two ways: JupyterLab or the papermill command)."""
        if self.scenario_paths is not None:
            paths = repr(list(self.scenario_paths))
            return (
                f"Open notebooks/{self.notebook}.ipynb, set scenario_paths = {paths} in its parameters cell "
                f"(the first code cell) and run all cells; or run: papermill notebooks/{self.notebook}.ipynb "
                f'out.ipynb -y "scenario_paths: {paths}"'
            )
        return (
            f"Open notebooks/{self.notebook}.ipynb, set overrides = {override_text(self.overrides)} in its "
            f"parameters cell (the first code cell) and run all cells; or run: papermill "
            f"notebooks/{self.notebook}.ipynb out.ipynb -p scenario_path params/{self.scenario}.yaml "
            f'-y "overrides: {override_text(self.overrides)}"'
        )


def override_text(overrides: Mapping[str, Any]) -> str:
    """Overrides as a Python/YAML mapping literal.

    >>> override_text({"border.disagreement": "war", "a.b": [0.0, 1]})
    "{'border.disagreement': 'war', 'a.b': [0.0, 1]}"
    """
    return "{" + ", ".join(f"{k!r}: {v!r}" for k, v in overrides.items()) + "}"


@dataclass(frozen=True)
class Link:
    """A relative link from a report to another (``href`` relative to the report's folder)."""

    label: str
    href: str


@dataclass(frozen=True)
class Lesson:
    """The lesson layer of one report: ``summary`` (three sentences), ``terms`` (glossary entries),
    ``questions``, ``try_it``, and links to the same notebook for the other scenarios (``scenario_links``)
    and to the other notebooks of this scenario (``notebook_links``). A report over every scenario has
    ``scenario`` ``"the scenarios of this run"``."""

    model: str
    notebook: str
    scenario: str
    summary: tuple[str, str, str]
    terms: tuple[Term, ...]
    questions: tuple[Question, ...]
    try_it: tuple[TryIt, ...]
    scenario_links: tuple[Link, ...] = field(default=())
    notebook_links: tuple[Link, ...] = field(default=())
    #: what the first links are (a notebook over every scenario links to each scenario's reports)
    scenario_links_text: str = "This notebook for the other scenarios"


def _notebook_facts(path: Path) -> tuple[bool, tuple[str, ...], bool]:
    """``(is a report, the sections it requires, takes every scenario)`` of a notebook, read as the runner
    reads them: metadata ``sco_games: {report: false}`` (e.g. explore.ipynb), ``sco_games: {requires:
    [...]}``, and a ``parameters`` cell that assigns ``scenario_paths`` (a notebook over every scenario,
    reported in ``reports/_all/``)."""
    import json

    try:
        nb = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return False, (), False
    meta = (nb.get("metadata") or {}).get("sco_games") or {}
    across = any(
        "parameters" in (c.get("metadata") or {}).get("tags", [])
        and "scenario_paths" in "".join(c.get("source") or "")
        for c in nb.get("cells", [])
    )
    return meta.get("report", True) is not False, tuple(meta.get("requires") or ()), across


def links_for(
    notebook: str, scenario: str | None, root: str | Path | None = None
) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    """Links from ``reports/<scenario>/<notebook>.html`` to the same notebook of every other scenario that
    codes what the notebook needs (``../<other>/<notebook>.html``) and to the other report notebooks
    (``<nb>.html``; a notebook over every scenario lives in ``../_all/``), from the project's
    ``params/*.yaml`` and ``notebooks/*.ipynb`` (explore.ipynb and other non-report
    notebooks are left out).

    A notebook over every scenario (``reports/_all/<notebook>.html``; ``scenario`` is ignored) has no
    "same notebook for another scenario": its first links go to each scenario's reports (its overview,
    ``../<s>/01_overview.html``, which links on to the rest), its second to the other notebooks over every
    scenario (``<nb>.html``) and to the index of all reports (``../index.html``)."""
    from sco_games.project import ProjectRootError, find_project_root
    from sco_games.scenario import ScenarioError, find_scenarios, read_yaml

    try:
        base = find_project_root(root)
    except ProjectRootError:  # no project folder (e.g. an installed package in a bare kernel): no links
        return (), ()
    facts = {p.stem: _notebook_facts(p) for p in sorted((base / "notebooks").glob("*.ipynb"))}
    _, requires, here_across = facts.get(notebook, (True, (), False))
    if here_across:
        front = next((s for s, (rep, req, acr) in facts.items() if rep and not req and not acr), None)
        scen = () if front is None else tuple(
            Link(p.stem, f"../{p.stem}/{front}.html") for p in find_scenarios(base / "params"))
        nbs = [Link(stem, f"{stem}.html") for stem, (is_report, _, across) in facts.items()
               if stem != notebook and is_report and across]
        return scen, (*nbs, Link("index of all reports", "../index.html"))

    def codes(path: Path, sections: tuple[str, ...]) -> bool:
        try:
            data = read_yaml(path)
        except ScenarioError:
            return False
        return all(isinstance(data, dict) and data.get(sec) is not None for sec in sections)

    others = tuple(
        Link(p.stem, f"../{p.stem}/{notebook}.html")
        for p in find_scenarios(base / "params")
        if p.stem != scenario and codes(p, requires)
    )
    own = base / "params" / f"{scenario}.yaml"
    nbs = [  # the other notebooks this scenario has a report of (a dated scenario codes no partnership)
        Link(stem, f"../_all/{stem}.html" if across else f"{stem}.html")
        for stem, (is_report, needs, across) in facts.items()
        if stem != notebook and is_report and (across or not own.is_file() or codes(own, needs))
    ]
    return others, tuple(nbs)
