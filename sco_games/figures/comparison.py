"""The figure of the comparison notebook (90): the claims' verdicts across the scenarios, as a grid.

Takes plain data (claim ids, scenario names, a verdict per cell), so it does not import
``sco_games.comparison`` (a layer above the figures).

>>> fig = verdict_grid_figure(["P1"], ["a", "b"], {"P1": {"a": "partly", "b": "reproduced"}})
>>> [list(row) for row in fig.data[0].z]
[[1, 2]]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from sco_games.markup import plotly_text as _t

__all__ = ["VERDICT_LEVELS", "verdict_grid_figure"]

#: verdict -> its row in the colour scale (anything else, e.g. "not assessed", is -1, grey)
VERDICT_LEVELS = {"not applicable": -1, "not reproduced": 0, "partly": 1, "reproduced": 2}
_SCALE = [(0.0, "#dddddd"), (0.25, "#dddddd"), (0.25, "#e8a3a3"), (0.5, "#e8a3a3"), (0.5, "#f3d27a"),
          (0.75, "#f3d27a"), (0.75, "#8fcf8f"), (1.0, "#8fcf8f")]


def verdict_grid_figure(claims: Sequence[str], scenarios: Sequence[str],
                        cells: Mapping[str, Mapping[str, str]], title: str = "Claim verdicts by scenario"
                        ) -> go.Figure:
    """Claims (rows) x scenarios (columns, in date order); each cell coloured by its verdict and labelled."""
    z = [[VERDICT_LEVELS.get(cells[c][s], -1) for s in scenarios] for c in claims]
    text = [[_t(cells[c][s]) for s in scenarios] for c in claims]
    fig = go.Figure(go.Heatmap(z=z, x=[_t(s) for s in scenarios], y=[_t(c) for c in claims], text=text,
                               texttemplate="%{text}", zmin=-1, zmax=2, colorscale=_SCALE, showscale=False,
                               hovertemplate="%{y} in %{x}: %{text}<extra></extra>", xgap=2, ygap=2))
    fig.update_layout(title=_t(title), yaxis=dict(autorange="reversed"), height=120 + 34 * len(claims),
                      margin=dict(l=60, r=20, t=60, b=40))
    return fig
