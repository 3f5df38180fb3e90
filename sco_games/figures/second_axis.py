"""Figures of claim P3 (the "second axis", paper §2-1, fn 26) against UN General Assembly votes, for the
partnership notebook (02, the votes known at the scenario's date) and the history notebook (06, every year):
the three agreement series over time, and the year-on-year changes against each other.

>>> from sco_games.models.partnership.second_axis import second_axis_test
>>> t = second_axis_test()
>>> len(series_figure(t).data), len(changes_figure(t).data)
(3, 4)
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from sco_games.markup import plotly_text as _t
from sco_games.models.partnership.second_axis import AXES, PERIODS, SecondAxisTest

__all__ = ["series_figure", "changes_figure"]

_COLOURS = {"Russia-US": "#1f77b4", "China-US": "#d62728", "Russia-China": "#2ca02c"}


def series_figure(test: SecondAxisTest, title: str | None = None) -> go.Figure:
    """Three lines: Russia-US, China-US and Russia-China agreement (Lijphart's index, 0-1) by session-year,
    the sub-periods of :data:`PERIODS` shaded when the test has them. ``title`` is plain text."""
    fig = go.Figure()
    if len(test.periods) > 1:
        for i, (label, first, last, _) in enumerate(PERIODS[1:]):
            fig.add_vrect(x0=first - 0.5, x1=last + 0.5, fillcolor="#888", opacity=0.06 + 0.06 * (i % 2),
                          line_width=0, annotation_text=_t(label), annotation_position="top left")
    for name, s in test.series.items():
        fig.add_trace(go.Scatter(
            x=list(s.years), y=list(s.agreement), mode="lines+markers", name=_t(name),
            line={"color": _COLOURS[name]}, customdata=list(s.n_votes),
            hovertemplate=f"{_t(name)} %{{x}}: %{{y:.2f}} (%{{customdata}} votes)<extra></extra>"))
    years = test.years
    fig.update_layout(
        title=_t(title or (f"Agreement in UN General Assembly votes, {years[0]}-{years[-1]}" if years else
                           "Agreement in UN General Assembly votes")),
        xaxis={"title": "session-year (the session opens in September)", "dtick": 2},
        yaxis={"title": "agreement (1 = always voted alike, 0 = always opposite)", "range": [0, 1]},
        height=440, legend={"orientation": "h", "y": -0.2}, margin={"l": 70, "r": 20, "t": 60, "b": 60},
    )
    return fig


def changes_figure(test: SecondAxisTest, title: str | None = None) -> go.Figure:
    """Two panels, one per axis of :data:`AXES`: each point a year, x = that year's change in agreement with
    the US, y = the change in Russia-China agreement, with the least-squares line and r (main period). If the
    claim held, the points would run from top left to bottom right. ``title`` is plain text."""
    from plotly.subplots import make_subplots

    m = test.main
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12, subplot_titles=[
        _t(f"{axis}: r = {m.get(k, 'changes').r:+.2f}" if m.get(k, "changes").r is not None else axis)
        for k, (axis, _, _) in enumerate(AXES)])
    y_series = test.series[AXES[0][2]]
    dy = np.diff(y_series.agreement)
    years = list(y_series.years[1:])
    for k, (_, xs, _) in enumerate(AXES, start=1):
        dx = np.diff(test.series[xs].agreement)
        fig.add_trace(go.Scatter(
            x=dx, y=dy, mode="markers+text", text=[str(y) for y in years], textposition="top center",
            textfont={"size": 9}, marker={"color": _COLOURS[xs], "size": 8}, name=_t(f"change in {xs}"),
            hovertemplate="%{text}: %{x:+.3f} with the US, %{y:+.3f} Russia-China<extra></extra>"),
            row=1, col=k)
        if dx.size >= 3 and np.ptp(dx) > 0:
            slope, icpt = np.polyfit(dx, dy, 1)
            xl = np.array([dx.min(), dx.max()])
            fig.add_trace(go.Scatter(x=xl, y=slope * xl + icpt, mode="lines", line={"color": "#555",
                                     "dash": "dash"}, name="least-squares line", showlegend=k == 1,
                                     hoverinfo="skip"), row=1, col=k)
        else:
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines", showlegend=False), row=1, col=k)
        fig.update_xaxes(title_text=_t(f"change in {xs} agreement from the year before"), zeroline=True,
                         row=1, col=k)
        fig.update_yaxes(title_text="change in Russia-China agreement" if k == 1 else None, zeroline=True,
                         row=1, col=k)
    fig.update_layout(
        title=_t(title or f"Year-on-year changes, {m.label}: does a better year with the US mean a worse "
                          "year between Russia and China?"),
        height=470, legend={"orientation": "h", "y": -0.25}, margin={"l": 70, "r": 20, "t": 80, "b": 70},
    )
    return fig
