"""Plotly figure builders: the only package of sco_games that imports plotly.

One module per subject (``overview``, ``partnership``, ``border``, ``enlargement``); each builder
takes plain model results and returns a ``plotly.graph_objects.Figure``. :func:`show` displays a
figure so that it works both in JupyterLab and in the offline HTML reports. Submodules load on
first use: ``figures.overview.timeline_figure(...)`` works after ``from sco_games import figures``.
For live widgets (:mod:`sco_games.explorer`): :func:`widget` makes a ``FigureWidget`` of a figure and
:func:`update_widget` redraws one in place from a new figure.
"""

from __future__ import annotations

import importlib
import json
from types import ModuleType

import plotly.graph_objects as go

__all__ = ["show", "html_snippet", "widget", "update_widget"]


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


def widget(fig: go.Figure) -> go.FigureWidget:
    """``fig`` as a plotly ``FigureWidget`` (an ipywidget, which :func:`update_widget` redraws in place).

    plotly >= 6 builds its ``FigureWidget`` on anywidget: without it (and ipywidgets) this raises an
    ``ImportError`` that says what to install (the ``lab`` extra, which ``make lab`` installs)."""
    try:
        return go.FigureWidget(fig)
    except ImportError as e:
        raise ImportError(f"live figures need ipywidgets and anywidget (the 'lab' extra: "
                          f"pip install -e '.[lab]', or make lab): {e}") from None


def update_widget(w: go.FigureWidget, fig: go.Figure) -> None:
    """Redraw the ``FigureWidget`` ``w`` in place as ``fig``: every trace and the whole layout replaced
    (the widget keeps its place on the page; the browser gets the new data and layout)."""
    w.data = ()
    w.add_traces(list(fig.data))
    w.layout = fig.layout
