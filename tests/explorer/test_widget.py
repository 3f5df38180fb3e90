"""The live explorer's widgets (sco_games.explorer.widget), driven from Python as a frontend would (setting a
slider's value): every move re-solves the model through the scenario's overrides, so the scenario and the
figures are exactly those of load_scenario(path, overrides); reset; escaped sources; refused values shown
as the scenario's message. (The same in a real JupyterLab and Chromium: test_lab_browser.py, slow.)"""

from __future__ import annotations

import json

import ipywidgets as W
import pytest

from sco_games.explorer import SECTIONS
from sco_games.explorer.views import VIEWS
from sco_games.explorer.widget import Explorer, ModelExplorer
from sco_games.scenario import load_scenario
from tests.conftest import PARAMS

FOUNDING = PARAMS / "founding_2001.yaml"


def _data(fig) -> list[dict]:
    """A figure's traces as plain dicts, without the uids plotly gives a widget's traces."""
    return [{k: v for k, v in t.items() if k != "uid"} for t in json.loads(fig.to_json())["data"]]


def _moved(c) -> float:
    return c.high if c.value != c.high else c.low


@pytest.mark.parametrize("section", SECTIONS)
def test_a_slider_move_is_the_models_result_for_those_overrides(section):
    m = ModelExplorer(FOUNDING, section)
    before = [_data(f) for f in m.figures]
    c = m.controls[0] if section != "border" else next(c for c in m.controls if "war_cost" in c.key)
    m.sliders[c.id].value = _moved(c)  # what the browser does when a slider is released
    ov = m.overrides()
    assert list(ov) == [c.key] and m.error.value == ""
    ref = load_scenario(FOUNDING, ov)
    assert m.scenario().model_dump() == ref.model_dump()
    view = VIEWS[section](ref, 1)
    assert [_data(f) for f in m.figures] == [_data(f) for f in view.figures]
    assert m.summary.value == view.summary
    assert m.figures[0].layout.title.text == view.figures[0].layout.title.text
    assert "+ 1 override" in m.figures[0].layout.title.text
    assert repr(ov).replace("'", "&#x27;") in m.overrides_box.value
    assert m.seconds > 0
    if section == "partnership":
        assert [_data(f) for f in m.figures] != before  # the title and the star moved at least


def test_the_us_stake_moves_the_star_and_the_equilibrium():
    m = ModelExplorer(FOUNDING, "partnership")
    m.set({"partnership.us_stake_russia": 3.0, "partnership.us_stake_china": 3.0})
    star = [t for t in m.figures[0].data if t.name == "founding_2001"][0]
    assert (star.x[0], star.y[0]) == (3.0, 3.0)
    # by hand (game.py's thresholds): Partner answers Partner while U <= W + (B + G + C) / theta = 15,
    # Rival answers Rival once U >= (C - V) / theta = 2 (strictly at 3), Ally/Ally needs
    # U <= W - (D + N) / (1 - theta) < 0
    assert "<b>Equilibrium: multiple: Partner/Partner + Rival/Rival</b>" in m.summary.value


def test_reset_puts_every_value_back():
    m = ModelExplorer(FOUNDING, "enlargement")
    start = [_data(f) for f in m.figures]
    ids = [c.id for c in m.controls[:3]]
    m.set({i: m.sliders[i].min for i in ids})
    assert m.overrides()
    m.reset_button.click()
    assert m.overrides() == {} and [_data(f) for f in m.figures] == start
    assert "overrides = {}" in m.overrides_box.value


def test_sources_are_shown_escaped(write_scenario, base_data):
    base_data["partnership"]["border_stability"]["source"] = "<script>window.x = 1</script> & <b>paper</b>"
    path = write_scenario(base_data, "hostile")
    m = ModelExplorer(path, "partnership")
    html = [w.value for box in m.widget.children[0].children[2].children for w in box.children
            if isinstance(w, W.HTML)]
    shown = [h for h in html if "window.x" in h]
    assert shown and "&lt;script&gt;" in shown[0] and "<script>" not in shown[0] and "&lt;b&gt;" in shown[0]
    assert m.sliders["partnership.border_stability"].description == "border_stability"


def test_a_value_the_model_refuses_is_its_message_not_a_traceback(write_scenario, base_data):
    base_data["partnership"]["events"] = [{"name": "<i>cut</i>", "date": "2001-06-01", "source": "test",
                                          "effects": {"distrust_cost": -1.5}}]
    m = ModelExplorer(write_scenario(base_data, "refuses"), "partnership")
    before = [_data(f) for f in m.figures]
    m.set({"partnership.distrust_cost": 1.0})  # the file's range is [1, 3]; with the event: -0.5 < 0
    assert "the events take distrust_cost to -0.5" in m.error.value and "refuses.yaml" in m.error.value
    assert [_data(f) for f in m.figures] == before
    m.reset()
    assert m.error.value == ""


def test_unknown_slider_is_a_clear_error():
    m = ModelExplorer(FOUNDING, "border")
    with pytest.raises(KeyError, match="no slider 'border.nope'; the sliders: border.valuation_curvature"):
        m.set({"border.nope": 1})


def test_the_explorer_picks_a_scenario_and_has_a_tab_per_model():
    e = Explorer("founding_2001", PARAMS)
    assert list(e.models) == list(SECTIONS) and e.picker.value == "founding_2001"
    assert [e.tabs.get_title(i) for i in range(3)] == list(SECTIONS)
    e.picker.value = "iraq_2003"
    assert all(m.path.stem == "iraq_2003" for m in e.models.values())
    assert e.tabs.children[0] is e.models["partnership"].widget


def test_the_explorer_opens_on_a_full_scenario_and_shows_only_the_models_a_scenario_codes():
    ex = Explorer(folder=PARAMS)
    assert set(ex.models) == set(SECTIONS)  # by default a scenario that codes every model
    ex.picker.value = "astana_2017"  # a dated scenario: the enlargement model only
    assert list(ex.models) == ["enlargement"]
    assert [ex.tabs.get_title(i) for i in range(len(ex.tabs.children))] == ["enlargement"]
