"""Plotly figure builders: the only package of sco_games that imports plotly.

One module per subject (``overview``, ``partnership``, ``border``, ``enlargement``); each builder
takes plain model results and returns a ``plotly.graph_objects.Figure``. :func:`show` displays a
figure so that it works both in JupyterLab and in the offline HTML reports. Submodules load on
first use: ``figures.overview.timeline_figure(...)`` works after ``from sco_games import figures``.
"""

from __future__ import annotations

import importlib
import json
from types import ModuleType

import plotly.graph_objects as go

__all__ = ["show", "html_snippet"]


def __getattr__(name: str) -> ModuleType:
    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as e:
        if e.name == f"{__name__}.{name}":
            raise AttributeError(f"module {__name__!r} has no attribute or submodule {name!r}") from None
        raise


def html_snippet(fig: go.Figure) -> str:
    """The figure as an HTML ``<div>`` + script that expects a global ``Plotly`` (no plotly.js inside,
    no remote URL): the report pages load one shared offline copy.

    >>> s = html_snippet(go.Figure(go.Scatter(x=[1], y=[2])))
    >>> "Plotly.newPlot" in s and "<script src" not in s and "https://cdn" not in s
    True
    """
    height = fig.layout.height or 450
    # auto_play=False: a figure with frames (figures.sliders) opens at its coded frame, and waits
    return fig.to_html(full_html=False, include_plotlyjs=False, default_height=f"{int(height)}px",
                       config={"displaylogo": False, "responsive": True}, auto_play=False)


def show(fig: go.Figure) -> None:
    """Display ``fig`` with a bundle both JupyterLab (plotly mimetype) and nbconvert (HTML) keep.

    The HTML part does not embed plotly.js: the report builder adds one shared offline copy.
    """
    from IPython.display import display

    bundle = {
        "application/vnd.plotly.v1+json": json.loads(fig.to_json()),
        "text/html": html_snippet(fig),
    }
    display(bundle, raw=True)
