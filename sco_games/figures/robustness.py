"""The figures of notebook 05 (robustness): the verdict probabilities of every claim (claims x verdicts),
and the Sobol indices of one output as bars. They take the saved result's plain JSON form
(:meth:`sco_games.uncertainty.robustness.ScenarioRobustness.to_dict`).

>>> m = {"model": "m", "verdicts": [{"claim": "C1", "nominal": "partly", "n": 100,
...       "probability": {"reproduced": 0.25, "partly": 0.75, "not reproduced": 0.0, "not applicable": 0.0},
...       "stderr": {"reproduced": 0.04, "partly": 0.04, "not reproduced": 0.0, "not applicable": 0.0}}]}
>>> fig = verdict_probability_figure({"scenario": "s", "models": [m]})
>>> [list(r) for r in fig.data[0].z]
[[0.25, 0.75, 0.0, 0.0]]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from sco_games.markup import plotly_text as _t

__all__ = ["sobol_figure", "verdict_probability_figure"]

_VERDICTS = ("reproduced", "partly", "not reproduced", "not applicable")


def verdict_probability_figure(result: Mapping[str, Any], title: str | None = None) -> go.Figure:
    """Claims (rows) x verdicts (columns): the share of the draws with each verdict, with its standard error;
    the coded verdict of each claim is marked with a box (a bold label)."""
    rows = [v for m in result.get("models", []) for v in m["verdicts"]]
    z = [[v["probability"][k] for k in _VERDICTS] for v in rows]
    text = [[(f"<b>{100 * v['probability'][k]:.0f}% ± {100 * v['stderr'][k]:.1f}</b>" if k == v["nominal"]
              else f"{100 * v['probability'][k]:.0f}%") for k in _VERDICTS] for v in rows]
    labels = [_t(f"{v['claim']} (coded: {v['nominal']})") for v in rows]
    fig = go.Figure(go.Heatmap(z=z, x=list(_VERDICTS), y=labels, text=text, texttemplate="%{text}",
                               zmin=0, zmax=1, colorscale="Blues", colorbar=dict(title="share"),
                               hovertemplate="%{y}: %{x} in %{text} of the draws<extra></extra>",
                               xgap=2, ygap=2))
    n = rows[0]["n"] if rows else 0
    fig.update_layout(title=_t(title or f"How often each claim gets each verdict ({n} draws per model; "
                                         "bold: the coded verdict, ± its standard error)"),
                      yaxis=dict(autorange="reversed"), height=140 + 30 * len(rows),
                      margin=dict(l=220, r=20, t=70, b=40))
    return fig


def sobol_figure(indices: Mapping[str, Any], top: int = 12) -> go.Figure:
    """The ``top`` dimensions by total Sobol index of one output (a saved ``sobol`` entry): total and
    first-order indices as horizontal bars (dimensions without indices are left out)."""
    pairs = [(lab, f, t) for lab, f, t in zip(indices["labels"], indices["first"], indices["total"],
                                              strict=True) if t is not None]
    pairs = sorted(pairs, key=lambda x: -x[2])[:top][::-1]
    labels = [_t(p[0]) for p in pairs]
    fig = go.Figure([
        go.Bar(y=labels, x=[p[2] for p in pairs], orientation="h", name="total (with interactions)",
               marker_color="#4c78a8"),
        go.Bar(y=labels, x=[p[1] for p in pairs], orientation="h", name="first order (alone)",
               marker_color="#9ecae9"),
    ])
    fig.update_layout(barmode="group", title=_t(f"What decides {indices['output']}: Sobol indices "
                                                 f"({indices['n']} base draws)"),
                      xaxis=dict(title="share of the variance", range=[0, 1.05]),
                      height=160 + 34 * len(pairs), margin=dict(l=240, r=20, t=60, b=50),
                      legend=dict(orientation="h", y=-0.2))
    return fig
