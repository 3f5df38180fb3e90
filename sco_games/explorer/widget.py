"""The live explorer for JupyterLab: ipywidgets sliders over a scenario's ranged values, the model re-solved
on every change, plotly ``FigureWidget`` figures redrawn in place (issue 14).

:class:`ModelExplorer` is one model (one scenario section): a slider per :class:`~.controls.Control`
(within the value's declared ``range``; under each, the value's source as escaped text), a reset button, the
current overrides as the dotted-key mapping to paste into a notebook's ``overrides`` parameter, a summary,
and the view's figures (:mod:`sco_games.explorer.views`). A change is applied as a scenario override
(:func:`sco_games.scenario.scenario_from_data`, the code behind ``load_scenario(path, overrides)``), so what
is drawn is exactly the model's result for those overrides. :func:`explore` puts a scenario picker above the
three models, one tab each.

Sliders report a new value when released (``continuous_update=False``): one re-solve per move.
A value the model refuses is shown as the scenario's error message (escaped), never a traceback.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ipywidgets as W

from sco_games import figures
from sco_games.explorer.controls import SECTIONS, Control, controls, overrides_of
from sco_games.explorer.views import VIEWS, View
from sco_games.markup import html_text
from sco_games.scenario import ScenarioError, find_scenarios, read_yaml, resolve_path, scenario_from_data

__all__ = ["ModelExplorer", "Explorer", "explore", "overrides_text"]


def overrides_text(ov: Mapping[str, Any]) -> str:
    """The overrides as Python source to paste into a notebook's ``parameters`` cell.

    >>> overrides_text({"partnership.us_stake_russia": 2.5})
    "overrides = {'partnership.us_stake_russia': 2.5}"
    >>> overrides_text({})
    'overrides = {}'
    """
    return f"overrides = {dict(ov)!r}"


def _clean(v: float) -> float:
    """A slider's float without binary noise (0.1 * 3 -> 0.3): 10 significant digits."""
    return float(f"{float(v):.10g}")


