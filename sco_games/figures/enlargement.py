"""Figures for the enlargement notebook: the trade-off curve, the veto map, the admission grid and the
inside-vs-outside chart.

>>> from sco_games.scenario import load_scenario
>>> from sco_games.models.enlargement import EnlargementModel
>>> m = EnlargementModel(load_scenario("params/iraq_2003.yaml").enlargement)
>>> len(tradeoff_figure(m.tradeoff_curve()).data)
4
>>> len(veto_map_figure(m.veto_map()).data) >= 3
True
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from sco_games.markup import plotly_text as _t
from sco_games.models.enlargement import CandidateStatuses, OutsideOption, TradeoffStep
from sco_games.models.enlargement.params import STATUSES
from sco_games.models.enlargement.space import VetoMap

__all__ = ["admission_figure", "outside_option_figure", "tradeoff_figure", "veto_map_figure"]

_BLOCK = "#d62728"
_SUPPORT = "#1f77b4"
_WINSET = "rgba(44, 160, 44, 0.35)"


def tradeoff_figure(steps: Sequence[TradeoffStep], title: str | None = None) -> go.Figure:
    """Prestige, the chance a random proposal passes, and Coleman's ``2^-n`` against the SCO's size as
    candidates join one by one (absorbed entrants marked). ``title`` is plain text."""
    labels = [f"{s.size}: SCO" if s.added is None else f"{s.size}: +{_t(s.added)}" for s in steps]
    hover = ["" if s.absorbed is None else ("absorbed: inside the members' hull" if s.absorbed
                                              else "outside the members' hull") for s in steps]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=labels, y=[s.prestige for s in steps], mode="lines+markers",
                             name="prestige P (concave in capability)", hovertext=hover))
    fig.add_trace(go.Scatter(x=labels, y=[s.pass_probability for s in steps], mode="lines+markers",
                             name="effectiveness: Pr[random proposal passes]", hovertext=hover,
                             marker=dict(size=10, symbol=["diamond-open" if s.absorbed else "circle"
                                                                  for s in steps])))
    fig.add_trace(go.Scatter(x=labels, y=[s.coleman for s in steps], mode="lines+markers",
                             name="Coleman's power to act, 2^-n", line=dict(dash="dot")))
    fig.add_trace(go.Scatter(x=labels, y=[s.pass_probability_giants for s in steps], mode="lines+markers",
                             name="effectiveness if China and Russia dominate (veto + majority of the rest)",
                             line=dict(dash="dash")))
    fig.update_layout(title=_t(title or "Enlargement: prestige against effectiveness under consensus"),
                      xaxis_title="members (candidates join in order)", yaxis_title="value (0..1)",
                      yaxis_range=[-0.02, 1.02], legend=dict(orientation="h", y=-0.25), height=430)
    return fig


def veto_map_figure(vm: VetoMap, title: str | None = None) -> go.Figure:
    """Ideal points (blockers red), indifference circles through the status quo, the status quo, the
    statement, and the proposals that pass under consensus (green: the winset). The statement's label
    and ``title`` are plain text."""
    fig = go.Figure()
    for m in vm.members:
        (x, y), r = vm.ideal[m], vm.radius[m]
        colour = _BLOCK if m in vm.blockers else _SUPPORT
        fig.add_shape(type="circle", x0=x - r, y0=y - r, x1=x + r, y1=y + r,
                      line=dict(color=colour, width=1, dash="dot" if m not in vm.blockers else "solid"))
    if len(vm.winset_points):
        fig.add_trace(go.Scatter(x=vm.winset_points[:, 0], y=vm.winset_points[:, 1], mode="markers",
                                 marker=dict(size=3, color=_WINSET), name="proposals that pass (winset)",
                                 hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=[vm.ideal[m][0] for m in vm.members], y=[vm.ideal[m][1] for m in vm.members],
        mode="markers+text", text=[_t(m) for m in vm.members], textposition="top center", name="ideal points",
        marker=dict(size=11, color=[_BLOCK if m in vm.blockers else _SUPPORT for m in vm.members]),
        hovertext=[("blocks" if m in vm.blockers else "supports") for m in vm.members]))
    fig.add_trace(go.Scatter(x=[vm.status_quo[0]], y=[vm.status_quo[1]], mode="markers+text",
                             text=["status quo"], textposition="bottom center", name="status quo",
                             marker=dict(symbol="x", size=13, color="black")))
    fig.add_trace(go.Scatter(x=[vm.statement[0]], y=[vm.statement[1]], mode="markers+text",
                             text=["statement"], textposition="bottom center", name=_t(vm.label),
                             marker=dict(symbol="star", size=16, color="#ff7f0e")))
    fig.update_layout(
        title=_t(title) if title else f"Veto map: '{_t(vm.label)}'<br><sup>red = blocks; each circle passes "
                                      "through the status quo; green = proposals every member accepts</sup>",
        xaxis=dict(title="stance toward the US (-1 against, +1 welcomes)", range=[-1.6, 1.6],
                   zeroline=False),
        yaxis=dict(title="depth of SCO security cooperation (-1 loose, +1 deep)", range=[-1.6, 1.6],
                   scaleanchor="x", scaleratio=1, zeroline=False),
        height=620, legend=dict(orientation="h", y=-0.15))
    fig.add_shape(type="rect", x0=-1, y0=-1, x1=1, y1=1, line=dict(color="grey", width=1))
    return fig


def _wrap(names: Sequence[str], per_line: int = 3) -> str:
    return "<br>".join(_t(", ".join(names[i:i + per_line])) for i in range(0, len(names), per_line))


def admission_figure(rows: Sequence[CandidateStatuses], title: str | None = None) -> go.Figure:
    """A grid: candidates (and package deals) by status; green = adopted, red = blocked, with the
    blockers (or the unwilling candidate) in the cell. ``title`` is plain text."""
    names = [_t(" + ".join(r.candidates)) for r in rows]
    z, text = [], []
    for r in rows:
        zr, tr = [], []
        for st in STATUSES:
            d = r.decisions.get(st)
            if d is None:  # at or below the status the candidate already holds: not tried
                zr.append(0.5)
                tr.append("held" if st == getattr(r, "held", None) else "-")
                continue
            zr.append(1.0 if d.admitted else 0.0)
            if d.admitted:
                why = "adopted"
            elif d.blockers:
                who = "all members" if len(d.blockers) == len(d.voters) else _wrap(d.blockers)
                why = "blocked by<br>" + who
            else:
                why = "unwilling:<br>" + _wrap(d.unwilling)
            tr.append(why)
        z.append(zr)
        text.append(tr)
    fig = go.Figure(go.Heatmap(
        z=z, x=[s.replace("_", " ") for s in STATUSES], y=names, text=text, texttemplate="%{text}",
        textfont=dict(size=12),
        colorscale=[[0, "#f4cccc"], [0.5, "#eeeeee"], [1, "#d9ead3"]], zmin=0, zmax=1, showscale=False,
        hovertemplate="%{y} as %{x}: %{text}<extra></extra>"))
    fig.update_layout(title=_t(title or "Admission under consensus: who gets which status"),
                      yaxis=dict(autorange="reversed"), height=140 + 80 * len(rows))
    return fig


def outside_option_figure(rows: Sequence[tuple[str, OutsideOption]], title: str | None = None) -> go.Figure:
    """Inside payoff against the availability-weighted US option, for (label, option) pairs (e.g. one
    member across scenarios, or every member of one scenario). Labels and ``title`` are plain text."""
    labels = [_t(lab) for lab, _ in rows]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=labels, y=[o.inside for _, o in rows], name="payoff inside the SCO",
                         marker_color=_SUPPORT))
    fig.add_trace(go.Bar(x=labels, y=[o.outside for _, o in rows], name="US option (availability x club)",
                         marker_color=_BLOCK))
    fig.update_layout(barmode="group", title=_t(title or "Inside the SCO or with the US?"),
                      yaxis_title="payoff", height=400, legend=dict(orientation="h", y=-0.2))
    return fig
