"""The live explorer (issue 14): sliders over a scenario's ranged values, each model re-solved on every
change, figures updated in place, in JupyterLab (ipywidgets + plotly's FigureWidget; the ``lab`` extra).

``controls`` and ``views`` are plain data and functions (no widget); ``widget`` builds the ipywidgets and is
imported on first use, so ``sco_games.explorer.controls`` works without ipywidgets installed.

In a notebook, ``explore("founding_2001")`` as a cell's last expression shows the scenario picker and one
tab per model (``notebooks/explore.ipynb``).
"""

from __future__ import annotations

from typing import Any

from sco_games.explorer.controls import SECTIONS, Control, control_id, controls, overrides_of

__all__ = ["SECTIONS", "Control", "control_id", "controls", "overrides_of", "explore", "Explorer",
           "ModelExplorer"]


def __getattr__(name: str) -> Any:
    if name in ("explore", "Explorer", "ModelExplorer", "overrides_text"):
        from sco_games.explorer import widget

        return getattr(widget, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
