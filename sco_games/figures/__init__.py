"""Plotly figure builders: the only package of sco_games that imports plotly.

One module per subject (``overview``, ``partnership``, ``border``, ``enlargement``); each builder
takes plain model results and returns a ``plotly.graph_objects.Figure``. :func:`show` displays a
figure so that it works both in JupyterLab and in the offline HTML reports.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go

__all__ = ["show"]


def show(fig: go.Figure) -> None:
    """Display ``fig`` with a bundle both JupyterLab (plotly mimetype) and nbconvert (HTML) keep.

    The HTML part does not embed plotly.js: the report builder adds one shared offline copy.
    """
    from IPython.display import display

    bundle = {
        "application/vnd.plotly.v1+json": json.loads(fig.to_json()),
        "text/html": fig.to_html(full_html=False, include_plotlyjs=False),
    }
    display(bundle, raw=True)
