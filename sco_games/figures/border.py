"""Figures for the border-bargaining notebook (built from :mod:`sco_games.models.border` results).

>>> from sco_games.models.border import DyadGame, linkage_curve, predict, settlements
>>> g = DyadGame("Tajikistan", win_probability=0.9978)
>>> fig = linkage_figure(linkage_curve(g, [0, 1, 2]), settlements()["Tajikistan"].readings)
>>> len(fig.data) >= 4
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from sco_games.markup import plotly_text as _t
from sco_games.models.border import (
    Calibration,
    DyadFacts,
    LinkageCurve,
    Reading,
    SensitivityRow,
    SplitPrediction,
)
from sco_games.models.common import percent

__all__ = ["splits_figure", "linkage_figure", "calibration_figure", "sensitivity_figure"]

_COLOURS = {"nash": "#1f77b4", "kalai-smorodinsky": "#ff7f0e", "rubinstein": "#2ca02c", "fearon": "#7f7f7f"}
_NAMES = {
    "nash": "asymmetric Nash",
    "kalai-smorodinsky": "Kalai-Smorodinsky",
    "rubinstein": "Rubinstein",
    "fearon": "Fearon range",
}
_LABEL_POSITIONS = ["top right", "bottom right", "top left", "bottom left"]
_READING_COLOURS = ["#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"]


def splits_figure(
    predictions: Sequence[tuple[str, SplitPrediction]],
    readings: Sequence[Reading],
    title: str = "China's share of the disputed area: models vs the record",
) -> go.Figure:
    """Grouped bars of China's predicted share (%) per solution, one group per labelled prediction (e.g.
    "power only, L = 0"), Fearon's range as a floating bar, and a dashed line per observed reading. Labels
    and ``title`` are plain text."""
    fig = go.Figure()
    labels = [_t(lab) for lab, _ in predictions]
    for s in ("nash", "kalai-smorodinsky", "rubinstein"):
        ys = [percent(p.share(s)) for _, p in predictions]
        fig.add_trace(
            go.Bar(
                x=labels,
                y=[0 if y is None else y for y in ys],
                name=_NAMES[s],
                marker_color=_COLOURS[s],
                text=["no deal" if y is None else f"{y:.1f}%" for y in ys],
                textposition="outside",
                hovertemplate="%{x}<br>" + _NAMES[s] + ": %{text}<extra></extra>",
            )
        )
    lows = [percent(p.fearon.low) for _, p in predictions]
    highs = [percent(p.fearon.high) for _, p in predictions]
    fig.add_trace(
        go.Bar(
            x=labels,
            y=[0 if h is None else h - lo for lo, h in zip(lows, highs, strict=True)],
            base=[0 if lo is None else lo for lo in lows],
            name=_NAMES["fearon"],
            marker_color=_COLOURS["fearon"],
            opacity=0.45,
            hovertemplate="%{x}<br>Fearon range: %{base:.1f}% to %{y:.1f} points above<extra></extra>",
        )
    )
    for i, r in enumerate(readings):
        fig.add_hline(
            y=100 * r.observed_share,
            line_dash="dash",
            line_color=_READING_COLOURS[i % 6],
            annotation_text=f"observed: {_t(r.label)}",
            annotation_position="top left",
        )
    fig.update_layout(
        title=_t(title),
        barmode="group",
        height=460,
        yaxis={"title": "China's share (%)", "range": [0, 112]},
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 60, "r": 20, "t": 60, "b": 60},
    )
    return fig


def linkage_figure(
    curve: LinkageCurve, readings: Sequence[Reading], calibrations: Sequence[Calibration] = (),
    label: str = "",
) -> go.Figure:
    """China's predicted share (%) against the linkage value L, one line per solution, Fearon's range as a
    band, the observed readings as horizontal bands (their source ranges) and the calibrated L as markers.
    ``label`` (plain text, e.g. the disagreement point) is added to the title."""
    x = curve.linkage
    fig = go.Figure()
    ok = ~np.isnan(curve.fearon_low)
    fig.add_trace(
        go.Scatter(
            x=x[ok],
            y=100 * curve.fearon_high[ok],
            mode="lines",
            line={"width": 0},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x[ok],
            y=100 * curve.fearon_low[ok],
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor="rgba(127,127,127,0.12)",
            name="Fearon range",
        )
    )
    for s, ys in curve.shares.items():
        fig.add_trace(go.Scatter(x=x, y=100 * ys, mode="lines", name=_NAMES[s], line={"color": _COLOURS[s]}))
    for i, r in enumerate(readings):
        lo, hi = r.share_range
        col = _READING_COLOURS[i % 6]
        fig.add_hrect(y0=100 * lo, y1=100 * hi, fillcolor=col, opacity=0.15, line_width=0)
        fig.add_hline(
            y=100 * r.observed_share,
            line_dash="dash",
            line_color=col,
            annotation_text=_t(r.label),
            annotation_position=_LABEL_POSITIONS[i % 4],
        )
    for c in calibrations:
        if c.found and c.solution in _COLOURS and c.value is not None and c.value <= float(x[-1]):
            fig.add_trace(
                go.Scatter(
                    x=[c.value],
                    y=[100 * c.observed_share],
                    mode="markers",
                    showlegend=False,
                    marker={
                        "color": _COLOURS[c.solution],
                        "size": 10,
                        "symbol": "circle-open",
                        "line": {"width": 2},
                    },
                    hovertemplate=f"{_NAMES[c.solution]}: L = {c.value:.3f}<extra></extra>",
                )
            )
    fig.update_layout(
        title=f"China-{_t(curve.neighbour)}: how the linkage value L moves China's share"
        + (f", {_t(label)}" if label else f" (p = {curve.win_probability:.3f})"),
        xaxis={"title": "L: China's value of any agreement (units: its value of the whole disputed area)"},
        yaxis={"title": "China's share of the disputed area (%)", "range": [0, 102]},
        height=480,
        legend={"orientation": "h", "y": -0.22},
        margin={"l": 60, "r": 20, "t": 60, "b": 60},
    )
    return fig


def calibration_figure(
    rows: Sequence[tuple[DyadFacts, Reading, Calibration]],
    title: str = "The linkage value L that reproduces each observed split",
) -> go.Figure:
    """Grouped bars, one panel per dyad (each ``L`` is in its own dyad's unit: China's value of that dyad's
    whole disputed area, so values of different dyads do not share an axis): calibrated ``L`` per reading (x)
    and solution (colour). A reading for which a solution has no value gets a short stub labelled "no value"
    (hover for the reason). Log scale in a panel when its values span more than a factor of 30. ``title`` is
    plain text."""
    from plotly.subplots import make_subplots

    dyads = list(dict.fromkeys(f.neighbour for f, _, _ in rows))
    fig = make_subplots(rows=len(dyads) or 1, cols=1, vertical_spacing=0.12 / max(len(dyads), 1) + 0.04,
                        subplot_titles=[f"China-{_t(n)}" for n in dyads])
    shown: set[str] = set()
    for i, n in enumerate(dyads, start=1):
        mine = [(f, r, c) for f, r, c in rows if f.neighbour == n]
        labels = list(dict.fromkeys(_t(r.label) for _, r, _ in mine))
        values = [c.value for _, _, c in mine if c.value is not None and c.value > 0]
        log = bool(values) and max(values) / min(values) > 30
        stub = (min(values) / 3 if log else 0.02 * max(values)) if values else 0.01
        for sol in dict.fromkeys(c.solution for _, _, c in mine):
            by = {_t(r.label): c for _, r, c in mine if c.solution == sol}
            found = [lab in by and by[lab].found for lab in labels]
            ys = [by[lab].value if ok else (stub if lab in by else None)
                  for lab, ok in zip(labels, found, strict=True)]
            fig.add_trace(
                go.Bar(
                    x=labels,
                    y=ys,
                    name=_NAMES.get(sol, sol),
                    legendgroup=sol,
                    showlegend=sol not in shown,
                    marker_color=_COLOURS.get(sol),
                    marker_pattern_shape=["" if ok else "x" for ok in found],
                    text=[f"{y:.2f}" if ok else "no value" for y, ok in zip(ys, found, strict=True)],
                    textposition="outside",
                    textfont={"size": 10},
                    hovertext=[_t(by[lab].reason) if lab in by else "" for lab in labels],
                    hovertemplate="%{x}<br>L = %{text}<br>%{hovertext}<extra></extra>",
                ),
                row=i,
                col=1,
            )
            shown.add(sol)
        fig.update_yaxes(title_text=f"L (x China's value of<br>the China-{_t(n)} area)",
                         type="log" if log else "linear", row=i, col=1)
    fig.update_layout(
        title=_t(title),
        barmode="group",
        height=260 * max(len(dyads), 1) + 120,
        xaxis={"tickfont": {"size": 10}},
        legend={"orientation": "h", "y": -0.08},
        margin={"l": 80, "r": 20, "t": 80, "b": 80},
    )
    return fig


def sensitivity_figure(rows: Sequence[SensitivityRow], title: str) -> go.Figure:
    """Tornado chart: the calibrated L when each parameter is moved to the low / high end of its range,
    sorted by the size of the swing; a vertical line at the baseline L. ``title`` is plain text."""

    ordered = sorted(rows, key=lambda r: r.swing)
    fig = go.Figure()
    base = next((r.linkage_base for r in rows if r.linkage_base is not None), None)
    origin = 0.0 if base is None else base  # no baseline L (none needed): bars start at L = 0
    for end, colour in (("low", "#1f77b4"), ("high", "#d62728")):
        ys, xs, texts = [], [], []
        for r in ordered:
            v = r.linkage_at_low if end == "low" else r.linkage_at_high
            at = r.low_value if end == "low" else r.high_value
            ys.append(_t(r.parameter))
            need = r.need_at_low if end == "low" else r.need_at_high
            xs.append(None if v is None else v - origin)
            texts.append(f"{_t(r.parameter)} = {at:g}: L = " + (f"{v:.3f}" if v is not None else
                         "none needed" if need == "not needed" else "no value"))
        fig.add_trace(
            go.Bar(
                y=ys,
                x=xs,
                base=origin,
                orientation="h",
                name=f"{end} end of range",
                marker_color=colour,
                opacity=0.75,
                hovertext=texts,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    if base is not None and math.isfinite(base):
        fig.add_vline(x=base, line_color="black", annotation_text=f"baseline L = {base:.2f}")
    fig.update_layout(
        title=_t(title),
        barmode="overlay",
        height=120 + 32 * len(ordered),
        xaxis={"title": "calibrated L (x China's value of the whole disputed area)"},
        legend={"orientation": "h", "y": -0.15},
        margin={"l": 220, "r": 20, "t": 60, "b": 60},
    )
    return fig