class ModelExplorer:
    """Sliders, figures and summary of one model (``section``) of the scenario file ``path``.

    ``set({"<control id>": value, ...})`` moves sliders from code (one re-solve); ``reset()`` puts every
    slider back on the file's value; ``overrides()`` is the current mapping; ``seconds`` the time the last
    re-solve and redraw took. Display it in a notebook as the last expression of a cell (or ``.widget``).
    """

    def __init__(self, path: str | Path, section: str, data: dict[str, Any] | None = None):
        if section not in VIEWS:
            raise ValueError(f"ModelExplorer: unknown section {section!r}; allowed: {', '.join(SECTIONS)}")
        self.path = resolve_path(path)
        self.section = section
        self._data = read_yaml(self.path) if data is None else data
        self.base = scenario_from_data(self._data, self.path)
        self.controls: list[Control] = controls(self.base, section)
        self._holding = False
        self.seconds = 0.0
        self.sliders: dict[str, W.FloatSlider] = {}
        rows = []
        for c in self.controls:
            s = W.FloatSlider(value=c.value, min=c.low, max=c.high, step=c.step, description=c.label,
                              continuous_update=False, readout_format=".3g",
                              style={"description_width": "initial"}, layout=W.Layout(width="98%"))
            s.observe(self._changed, names="value")
            self.sliders[c.id] = s
            note = f" ({html_text(c.note)})" if c.note else ""
            src = W.HTML(f"<small>range [{c.low:g}, {c.high:g}]; source: {html_text(c.source)}{note}</small>",
                         layout=W.Layout(width="98%"))
            # flex "0 0 auto": in the scrolling panel a row keeps its height (else flex squeezes the source)
            rows.append(W.VBox([s, src], layout=W.Layout(margin="0 0 6px 0", flex="0 0 auto")))
        self.reset_button = W.Button(description="reset", tooltip="every value back to the scenario file's",
                                     icon="undo")
        self.reset_button.on_click(lambda _: self.reset())
        self.overrides_box = W.HTML()
        self.summary = W.HTML()
        self.error = W.HTML()
        view = self._view()
        self.figures = [figures.widget(f) for f in view.figures]
        self._show(view)
        if not self.controls:
            rows = [W.HTML("<i>No value of this section declares a range: nothing to move.</i>")]
        panel = W.VBox(rows, layout=W.Layout(max_height="640px", overflow="auto", width="100%"))
        left = W.VBox([W.HBox([self.reset_button]), self.overrides_box, panel],
                      layout=W.Layout(width="38%", min_width="320px"))
        right = W.VBox([self.summary, self.error, *self.figures], layout=W.Layout(width="62%"))
        self.widget = W.HBox([left, right], layout=W.Layout(width="100%"))

    # ----------------------------------------------------------------------------------- state

    def values(self) -> dict[str, float]:
        """Control id -> the slider's current value."""
        return {k: _clean(s.value) for k, s in self.sliders.items()}

    def overrides(self) -> dict[str, Any]:
        """The overrides the sliders stand for (only values that differ from the file's)."""
        return overrides_of(self.controls, self.values())

    def scenario(self):
        """The scenario with the current overrides, validated as ``load_scenario(path, overrides)``."""
        return scenario_from_data(self._data, self.path, self.overrides())

    # --------------------------------------------------------------------------------- actions

    def set(self, values: Mapping[str, float]) -> None:
        """Move the sliders named by control id (``partnership.us_stake_russia``, ``...members.China[0]``),
        then re-solve once. An unknown id is a ``KeyError`` listing the ids."""
        unknown = [k for k in values if k not in self.sliders]
        if unknown:
            raise KeyError(f"no slider {unknown[0]!r}; the sliders: {', '.join(self.sliders)}")
        self._holding = True
        try:
            for k, v in values.items():
                self.sliders[k].value = v
        finally:
            self._holding = False
        self.update()

    def reset(self) -> None:
        """Every slider back on the file's value, then one re-solve."""
        self.set({c.id: c.value for c in self.controls})

    def _changed(self, change: dict) -> None:
        if not self._holding:
            self.update()

    def _view(self) -> View:
        ov = self.overrides()
        return VIEWS[self.section](scenario_from_data(self._data, self.path, ov), len(ov))

    def update(self) -> None:
        """Re-solve with the current sliders and redraw the figures in place (``seconds``: how long it took).
        A scenario the model refuses shows its error message instead, and the figures stay as they were."""
        t0 = time.perf_counter()
        try:
            view = self._view()
        except (ScenarioError, ValueError) as e:
            self.error.value = f"<pre style='color:#b00'>{html_text(e)}</pre>"
            self.overrides_box.value = self._overrides_html()
            return
        for w, fig in zip(self.figures, view.figures, strict=True):
            figures.update_widget(w, fig)
        self._show(view)
        self.seconds = time.perf_counter() - t0

    def _overrides_html(self) -> str:
        text = html_text(overrides_text(self.overrides()))
        return ("<small>overrides (paste into a notebook's parameters cell):</small>"
                f"<pre class='sco-overrides' style='white-space:pre-wrap;margin:2px 0'>{text}</pre>")

    def _show(self, view: View) -> None:
        self.summary.value = view.summary
        self.error.value = ""
        self.overrides_box.value = self._overrides_html()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def _default(paths: Mapping[str, Path]) -> str:
    """The scenario the explorer opens on: the first (by name) that codes every model, else the first."""
    for name, path in paths.items():
        data = read_yaml(path)
        if all(isinstance(data, dict) and data.get(s) is not None for s in SECTIONS):
            return name
    return next(iter(paths))


class Explorer:
    """A scenario picker (every ``params/*.yaml``) above one tab per model (:class:`ModelExplorer`).
    Picking another scenario rebuilds the tabs on it."""

    def __init__(self, scenario: str | Path | None = None, folder: str | Path | None = None):
        self.paths = {p.stem: p for p in find_scenarios(folder)}
        if not self.paths:
            raise ValueError("explore: no scenario files (params/*.yaml) found")
        first = Path(scenario).stem if scenario is not None else _default(self.paths)
        if scenario is not None and first not in self.paths:
            self.paths[first] = resolve_path(scenario)
        self.picker = W.Dropdown(options=list(self.paths), value=first, description="scenario")
        self.picker.observe(lambda ch: self._build(ch["new"]), names="value")
        self.tabs = W.Tab()
        self.models: dict[str, ModelExplorer] = {}
        self.widget = W.VBox([self.picker, self.tabs])
        self._build(first)

    def _build(self, name: str) -> None:
        path = self.paths[name]
        data = read_yaml(path)
        coded = [s for s in SECTIONS if isinstance(data, dict) and data.get(s) is not None]  # a dated
        # scenario codes only the models it can source (e.g. enlargement alone after 2003)
        self.models = {s: ModelExplorer(path, s, data=data) for s in coded}
        self.tabs.children = [m.widget for m in self.models.values()]
        for i, s in enumerate(coded):
            self.tabs.set_title(i, s)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def explore(scenario: str | Path | None = None, folder: str | Path | None = None) -> Explorer:
    """The explorer on ``scenario`` (a path or a name in ``params/``; default the first), for a notebook.
    ``folder``: where the scenario files are (default the project's ``params/``)."""
    return Explorer(scenario, folder)
