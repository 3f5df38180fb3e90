"""Figures for the overview notebook: the 1996-2003 timeline and the 2001 capabilities.

>>> from sco_games.data.timeline import TIMELINE
>>> fig = timeline_figure(TIMELINE, marked=TIMELINE[5].date, marked_label="founding_2001")
>>> len(fig.data) >= 1
True
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from sco_games.data.capabilities import Capability
from sco_games.data.timeline import Event
from sco_games.markup import plotly_text as _t

__all__ = ["timeline_figure", "capabilities_figure"]

_STORY_COLOURS = {"border": "#1f77b4", "partnership": "#d62728", "enlargement": "#2ca02c", "world": "#7f7f7f"}
_STORY_ROWS = {"border": 3, "partnership": 2, "enlargement": 1, "world": 0}
_ROLE_COLOURS = {"member": "#1f77b4", "candidate": "#ff7f0e", "outside power": "#7f7f7f"}


def timeline_figure(events: Sequence[Event], marked: _dt.date | None = None,
                    marked_label: str = "scenario") -> go.Figure:
    """Events on a date axis, one row per story (border, partnership, enlargement, world), hover for
    the event and its source; a dashed line marks the scenario's date. Every label is plain text."""
    fig = go.Figure()
    for story, row in _STORY_ROWS.items():
        evs = [e for e in events if e.story == story]
        if not evs:
            continue
        fig.add_trace(go.Scatter(
            x=[e.date.isoformat() for e in evs], y=[row] * len(evs), mode="markers", name=story,
            marker={"size": 14, "color": _STORY_COLOURS[story], "line": {"width": 1, "color": "white"}},
            text=[f"{e.date:%d %b %Y}<br>{_t(e.label)}<br><i>{_t(e.source)}</i>" for e in evs],
            hovertemplate="%{text}<extra></extra>",
        ))
    if marked is not None:
        fig.add_vline(x=marked.isoformat(), line_dash="dash", line_color="black")
        fig.add_annotation(x=marked.isoformat(), y=3.6, text=f"{_t(marked_label)} ({marked:%b %Y})",
                           showarrow=False, yanchor="bottom")
    fig.update_layout(
        title="From the Shanghai Five to the SCO, 1996-2003 (hover a dot)",
        height=360, margin={"l": 110, "r": 20, "t": 60, "b": 40}, hovermode="closest",
        yaxis={"tickvals": list(_STORY_ROWS.values()), "ticktext": list(_STORY_ROWS),
               "range": [-0.6, 4.0], "showgrid": False},
        xaxis={"title": "date", "range": ["1995-10-01", "2003-12-31"]},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def capabilities_figure(caps: Mapping[str, Capability], roles: Mapping[str, str],
                        field: str = "cinc", source: str = "") -> go.Figure:
    """One bar per state (sorted, log scale) coloured by its 2001 role (member, candidate, outside power).

    ``field`` is ``"cinc"``, ``"gdp_usd_bn"`` or ``"population_m"``; state names and ``source`` are
    plain text.
    """
    if field not in {"cinc", "gdp_usd_bn", "population_m"}:
        raise ValueError(f"field = {field!r}: must be 'cinc', 'gdp_usd_bn' or 'population_m'")
    labels = {"cinc": "CINC share of world capabilities", "gdp_usd_bn": "GDP, US$ bn",
              "population_m": "population, millions"}
    states = sorted((s for s in caps if s in roles), key=lambda s: -getattr(caps[s], field))
    fig = go.Figure()
    for role, colour in _ROLE_COLOURS.items():
        xs = [s for s in states if roles[s] == role]
        if xs:
            fig.add_trace(go.Bar(x=[_t(s) for s in xs], y=[getattr(caps[s], field) for s in xs], name=role,
                                 marker_color=colour,
                                 hovertemplate="%{x}: %{y:.4g}<extra>" + role + "</extra>"))
    fig.update_layout(
        title=f"2001 capabilities ({labels[field]}, log scale)", height=420,
        yaxis={"type": "log", "title": labels[field]},
        xaxis={"categoryorder": "array", "categoryarray": [_t(s) for s in states]},
        margin={"l": 70, "r": 20, "t": 60, "b": 60}, barmode="overlay",
    )
    if source:
        fig.add_annotation(text=f"source: {_t(source)}", xref="paper", yref="paper", x=0, y=-0.22,
                           showarrow=False, font={"size": 10}, xanchor="left")
    return fig
