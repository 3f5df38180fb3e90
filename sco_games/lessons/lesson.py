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
    ``before`` to ``after`` (both computed by the model, the second with the overrides applied)."""

    overrides: Mapping[str, Any]
    notebook: str
    scenario: str
    what: str
    before: str
    after: str

    @property
    def instruction(self) -> str:
        """The instruction in plain words (two ways: JupyterLab or the papermill command)."""
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
    and to the other notebooks of this scenario (``notebook_links``)."""

    model: str
    notebook: str
    scenario: str
    summary: tuple[str, str, str]
    terms: tuple[Term, ...]
    questions: tuple[Question, ...]
    try_it: tuple[TryIt, ...]
    scenario_links: tuple[Link, ...] = field(default=())
    notebook_links: tuple[Link, ...] = field(default=())


def links_for(
    notebook: str, scenario: str, root: str | Path | None = None
) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    """Links from ``reports/<scenario>/<notebook>.html`` to the same notebook of every other scenario
    (``../<other>/<notebook>.html``) and to the other per-scenario notebooks (``<nb>.html``), from the
    project's ``params/*.yaml`` and ``notebooks/*.ipynb`` (notebooks numbered 90 and above take every
    scenario and live in ``../_all/``)."""
    from sco_games.project import ProjectRootError, find_project_root
    from sco_games.scenario import find_scenarios

    try:
        base = find_project_root(root)
    except ProjectRootError:  # no project folder (e.g. an installed package in a bare kernel): no links
        return (), ()
    others = tuple(
        Link(p.stem, f"../{p.stem}/{notebook}.html")
        for p in find_scenarios(base / "params")
        if p.stem != scenario
    )
    nbs = []
    for p in sorted((base / "notebooks").glob("*.ipynb")):
        if p.stem == notebook:
            continue
        across = p.stem[:2].isdigit() and int(p.stem[:2]) >= 90
        nbs.append(Link(p.stem, f"../_all/{p.stem}.html" if across else f"{p.stem}.html"))
    return others, tuple(nbs)
