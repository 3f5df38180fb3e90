"""Figures with a slider over precomputed frames: they need no kernel and no network (plotly.js animates
between frames from ``file://``), so a class can move a parameter in a static report and watch the model's
answer change. One builder per model report; the frames are computed by the model packages
(``models.partnership.frames``, ``models.border.frames``, ``models.enlargement.frames``).

>>> from sco_games.models.partnership import PartnershipParams
>>> from sco_games.models.partnership.frames import stake_frames
>>> fig = stake_slider_figure(stake_frames(PartnershipParams.example(), "Russia", n=3))
>>> len(fig.frames), len(fig.layout.sliders[0].steps)
(3, 3)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from sco_games.markup import plotly_text as _t
from sco_games.models.border.frames import LinkageFrames
from sco_games.models.enlargement.frames import AXES, StatusQuoFrames
from sco_games.models.partnership.frames import StakeFrames
from sco_games.models.partnership.params import STRATEGIES

__all__ = ["linkage_slider_figure", "stake_slider_figure", "status_quo_slider_figure"]

#: The CSS class of every slider figure's <div> wrapper is plotly's; the report's print stylesheet hides
#: ``.slider-container`` and ``.updatemenu-container`` (the slider's chrome) on paper.


def _animate(
    fig: go.Figure, frames: Sequence[go.Frame], labels: Sequence[str], active: int, prefix: str
) -> go.Figure:
    """Attach ``frames`` to ``fig`` with a slider (one step per frame, ``labels``) starting at ``active``,
    and play/pause buttons."""
    fig.frames = list(frames)
    args = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}
    steps = [
        dict(method="animate", label=lab, args=[[f.name], args])
        for f, lab in zip(frames, labels, strict=False)
    ]
    fig.update_layout(
        sliders=[
            dict(active=active, steps=steps, currentvalue=dict(prefix=prefix), pad=dict(t=50), x=0.1, len=0.9)
        ],
        updatemenus=[
            dict(
                type="buttons",
                showactive=False,
                x=0.0,
                y=0,
                xanchor="left",
                yanchor="top",
                pad=dict(t=55, r=10),
                buttons=[
                    dict(
                        label="play",
                        method="animate",
                        args=[
                            None,
                            {**args, "frame": {"duration": 600, "redraw": True}, "fromcurrent": True},
                        ],
                    ),
                    dict(label="pause", method="animate", args=[[None], args]),
                ],
            )
        ],
    )
    return fig


def _fmt(x: float) -> str:
    return f"{x:.3g}"


def _stake_data(fs: StakeFrames, i: int) -> list[go.Scatter]:
    f = fs.frames[i]
    names = [f"{STRATEGIES[r]}/{STRATEGIES[c]}" for r in range(3) for c in range(3)]
    xs, ys = f.A.ravel().tolist(), f.B.ravel().tolist()
    # profiles with (nearly) the same payoffs would print their names on top of each other: move later ones
    where = ("top center", "bottom center", "middle right", "middle left")
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    pos: list[str] = []
    for k, (x, y) in enumerate(zip(xs, ys, strict=True)):
        near = sum(1 for j in range(k) if abs(xs[j] - x) < 0.1 * span and abs(ys[j] - y) < 0.03 * span)
        pos.append(where[near % len(where)])
    cells = go.Scatter(x=xs, y=ys, mode="markers+text", text=names, textposition=pos,
                       marker=dict(size=8, color="#999"), name="profiles (payoffs)",
                       hovertemplate="%{text}: Russia %{x:.3g}, China %{y:.3g}<extra></extra>")
    pure = [e for e in f.equilibria if e[4]]
    mixed = [e for e in f.equilibria if not e[4]]

    def prof(e) -> str:
        r = ", ".join(f"{s} {p:.2f}" for s, p in zip(STRATEGIES, e[0], strict=False) if p > 0)
        c = ", ".join(f"{s} {p:.2f}" for s, p in zip(STRATEGIES, e[1], strict=False) if p > 0)
        return f"Russia: {r}<br>China: {c}<br>regret {e[3]:.1e}"

    def equilibria(es: list, symbol: str, size: int, color: str, name: str) -> go.Scatter:
        return go.Scatter(x=[e[2][0] for e in es], y=[e[2][1] for e in es], mode="markers",
                          marker=dict(symbol=symbol, size=size, color=color), name=name,
                          hovertext=[prof(e) for e in es], hoverinfo="text")

    eq_p = equilibria(pure, "star", 20, "#d62728", "pure equilibrium")
    eq_m = equilibria(mixed, "diamond", 14, "#ff7f0e", "mixed equilibrium")
    return [cells, eq_p, eq_m]


def stake_slider_figure(fs: StakeFrames, title: str | None = None) -> go.Figure:
    """The stage game's nine profiles in payoff space (Russia's payoff across, China's up) and its verified
    equilibria (stars: pure, diamonds: mixed), with a slider over ``fs``'s US stake: moving it moves the
    payoffs and re-draws the equilibria. ``title`` is plain text."""
    allx = np.concatenate([f.A.ravel() for f in fs.frames])
    ally = np.concatenate([f.B.ravel() for f in fs.frames])
    pad = 1.0
    i0 = int(np.argmin(np.abs(fs.values - fs.coded)))
    head = _t(title) if title else f"Equilibria as {fs.side}'s US stake moves over its range"

    def layout(i: int) -> dict:
        f = fs.frames[i]
        return dict(
            title=dict(
                text=f"{head}<br><sup>{_t(fs.side)}'s US stake (founding value) "
                f"{_fmt(f.value)}: {_t(f.label)}</sup>"
            )
        )

    fig = go.Figure(data=_stake_data(fs, i0))
    frames = [
        go.Frame(name=f"f{i}", data=_stake_data(fs, i), layout=layout(i)) for i in range(len(fs.frames))
    ]
    fig.update_layout(
        **layout(i0),
        height=560,
        xaxis=dict(title="Russia's payoff", range=[allx.min() - pad, allx.max() + pad]),
        yaxis=dict(title="China's payoff", range=[ally.min() - pad, ally.max() + 2 * pad]),
        legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
        margin=dict(t=110),
    )
    labels = [_fmt(f.value) + (" (coded)" if f.value == fs.coded else "") for f in fs.frames]
    return _animate(fig, frames, labels, i0, f"{_t(fs.side)}'s US stake: ")


_DIS_COLOURS = {"dispute": "#1f77b4", "war": "#d62728"}
_SOL_NAMES = {"nash": "Nash", "kalai-smorodinsky": "Kalai-Smorodinsky", "rubinstein": "Rubinstein"}


def _linkage_data(fs: LinkageFrames, i: int) -> list[go.BaseTraceType]:
    out: list[go.BaseTraceType] = []
    cats = list(_SOL_NAMES.values())
    for dis, curve in fs.curves.items():
        ys = [float(curve.shares[s][i]) * 100 for s in _SOL_NAMES]
        out.append(
            go.Bar(
                x=cats,
                y=[None if np.isnan(y) else y for y in ys],
                name=_t(fs.labels[dis]),
                marker_color=_DIS_COLOURS.get(dis),
                texttemplate="%{y:.1f}%",
                textposition="outside",
                hovertemplate="%{x}: China gets %{y:.2f}%<extra>" + _t(fs.labels[dis]) + "</extra>",
            )
        )
    war = fs.curves.get("war")
    lo = hi = None
    if war is not None and np.isfinite(war.fearon_low[i]):
        lo, hi = float(war.fearon_low[i]) * 100, float(war.fearon_high[i]) * 100
    out.append(
        go.Scatter(
            x=["Fearon range (war)"] * 2 if lo is not None else [],
            y=[lo, hi] if lo is not None else [],
            mode="lines+markers",
            line=dict(width=8, color=_DIS_COLOURS["war"]),
            name="Fearon's range (vs war)",
            hovertemplate="%{y:.1f}%<extra></extra>",
        )
    )
    return out


def linkage_slider_figure(fs: LinkageFrames, title: str | None = None) -> go.Figure:
    """China's predicted share of the disputed area under each solution concept and disagreement point
    against the shares on the record (horizontal lines), with a slider over the linkage value ``L`` across
    its declared range. ``title`` is plain text."""
    i0 = int(np.argmin(np.abs(fs.linkage - fs.prior)))
    head = _t(title) if title else f"China-{_t(fs.neighbour)}: predicted share as the linkage value L moves"

    def layout(i: int) -> dict:
        return dict(
            title=dict(
                text=f"{head}<br><sup>L = {_fmt(fs.linkage[i])} (units: China's value of "
                "the whole area); solid line: China's share on the record, dotted: other readings</sup>"
            )
        )

    fig = go.Figure(data=_linkage_data(fs, i0))
    # the main reading labelled; the other readings dotted (their labels would print on top of each other)
    for k, r in enumerate(fs.readings):
        label = {"annotation_text": _t(f"record: {r.label}"),
                 "annotation_position": "top left"} if k == 0 else {}
        line = dict(color="black", dash="solid" if k == 0 else "dot", width=2 if k == 0 else 1)
        fig.add_hline(y=r.observed_share * 100, line=line, **label)
    frames = [
        go.Frame(name=f"f{i}", data=_linkage_data(fs, i), layout=layout(i)) for i in range(fs.linkage.size)
    ]
    fig.update_layout(
        **layout(i0),
        barmode="group",
        height=540,
        yaxis=dict(title="China's share (%)", range=[0, 105]),
        legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
        margin=dict(t=110),
    )
    labels = [_fmt(x) + (" (prior)" if x == fs.prior else "") for x in fs.linkage]
    return _animate(fig, frames, labels, i0, "L = ")


def _circles(fs: StatusQuoFrames, i: int) -> tuple[list[float | None], list[float | None]]:
    t = np.linspace(0, 2 * np.pi, 49)
    xs: list[float | None] = []
    ys: list[float | None] = []
    for m, (a, b) in fs.ideal.items():
        r = fs.frames[i].radius[m]
        xs += np.round(a + r * np.cos(t), 3).tolist() + [None]
        ys += np.round(b + r * np.sin(t), 3).tolist() + [None]
    return xs, ys


def _sq_data(fs: StatusQuoFrames, i: int) -> list[go.Scatter]:
    f = fs.frames[i]
    cx, cy = _circles(fs, i)
    pts = np.round(f.winset_points, 3)
    return [
        go.Scatter(
            x=cx,
            y=cy,
            mode="lines",
            line=dict(color="#1f77b4", width=1),
            name="indifference circles",
            hoverinfo="skip",
        ),
        go.Scatter(
            x=pts[:, 0].tolist(),
            y=pts[:, 1].tolist(),
            mode="markers",
            name="winset (what all accept)",
            marker=dict(size=5, color="rgba(44, 160, 44, 0.6)"),
            hoverinfo="skip",
        ),
        go.Scatter(
            x=[f.status_quo[0]],
            y=[f.status_quo[1]],
            mode="markers+text",
            text=["status quo"],
            textposition="bottom center",
            marker=dict(symbol="x", size=14, color="black"),
            name="status quo",
        ),
    ]


def status_quo_slider_figure(fs: StatusQuoFrames, title: str | None = None) -> go.Figure:
    """The members' ideal points, their indifference circles through the status quo and the winset, with a
    slider moving the status quo along one coordinate over its declared range; the subtitle gives the exact
    winset area and the statement's vote at each position. ``title`` is plain text."""
    i0 = int(np.argmin(np.abs(fs.values - fs.coded[fs.axis])))
    head = _t(title) if title else f"The winset as the status quo's {AXES[fs.axis]} moves"

    def layout(i: int) -> dict:
        f = fs.frames[i]
        vote = "passes" if f.passes else "blocked by " + _t(", ".join(f.blockers))
        return dict(
            title=dict(
                text=f"{head}<br><sup>status quo ({_fmt(f.status_quo[0])}, "
                f"{_fmt(f.status_quo[1])}): winset area {f.winset_area:.3f} of 4; "
                f"statement {vote}</sup>"
            )
        )

    fig = go.Figure(data=_sq_data(fs, i0))
    names = list(fs.ideal)
    fig.add_trace(
        go.Scatter(
            x=[fs.ideal[m][0] for m in names],
            y=[fs.ideal[m][1] for m in names],
            mode="markers+text",
            text=[_t(m) for m in names],
            textposition="top center",
            marker=dict(size=10, color="#1f77b4"),
            name="members' ideal points",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[fs.statement[0]],
            y=[fs.statement[1]],
            mode="markers+text",
            text=["statement"],
            textposition="bottom center",
            marker=dict(symbol="star", size=16, color="#ff7f0e"),
            name="statement",
        )
    )
    frames = [
        go.Frame(name=f"f{i}", data=_sq_data(fs, i), traces=[0, 1, 2], layout=layout(i))
        for i in range(len(fs.frames))
    ]
    fig.update_layout(
        **layout(i0),
        height=660,
        margin=dict(t=130),
        xaxis=dict(title="stance toward the US (-1 against, +1 welcomes)", range=[-1.6, 1.6]),
        yaxis=dict(
            title="depth of SCO security cooperation (-1 loose, +1 deep)",
            range=[-1.6, 1.6],
            scaleanchor="x",
            scaleratio=1,
        ),
        legend=dict(orientation="h", y=1.0, x=1, xanchor="right", yanchor="bottom"),
    )
    fig.add_shape(type="rect", x0=-1, y0=-1, x1=1, y1=1, line=dict(color="grey", width=1))
    labels = [_fmt(x) + (" (coded)" if x == fs.coded[fs.axis] else "") for x in fs.values]
    return _animate(fig, frames, labels, i0, f"status quo, {AXES[fs.axis]}: ")
