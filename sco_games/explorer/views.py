"""What the explorer shows for one model: its figures and a short summary, recomputed from a scenario on
every slider move (issue 14). Plain functions of a :class:`~sco_games.scenario.Scenario` (no widget), so a
test compares them with the model's own functions on ``load_scenario(path, overrides)``.

Each view uses only the model's fast parts (measured per update in ``benchmarks/bench_explorer.py``):

* partnership: the stage game solved (:func:`~sco_games.models.partnership.analyze`, verified equilibria)
  and the region map over the two US stakes on every other point of the notebook's grid (41 x 41, solved
  at once by ``solve_batch``), the scenario's point marked;
* border: the focus dyad's predicted China's share under every solution at ``L = 0`` and at the prior
  ``L``, beside the observed readings, and the shares over ``L`` in ``[0, 3]`` (21 points);
* enlargement: the veto map of the statement (ideal points, circles, winset sample) and its vote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sco_games import figures
from sco_games.markup import html_text
from sco_games.models import border as bm
from sco_games.models import partnership as pm
from sco_games.models.enlargement import EnlargementModel
from sco_games.scenario import Scenario

__all__ = ["View", "VIEWS", "STAKE_GRID", "LINKAGE_GRID", "partnership_view", "border_view",
           "enlargement_view"]

#: The region map's grid: every other point of the notebook's (``partnership.US_STAKE_GRID``).
STAKE_GRID = pm.US_STAKE_GRID[::2]
#: The linkage values of the border's curve (the prior's declared range is [0, 3]).
LINKAGE_GRID = np.linspace(0.0, 3.0, 21)


@dataclass(frozen=True)
class View:
    """One model's figures (plotly ``Figure`` objects, in a fixed order and number for the model) and a
    summary (HTML; scenario text in it is escaped)."""

    figures: tuple
    summary: str


def _tag(s: Scenario, n_overrides: int) -> str:
    return f"{s.name}" + (f" + {n_overrides} override{'s' * (n_overrides != 1)}" if n_overrides else "")


def partnership_view(s: Scenario, n_overrides: int = 0) -> View:
    """The stage game's equilibria and the US-stake region map (the values with the scenario's events)."""
    p = s.partnership
    stage = pm.analyze(p)
    v = pm.values_of(p)
    m = pm.equilibrium_regions(p, "us_stake_russia", STAKE_GRID, "us_stake_china", STAKE_GRID)
    fig = figures.partnership.region_figure(
        m, marker=(v["us_stake_russia"], v["us_stake_china"]), marker_label=s.name,
        title=f"{_tag(s, n_overrides)}: {stage.label}")
    rows = "".join(f"<li>{html_text(d)}: payoffs ({eq.payoffs[0]:.3g}, {eq.payoffs[1]:.3g}), regret "
                   f"{eq.regret:.1e}</li>"
                   for d, eq in zip(stage.descriptions, stage.equilibria, strict=True))
    events = (f" The scenario's {len(p.events)} event(s) are added to the values set here."
              if p.events else "")
    summary = (f"<b>Equilibrium: {html_text(stage.label)}</b> (degenerate game: {stage.degenerate}; "
               f"{html_text(stage.method)}).<ul>{rows}</ul>US stakes with the events: Russia "
               f"{v['us_stake_russia']:.3g}, China {v['us_stake_china']:.3g}.{events}")
    return View((fig,), summary)


def border_view(s: Scenario, n_overrides: int = 0) -> View:
    """The focus dyad: shares by solution at L = 0 and at the prior L, and the shares over L."""
    p = s.border
    focus = p.focus_dyad
    facts = bm.settlements()[focus]
    g = bm.dyad_game(p, focus)
    main = facts.reading()
    prior = float(p.linkage_prior.value)
    p0, p1 = bm.predict(g, main.disputed_km2), bm.predict(g.replace(linkage=prior), main.disputed_km2)
    splits = figures.border.splits_figure(
        [("power only, L = 0", p0), (f"prior L = {prior:.3g}", p1)], facts.readings,
        title=f"{_tag(s, n_overrides)}: China's share of the {focus} area")
    curve = figures.border.linkage_figure(bm.linkage_curve(g, LINKAGE_GRID), facts.readings,
                                          label=f"{_tag(s, n_overrides)}, {p.disagreement.value}")

    def pct(x: float | None) -> str:
        return "no deal" if x is None else f"{100 * x:.1f}%"

    cells = ", ".join(f"{html_text(k)} {pct(p1.share(k))}"
                      for k in ("nash", "kalai-smorodinsky", "rubinstein"))
    summary = (f"<b>China-{html_text(focus)}</b>, disagreement point "
               f"<i>{html_text(p.disagreement.value)}</i>, "
               f"p (China wins) = {g.win_probability:.4f}. At the prior L = {prior:.3g}: {cells}. Observed "
               f"({html_text(main.label)}): {100 * main.observed_share:.1f}%.")
    return View((splits, curve), summary)


def enlargement_view(s: Scenario, n_overrides: int = 0) -> View:
    """The statement's veto map and vote under consensus."""
    model = EnlargementModel(s.enlargement)
    vm = model.veto_map()
    vote = model.statement_vote()
    fig = figures.enlargement.veto_map_figure(
        vm, title=f"{_tag(s, n_overrides)}: the statement {'passes' if vote.passes else 'is blocked'}")
    blockers = ", ".join(vote.blockers) or "nobody"
    summary = (f"<b>'{html_text(vm.label)}' {'passes' if vote.passes else 'is blocked'}</b> (blocked by: "
               f"{html_text(blockers)}). Share of random proposals that pass (the winset): "
               f"{vm.pass_probability:.4f}.")
    return View((fig,), summary)


#: section -> its view
VIEWS: dict[str, Callable[[Scenario, int], View]] = {
    "partnership": partnership_view, "border": border_view, "enlargement": enlargement_view,
}
