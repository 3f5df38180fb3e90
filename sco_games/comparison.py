"""COMPARISON: every model's report for every scenario, in date order, and what changes between consecutive
scenarios ("what 9/11 and Iraq change"). What notebook ``90_comparison`` shows.

A layer of its own above ``scenario``: the one module that imports every model package (the models may not
import each other), and it imports no figure, display or batch module. It reads only each model's stable
surface: its ``report(...)`` result, that report's headline, its ``.claims``
(:class:`~sco_games.models.common.Claim`) and its ``.record`` (:class:`~sco_games.models.common.RecordCheck`;
an empty list where a model has none yet).

>>> from sco_games.models.common import Claim
>>> def row(name, verdict):
...     claim = Claim("X1", "c", verdict, "", "")
...     return ScenarioSummary(name, name, "2001", {"m": ModelSummary("m", "h", (claim,))})
>>> a, b = row("a", "partly"), row("b", "reproduced")
>>> [(c.claim_id, c.before, c.after) for c in changes([a, b])[0].verdicts]
[('X1', 'partly', 'reproduced')]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sco_games.models import border, enlargement
from sco_games.models import partnership as pm
from sco_games.models.common import Claim, RecordCheck
from sco_games.scenario import Scenario, find_scenarios, load_scenario

__all__ = ["MISSING", "MODELS", "NOT_CODED", "Change", "ModelSummary", "ScenarioSummary", "VerdictChange",
           "changes", "compare", "summarize", "verdict_table"]

#: The models compared, in the order of their notebooks (02, 03, 04).
MODELS = ("partnership", "border", "enlargement")
#: Shown in a cell whose scenario the model does not assess the claim in.
MISSING = "not assessed"
#: Shown in a cell whose scenario has no section for the claim's model (see ``Scenario.sections``).
NOT_CODED = "not coded for this date"
_UNASSESSED = (NOT_CODED, MISSING)


@dataclass(frozen=True)
class ModelSummary:
    """One model's report on one scenario: its headline, claims and record checks."""

    model: str
    headline: str
    claims: tuple[Claim, ...] = ()
    record: tuple[RecordCheck, ...] = ()

    @property
    def verdicts(self) -> dict[str, str]:
        return {c.id: c.verdict for c in self.claims}

    @property
    def contradicted(self) -> tuple[RecordCheck, ...]:
        """The record checks the historical record contradicts (``agrees is False``)."""
        return tuple(r for r in self.record if r.agrees is False)


@dataclass(frozen=True)
class ScenarioSummary:
    """Every model's summary for one scenario (``date`` in ISO form, so that it sorts)."""

    name: str
    title: str
    date: str
    models: Mapping[str, ModelSummary]


@dataclass(frozen=True)
class VerdictChange:
    claim_id: str
    model: str
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    """What changes from scenario ``before`` to the next one, ``after``: the verdicts that move, the models
    whose headline moves, and the record checks whose flag moves (``(id, flag before, flag after)``)."""

    before: str
    after: str
    verdicts: tuple[VerdictChange, ...]
    headlines: tuple[str, ...]
    record: tuple[tuple[str, str, str], ...] = field(default=())

    @property
    def nothing(self) -> bool:
        return not (self.verdicts or self.headlines or self.record)

    def sentence(self) -> str:
        """One plain sentence for the notebook."""
        if self.nothing:
            return f"From {self.before} to {self.after} no verdict, headline or record flag changes."
        parts = []
        if self.verdicts:
            parts.append("verdicts move: " + "; ".join(f"{v.claim_id} ({v.model}) {v.before} -> {v.after}"
                                                      for v in self.verdicts))
        if self.headlines:
            parts.append("the headline changes for " + ", ".join(self.headlines))
        if self.record:
            parts.append("record flags move: " + "; ".join(f"{i} {a} -> {b}" for i, a, b in self.record))
        return f"From {self.before} to {self.after}: " + "; ".join(parts) + "."


def _part(rep: Any, *names: str) -> tuple:
    """The first of ``names`` that ``rep`` has, as a tuple: an attribute, or a method called with no
    arguments (the border report computes its claims and record checks on demand); ``()`` if none."""
    for name in names:
        value = getattr(rep, name, None)
        if value is None:
            continue
        return tuple((value() if callable(value) else value) or ())
    return ()


def _summary(model: str, rep: Any, headline: str) -> ModelSummary:
    return ModelSummary(model, headline, _part(rep, "claims"), _part(rep, "record", "record_checks"))


def _partnership(s: Scenario, every: Sequence[Scenario]) -> ModelSummary:
    """Its claims compare the reference scenarios: those not among ``every`` are read from the project's
    ``params/`` (as notebook 02 does)."""
    refs = {x.name: x.partnership for x in every
            if x.name in pm.REFERENCE_SCENARIOS and x.partnership is not None}
    if set(pm.REFERENCE_SCENARIOS) - set(refs):
        refs.update({p.stem: load_scenario(p).partnership for p in find_scenarios()
                     if p.stem in pm.REFERENCE_SCENARIOS and p.stem not in refs})
    rep = pm.report(s.partnership, s.name, refs, s.meta.date)  # P3: the UN votes known at the date
    return _summary("partnership", rep, rep.headline())


