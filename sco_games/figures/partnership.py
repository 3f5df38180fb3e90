"""Figures for the partnership notebook: the region map, the strategic triangle and the learning paths.

>>> from sco_games.models.partnership import PartnershipParams, equilibrium_regions, triangle
>>> p = PartnershipParams.example()
>>> m = equilibrium_regions(p, "us_stake_russia", [0, 10, 20], "us_stake_china", [0, 10, 20])
>>> len(region_figure(m, marker=(2, 2)).data) >= 2
True
>>> len(triangle_figure(triangle(p)).data) >= 4
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from sco_games.markup import plotly_text as _t
from sco_games.models.partnership import LearningPath, RegionMap
from sco_games.theory.triangle import Triangle

__all__ = ["region_figure", "triangle_figure", "triangles_figure", "learning_figure", "LABEL_COLOURS",
           "BOUNDARY", "LEARNING_FRAMES"]

#: A fixed colour per equilibrium label, so maps of different scenarios read alike.
LABEL_COLOURS = {
    "Ally/Ally": "#2ca02c",
    "Partner/Partner": "#1f77b4",
    "Rival/Rival": "#d62728",
    "Partner/Rival": "#ff9896",
    "Rival/Partner": "#ffbb78",
    "Ally/Partner": "#98df8a",
    "Partner/Ally": "#98df8a",
    "multiple: Ally/Ally + Partner/Partner": "#17becf",
    "multiple: Partner/Partner + Rival/Rival": "#9467bd",
    "multiple: Ally/Ally + Partner/Partner + Rival/Rival": "#e377c2",
    "mixed": "#c5b0d5",
    "multiple": "#7f7f7f",
}
_OTHER = "#bcbd22"

_NICE = {"us_stake_russia": "Russia's US stake U_R", "us_stake_china": "China's US stake U_C",
         "counterweight_russia": "Russia's counterweight W_R",
         "counterweight_china": "China's counterweight W_C",
         "distrust_cost": "distrust cost D", "partnership_depth": "partnership depth θ"}
_PAIRS = {("us_stake_russia", "us_stake_china"): "both US stakes U_R = U_C",
          ("counterweight_russia", "counterweight_china"): "both counterweights W_R = W_C"}
#: The label shown for degenerate cells (ties on a boundary between regions).
BOUNDARY = "boundary (degenerate game)"


def _axis_title(keys: Sequence[str]) -> str:
    keys = tuple(keys)
    if keys in _PAIRS or keys[::-1] in _PAIRS:
        return _PAIRS.get(keys) or _PAIRS[keys[::-1]]
    return " = ".join(_NICE.get(k, k) for k in keys)


def region_figure(m: RegionMap, marker: tuple[float, float] | None = None, marker_label: str = "scenario",
                  title: str | None = None) -> go.Figure:
    """A categorical heatmap of ``m.labels`` (Russia/China equilibrium); degenerate cells (ties on a
    boundary) are drawn in grey as one "boundary" category and marked by crosses, and the scenario's point
    is marked. Hover shows each cell's own label and number of equilibria. ``marker_label`` and ``title``
    are plain text."""
    shown = np.where(m.degenerate, BOUNDARY, m.labels).astype(object)
    present = set(shown.ravel())
    names = [k for k in LABEL_COLOURS if k in present]
    names += sorted(present - set(names) - {BOUNDARY})
    if BOUNDARY in present:
        names.append(BOUNDARY)
    code = {k: i for i, k in enumerate(names)}
    z = np.vectorize(code.get)(shown).astype(float)
    n = max(len(names), 1)
    scale = []
    for i, k in enumerate(names):
        c = "#d9d9d9" if k == BOUNDARY else LABEL_COLOURS.get(k, _OTHER)
        scale += [[i / n, c], [(i + 1) / n, c]]
    labels = np.vectorize(_t, otypes=[str])(m.labels) if m.labels.size else m.labels.astype(str)
    text = np.char.add(np.char.add(labels, "<br>equilibria: "), m.counts.astype(str))
    fig = go.Figure(go.Heatmap(
        x=m.x, y=m.y, z=z, zmin=-0.5, zmax=n - 0.5, colorscale=scale if n > 1 else [[0, scale[0][1]],
                                                                                    [1, scale[0][1]]],
        text=text, hovertemplate="x=%{x:.3g}, y=%{y:.3g}<br>%{text}<extra></extra>",
        colorbar={"tickvals": list(range(n)), "ticktext": [_t(k) for k in names],
                  "title": "equilibrium<br>(Russia/China)"},
    ))
    deg = np.argwhere(m.degenerate)
    if len(deg):
        fig.add_trace(go.Scatter(x=m.x[deg[:, 1]], y=m.y[deg[:, 0]], mode="markers", name="degenerate",
                                 marker={"symbol": "x-thin", "size": 5, "color": "black",
                                         "line": {"width": 1}}, hoverinfo="skip"))
    if marker is not None:
        fig.add_trace(go.Scatter(x=[marker[0]], y=[marker[1]], mode="markers+text", name=_t(marker_label),
                                 text=[_t(marker_label)], textposition="top right",
                                 marker={"symbol": "star", "size": 16, "color": "white",
                                         "line": {"width": 2, "color": "black"}}))
    fig.update_layout(
        title=_t(title or "Equilibrium regions"), height=480, margin={"l": 70, "r": 20, "t": 60, "b": 60},
        xaxis={"title": _axis_title(m.x_keys)}, yaxis={"title": _axis_title(m.y_keys)},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


_POS = {0: (0.0, 0.0), 1: (1.0, 0.0), 2: (0.5, 0.87)}


def _add_triangle(fig: go.Figure, t: Triangle, row: int | None = None, col: int | None = None) -> None:
    kw = {"row": row, "col": col} if row is not None else {}
    pos = {s: _POS[i] for i, s in enumerate(t.states)}
    for (a, b), v in t.relations.items():
        (x0, y0), (x1, y1) = pos[a], pos[b]
        plus = v > 0
        fig.add_trace(go.Scatter(
            x=[x0, x1], y=[y0, y1], mode="lines", showlegend=False, hoverinfo="skip",
            line={"color": "#2ca02c" if plus else "#d62728", "width": 2 + 6 * abs(v),
                  "dash": "solid" if plus else "dash"}), **kw)
        fig.add_trace(go.Scatter(
            x=[(x0 + x1) / 2], y=[(y0 + y1) / 2], mode="text", showlegend=False,
            text=[f"<b>{'+' if plus else '−'}{abs(v):.2g}</b>"], textfont={"size": 14},
            hovertext=[f"{_t(a)}-{_t(b)}: {v:+.3g}"], hovertemplate="%{hovertext}<extra></extra>"), **kw)
    fig.add_trace(go.Scatter(
        x=[pos[s][0] for s in t.states], y=[pos[s][1] for s in t.states], mode="markers+text",
        showlegend=False, marker={"size": 40, "color": "#f0f0f0", "line": {"width": 2, "color": "black"}},
        text=[f"<b>{_t(s)}</b><br>{_t(t.roles[s])} ({t.sign_scores[s]:+d})" for s in t.states],
        textposition=["bottom center", "bottom center", "top center"],
        hovertemplate="%{text}<extra></extra>"), **kw)


def triangle_figure(t: Triangle, title: str | None = None) -> go.Figure:
    """Three nodes with their relations: green solid edges for +, red dashed for -, width ~ |value|;
    each node shows its role and sign score."""
    fig = go.Figure()
    _add_triangle(fig, t)
    fig.update_layout(
        title=_t(title or f"{t.pattern}{' (pivot: ' + t.pivot + ')' if t.pivot else ''}"
                 f"{' (outcast: ' + t.outcast + ')' if t.outcast else ''}; balanced: {t.balanced}"),
        height=420, margin={"l": 20, "r": 20, "t": 60, "b": 20},
        xaxis={"visible": False, "range": [-0.3, 1.3]}, yaxis={"visible": False, "range": [-0.35, 1.15]},
    )
    return fig


def triangles_figure(triangles: Sequence[tuple[str, Triangle]]) -> go.Figure:
    """Several triangles side by side (e.g. before and after 9/11), each titled with its pattern."""
    n = len(triangles)
    if n == 0:
        raise ValueError("triangles_figure: give at least one (title, Triangle)")
    fig = make_subplots(rows=1, cols=n, subplot_titles=[
        _t(f"{name}: {t.pattern}" + (f", pivot {t.pivot}" if t.pivot else "")
           + (f", outcast {t.outcast}" if t.outcast else "")) for name, t in triangles])
    for i, (_, t) in enumerate(triangles, start=1):
        _add_triangle(fig, t, row=1, col=i)
        fig.update_xaxes(visible=False, range=[-0.3, 1.3], row=1, col=i)
        fig.update_yaxes(visible=False, range=[-0.35, 1.15], row=1, col=i)
    fig.update_layout(height=420, margin={"l": 20, "r": 20, "t": 60, "b": 20},
                      title="The strategic triangle Russia-China-US (green +, red dashed -)")
    return fig


#: Frames of an animated learning figure (points of the path shown; the last point is always one).
LEARNING_FRAMES = 60


def _frame_indices(n: int, frames: int) -> list[int]:
    """Up to ``frames`` indices into a path of ``n`` points, denser at the start (where learning moves
    most), always with the first and the last."""
    if n <= frames:
        return list(range(n))
    idx = np.unique(np.round(np.geomspace(1, n, frames)).astype(int) - 1)
    return [int(i) for i in idx]


def learning_figure(path: LearningPath, title: str | None = None, frames: int = LEARNING_FRAMES) -> go.Figure:
    """An animated figure of a learning path: each player's mixed strategy (bars, one panel per player) at
    each point of ``path``, with a play button and a slider over the rounds (or times). Plotly frames, so
    it plays offline in a static report. ``title`` is plain text.

    >>> from sco_games.models.partnership import PartnershipParams, fictitious_play
    >>> fig = learning_figure(fictitious_play(PartnershipParams.example(), iterations=50, seed=1))
    >>> len(fig.frames) == len(fig.layout.sliders[0].steps) and fig.layout.updatemenus[0].buttons[0].label
    '▶ play'
    """
    g = path.game
    idx = _frame_indices(len(path.steps), frames)
    unit = "round" if path.counts is not None else "t"
    fig = make_subplots(rows=1, cols=2, subplot_titles=[_t(p) for p in g.players], shared_yaxes=True)
    colours = [LABEL_COLOURS.get(f"{s}/{s}", _OTHER) for s in g.strategies[0]]

    def bars(i: int) -> list[go.Bar]:
        return [go.Bar(x=[_t(s) for s in g.strategies[k]], y=list(v[i]), marker_color=colours,
                       text=[f"{100 * p:.0f}%" for p in v[i]], textposition="outside", showlegend=False,
                       hovertemplate="%{x}: %{y:.3f}<extra></extra>")
                for k, v in enumerate((path.row, path.col))]

    for k, b in enumerate(bars(idx[0])):
        fig.add_trace(b, row=1, col=k + 1)
    heading = title or path.method
    fig.frames = [go.Frame(data=bars(i), traces=[0, 1], name=f"{path.steps[i]:g}",
                           layout={"title": {"text": _t(f"{heading}: {unit} {path.steps[i]:g}")}})
                  for i in idx]
    steps = [{"method": "animate", "label": f"{path.steps[i]:g}",
              "args": [[f"{path.steps[i]:g}"], {"mode": "immediate", "frame": {"duration": 0, "redraw": True},
                                                "transition": {"duration": 0}}]} for i in idx]
    fig.update_layout(
        title=_t(f"{title or path.method}: {unit} {path.steps[idx[0]]:g}"), height=440,
        margin={"l": 60, "r": 20, "t": 70, "b": 110},
        yaxis={"title": "probability (share of plays)", "range": [0, 1.12]},
        updatemenus=[{"type": "buttons", "direction": "left", "x": 0.0, "y": -0.18, "xanchor": "left",
                      "buttons": [
                          {"label": "▶ play", "method": "animate",
                           "args": [None, {"frame": {"duration": 80, "redraw": True}, "fromcurrent": True,
                                           "transition": {"duration": 0}}]},
                          {"label": "❚❚ pause", "method": "animate",
                           "args": [[None], {"mode": "immediate",
                                             "frame": {"duration": 0, "redraw": False}}]}]}],
        sliders=[{"active": 0, "x": 0.18, "len": 0.82, "y": -0.1, "currentvalue": {"prefix": f"{unit} = "},
                  "steps": steps}],
    )
    return fig
