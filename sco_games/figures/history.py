"""The figures of the history notebook (06): the record as a timeline of statuses, and the predictions against
the record as a grid.

Takes plain data (so it does not import ``sco_games.history``, a layer above the figures): the timeline takes
``(state, status, date)`` triples; the grid takes ``(scenario, candidate, predicted, observed)`` rows.

>>> import datetime as dt
>>> changes = [("India", "observer", dt.date(2005, 7, 5)), ("India", "member", dt.date(2017, 6, 9))]
>>> fig = record_timeline_figure(changes, marks=[("astana_2017", dt.date(2017, 6, 8))])
>>> [(t.name, len(t.x)) for t in fig.data]
[('dialogue partner', 0), ('observer', 1), ('member', 1)]
>>> prediction_grid_figure([("s", "India", "member", "member"), ("s", "Iran", "none", "observer")]).data[0].z
([1], [0])
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

import plotly.graph_objects as go

from sco_games.markup import plotly_text as _t

__all__ = ["prediction_grid_figure", "record_timeline_figure"]

_COLOURS = {"dialogue_partner": "#9ecae1", "observer": "#4292c6", "member": "#08519c"}
_SYMBOLS = {"dialogue_partner": "circle-open", "observer": "circle", "member": "diamond"}


def record_timeline_figure(changes: Sequence[tuple[str, str, _dt.date]],
                           marks: Sequence[tuple[str, _dt.date]] = (),
                           title: str = "The SCO's record: who took which status, when") -> go.Figure:
    """One row per state, a marker per status change (``(state, status, date)``), and a dotted vertical line
    at each of ``marks`` (``(label, date)``: the dated scenarios)."""
    states = list(dict.fromkeys(s for s, _, _ in changes))
    fig = go.Figure()
    for status in ("dialogue_partner", "observer", "member"):
        rows = [(s, d) for s, st, d in changes if st == status]
        fig.add_trace(go.Scatter(
            x=[d.isoformat() for _, d in rows], y=[_t(s) for s, _ in rows], mode="markers",
            name=status.replace("_", " "),
            marker=dict(size=12, color=_COLOURS[status], symbol=_SYMBOLS[status]),
            hovertemplate="%{y}: " + status.replace("_", " ") + " from %{x}<extra></extra>"))
    for label, d in marks:
        fig.add_vline(x=d.isoformat(), line=dict(color="#999", dash="dot", width=1))
        fig.add_annotation(x=d.isoformat(), y=1.02, yref="paper", text=_t(label), showarrow=False,
                           textangle=-30, font=dict(size=10), xanchor="left")
    fig.update_layout(title=_t(title), height=160 + 32 * len(states), margin=dict(t=110),
                      yaxis=dict(categoryorder="array", categoryarray=[_t(s) for s in reversed(states)]),
                      xaxis=dict(title="date"))
    return fig


def prediction_grid_figure(rows: Sequence[tuple[str, str, str, str]],
                           title: str = "The model's prediction against the record") -> go.Figure:
    """Candidates (rows) x scenarios (columns): green where the predicted status is the observed one, red
    where not, grey where the candidate is not in that scenario; each cell reads "predicted / observed"."""
    scen = list(dict.fromkeys(r[0] for r in rows))
    cands = list(dict.fromkeys(r[1] for r in rows))
    cell = {(r[0], r[1]): r for r in rows}
    z, text = [], []
    for c in cands:
        zr, tr = [], []
        for s in scen:
            r = cell.get((s, c))
            zr.append(None if r is None else int(r[2] == r[3]))
            tr.append("" if r is None else _t(f"{r[2]} / {r[3]}".replace("_", " ")))
        z.append(zr)
        text.append(tr)
    fig = go.Figure(go.Heatmap(z=z, x=[_t(s) for s in scen], y=[_t(c) for c in cands], text=text,
                               texttemplate="%{text}", zmin=0, zmax=1, showscale=False,
                               colorscale=[[0, "#f4cccc"], [1, "#d9ead3"]], xgap=2, ygap=2,
                               hovertemplate="%{y} at %{x}: predicted / observed = %{text}<extra></extra>"))
    fig.update_layout(title=_t(title), yaxis=dict(autorange="reversed"), height=140 + 40 * len(cands),
                      plot_bgcolor="white")  # white: the candidate is not in that scenario
    return fig
