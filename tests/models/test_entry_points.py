"""The models' entry points given the wrong thing (the whole scenario instead of its section, a string
for a date, a section where a game is expected): a TypeError at once that says what to pass, never 18
"missing parameter" lines or a failure later in headline()."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from sco_games.models import border, enlargement
from sco_games.models import partnership as pm
from sco_games.models.border.report import border_report
from sco_games.models.enlargement.claims import with_overrides
from sco_games.models.enlargement.report import enlargement_report
from sco_games.scenario import load_scenario

SCENARIO = load_scenario(Path(__file__).resolve().parents[2] / "params" / "iraq_2003.yaml")


@pytest.mark.parametrize("call", [
    pytest.param(lambda s: pm.analyze(s), id="analyze"),
    pytest.param(lambda s: pm.stage_game(s), id="stage_game"),
    pytest.param(lambda s: pm.payoff_matrices(s), id="payoff_matrices"),
    pytest.param(lambda s: pm.payoff_table_rows(s), id="payoff_table_rows"),
    pytest.param(lambda s: pm.with_values(s, distrust_cost=0), id="with_values"),
    pytest.param(lambda s: pm.equilibrium_regions(s, "us_stake_russia", [1], "us_stake_china", [1]),
                 id="equilibrium_regions"),
    pytest.param(lambda s: pm.us_stake_thresholds(s), id="us_stake_thresholds"),
    pytest.param(lambda s: pm.sustainability(s), id="sustainability"),
    pytest.param(lambda s: pm.triangle(s), id="triangle"),
    pytest.param(lambda s: pm.pillar_table(s), id="pillar_table"),
])
def test_partnership_entry_points_given_the_whole_scenario_say_what_to_pass(call):
    with pytest.raises(TypeError, match=r"not the whole Scenario: pass scenario\.partnership"):
        call(SCENARIO)


def test_partnership_given_the_raw_yaml_mapping_says_what_to_pass():
    with pytest.raises(TypeError, match=r"payoff_matrices\(\) takes one section.*scenario\.partnership"):
        pm.payoff_matrices({"meta": {}, "partnership": {}})
    assert pm.payoff_matrices(pm.values_of(SCENARIO.partnership))[0].shape == (3, 3)  # plain values still do


def test_partnership_given_something_else_names_the_type():
    with pytest.raises(TypeError, match=r"analyze\(\) takes a PartnershipParams.*got int"):
        pm.analyze(3)


@pytest.mark.parametrize("call", [
    pytest.param(lambda s: border.dyad_game(s, "Tajikistan"), id="dyad_game"),
    pytest.param(lambda s: border.calibrate_all(s), id="calibrate_all"),
    pytest.param(lambda s: border.linkage_sensitivity(s, "Tajikistan", 0.035), id="linkage_sensitivity"),
    pytest.param(lambda s: border_report(s, s.meta.date), id="border_report"),
])
def test_border_entry_points_given_the_whole_scenario_say_what_to_pass(call):
    with pytest.raises(TypeError, match=r"not the whole Scenario: pass scenario\.border"):
        call(SCENARIO)


@pytest.mark.parametrize("call", [
    pytest.param(lambda p: border.predict(p), id="predict"),
    pytest.param(lambda p: border.predicted_share(p, "nash"), id="predicted_share"),
    pytest.param(lambda p: border.calibrate_linkage(p, 0.035), id="calibrate_linkage"),
    pytest.param(lambda p: border.calibrate_nash_weight(p, 0.035), id="calibrate_nash_weight"),
    pytest.param(lambda p: border.linkage_curve(p, [0.0, 1.0]), id="linkage_curve"),
])
def test_border_game_functions_given_the_section_say_how_to_build_a_game(call):
    with pytest.raises(TypeError, match=r"takes a DyadGame.*dyad_game\(scenario\.border, neighbour\)"):
        call(SCENARIO.border)


@pytest.fixture(scope="module")
def string_date_report():
    return border_report(SCENARIO.border, "2003-01-01")


def test_border_report_takes_an_iso_date_string(string_date_report):
    assert string_date_report.date == dt.date(2003, 1, 1)
    assert string_date_report.headline().startswith("Tajikistan:")  # failed here with a TypeError before


@pytest.mark.parametrize("bad, kind", [("January 2003", ValueError), (2003, TypeError)])
def test_border_report_refuses_a_bad_date_at_once(bad, kind):
    with pytest.raises(kind, match=r"date=.*datetime\.date.*'2003-01-01'"):
        border_report(SCENARIO.border, bad)


def test_border_report_takes_a_datetime_as_its_day():
    rep = border_report(SCENARIO.border, dt.datetime(2003, 1, 1, 12, 0))
    assert rep.date == dt.date(2003, 1, 1) and rep.settled()  # compares with the settlement dates


def test_enlargement_entry_points_say_what_to_pass():
    with pytest.raises(TypeError, match=r"EnlargementModel\(\) takes one section.*scenario\.enlargement"):
        enlargement.EnlargementModel(SCENARIO)
    with pytest.raises(TypeError, match=r"with_overrides\(\) takes one section.*scenario\.enlargement"):
        with_overrides(SCENARIO, {"weights.voice": 2.0})
    with pytest.raises(TypeError, match=r"enlargement_report\(\) takes an EnlargementModel.*"
                                        r"EnlargementModel\(scenario\.enlargement\)"):
        enlargement_report(SCENARIO.enlargement)


def test_partnership_report_given_the_whole_scenario_says_what_to_pass():
    with pytest.raises(TypeError, match=r"report\(\) takes one section.*pass scenario\.partnership"):
        pm.report(SCENARIO, "iraq_2003", {})
    with pytest.raises(TypeError, match=r"references\['founding_2001'\].*pass scenario\.partnership"):
        pm.report(SCENARIO.partnership, "iraq_2003", {"founding_2001": SCENARIO})


@pytest.mark.parametrize("call, name", [
    pytest.param(lambda s: enlargement.build_world(s), "build_world", id="build_world"),
])
def test_enlargement_section_functions_given_the_whole_scenario_say_what_to_pass(call, name):
    with pytest.raises(TypeError, match=rf"{name}\(\) takes one section.*pass scenario\.enlargement"):
        call(SCENARIO)


@pytest.mark.parametrize("call, name", [
    pytest.param(enlargement.tu_game, "tu_game", id="tu_game"),
    pytest.param(enlargement.coalition_view, "coalition_view", id="coalition_view"),
    pytest.param(enlargement.evaluate_claims, "evaluate_claims", id="evaluate_claims"),
])
@pytest.mark.parametrize("given", ["scenario", "section"])
def test_enlargement_model_functions_say_how_to_build_the_model(call, name, given):
    arg = SCENARIO if given == "scenario" else SCENARIO.enlargement
    with pytest.raises(TypeError, match=rf"{name}\(\) takes an EnlargementModel.*"
                                        r"EnlargementModel\(scenario\.enlargement\)"):
        call(arg)


@pytest.mark.parametrize("value, rule", [
    ("abc", "Input should be a valid number"),
    (-5, "greater than or equal to 0"),
    (float("nan"), "must be a finite number"),
])
def test_with_values_errors_read_like_scenario_errors(value, rule):
    with pytest.raises(ValueError) as err:
        pm.with_values(SCENARIO.partnership, distrust_cost=value)
    text = str(err.value)
    assert text.startswith("with_values: invalid values (1 problem(s)):")
    assert f"  - partnership.distrust_cost.value = {value!r}: " in text and rule in text
    assert "pydantic" not in text and "errors.pydantic.dev" not in text and "[type=" not in text


def test_with_overrides_errors_read_like_scenario_errors():
    with pytest.raises(ValueError) as err:
        with_overrides(SCENARIO.enlargement, {"weights.voice": "x"})
    text = str(err.value)
    assert "  - enlargement.weights.voice.value = 'x': " in text and "[type=" not in text


def test_admission_gain_parts_have_no_negative_zero():
    model = enlargement.EnlargementModel(SCENARIO.enlargement)
    rep = enlargement_report(model)
    assert re.search(r"-0\.0(?![0-9])", repr(rep)) is None