def _border(s: Scenario, every: Sequence[Scenario]) -> ModelSummary:
    rep = border.report(s.border, s.meta.date)
    return _summary("border", rep, rep.headline())


def _enlargement(s: Scenario, every: Sequence[Scenario]) -> ModelSummary:
    rep = enlargement.report(enlargement.EnlargementModel(s.enlargement),
                             {x.name: x.enlargement for x in every if x.enlargement is not None},
                             date=s.meta.date)
    return _summary("enlargement", rep, rep.headline(s.name))


#: model -> how to get its summary for a scenario (given every scenario, in date order, for the models that
#: compare the scenario with the others).
REPORTS: dict[str, Callable[[Scenario, Sequence[Scenario]], ModelSummary]] = {
    "partnership": _partnership, "border": _border, "enlargement": _enlargement}


def summarize(scenarios: Sequence[Scenario]) -> list[ScenarioSummary]:
    """Every model's report for every scenario, in date order (then name)."""
    every = sorted(scenarios, key=lambda s: (s.meta.date, s.name))
    return [ScenarioSummary(s.name, s.meta.title, s.meta.date.isoformat(),
                            {m: REPORTS[m](s, every) for m in MODELS if getattr(s, m) is not None})
            for s in every]


def verdict_table(rows: Sequence[ScenarioSummary]) -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    """``(claims, cells)``: the claims as ``(id, model)`` in order of first appearance, and
    ``cells[claim id][scenario name]`` = the verdict (:data:`MISSING` where the scenario's report has no
    such claim, :data:`NOT_CODED` where the scenario has no section for the claim's model)."""
    claims: dict[str, str] = {}
    for row in rows:
        for m, ms in row.models.items():
            for c in ms.claims:
                claims.setdefault(c.id, m)
    cells = {cid: {row.name: row.models[m].verdicts.get(cid, MISSING) if m in row.models else NOT_CODED
                   for row in rows} for cid, m in claims.items()}
    return list(claims.items()), cells


def _flags(row: ScenarioSummary) -> dict[str, str]:
    return {r.id: r.flag for ms in row.models.values() for r in ms.record}


def changes(rows: Sequence[ScenarioSummary]) -> list[Change]:
    """What changes between each pair of consecutive scenarios (``rows`` in date order)."""
    claims, cells = verdict_table(rows)
    out = []
    for a, b in zip(rows, rows[1:], strict=False):
        verdicts = tuple(VerdictChange(cid, m, cells[cid][a.name], cells[cid][b.name]) for cid, m in claims
                         if cells[cid][a.name] != cells[cid][b.name])
        heads = tuple(m for m in MODELS if m in a.models and m in b.models
                      and a.models[m].headline != b.models[m].headline)
        fa, fb = _flags(a), _flags(b)
        record = tuple((i, fa.get(i, "not checked"), fb.get(i, "not checked"))
                       for i in sorted(fa.keys() | fb.keys()) if fa.get(i) != fb.get(i))
        out.append(Change(a.name, b.name, verdicts, heads, record))
    return out


@dataclass(frozen=True)
class Comparison:
    """Everything notebook 90 shows, with its sidecar."""

    rows: tuple[ScenarioSummary, ...]
    claims: tuple[tuple[str, str], ...]
    cells: Mapping[str, Mapping[str, str]]
    changes: tuple[Change, ...]

    @property
    def moved(self) -> int:
        """The verdict changes between consecutive scenarios that both assess the claim (the headline);
        a move to or from a scenario that does not code or assess the claim is not one."""
        return sum(v.before not in _UNASSESSED and v.after not in _UNASSESSED
                   for c in self.changes for v in c.verdicts)

    def headline(self) -> str:
        """How many verdicts move (:attr:`moved`); the moves to or from "not coded" are counted apart."""
        gone = sum(len(c.verdicts) for c in self.changes) - self.moved
        names = [r.name for r in self.rows]
        text = (f"{len(self.claims)} claims over {len(names)} scenarios ({', '.join(names)}): "
                f"{self.moved} verdict change(s) between consecutive scenarios that both assess the claim")
        return text + (f" (and {gone} where one of the two does not code or assess it)" if gone else "")

    def sidecar(self) -> dict[str, Any]:
        """``headline``, ``key_results``, the cells, and ``record``: every scenario's record checks (with the
        scenario in the id) so that the index flags a contradiction here too."""
        return {
            "headline": self.headline(),
            "key_results": {"scenarios": len(self.rows), "claims": len(self.claims),
                            **{f"verdict changes {c.before} -> {c.after}": len(c.verdicts)
                               for c in self.changes}},
            "verdicts": {cid: dict(v) for cid, v in self.cells.items()},
            "record": [{"id": f"{row.name}/{r.id}", "question": r.question, "predicted": r.predicted,
                        "observed": r.observed, "agrees": r.agrees, "source": r.source}
                       for row in self.rows for ms in row.models.values() for r in ms.record],
        }


def compare(scenarios: Sequence[Scenario] | None = None,
            rows: Sequence[ScenarioSummary] | None = None) -> Comparison:
    """The comparison of ``scenarios`` (or of already summarized ``rows``, e.g. constructed in a test)."""
    rows = list(rows) if rows is not None else summarize(scenarios or [])
    claims, cells = verdict_table(rows)
    return Comparison(tuple(rows), tuple(claims), cells, tuple(changes(rows)))
