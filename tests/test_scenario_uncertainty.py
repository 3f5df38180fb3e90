"""The uncertainty fields of a scenario file (distribution, alternatives, weights): what is allowed, and a
clear error naming the file and key for each mistake."""

from __future__ import annotations

import re

import pytest

from sco_games.scenario import ScenarioError, load_scenario
from sco_games.uncertainty.space import uncertainties


def _load(write_scenario, data, overrides=None):
    return load_scenario(write_scenario(data), overrides)


def _error(write_scenario, data) -> str:
    with pytest.raises(ScenarioError) as e:
        _load(write_scenario, data)
    return str(e.value)


def test_declared_distributions_and_alternatives_load_and_become_uncertainties(write_scenario, base_data):
    b = base_data["border"]
    b["war_cost_china"]["distribution"] = "loguniform"
    b["dispute_cost_china"]["distribution"] = "triangular"
    b["disagreement"]["alternatives"] = ["war"]
    b["disagreement"]["weights"] = [3, 1]
    e = base_data["enlargement"]
    e["members"]["China"]["distribution"] = "triangular"
    e["package_deals"]["india_pakistan"]["alternatives"] = [["India"], ["Pakistan"]]
    s = _load(write_scenario, base_data)
    u = {x.label: x for x in uncertainties(s.border)}
    assert u["war_cost_china"].kind == "loguniform" and u["dispute_cost_china"].kind == "triangular"
    assert u["nash_weight_china"].kind == "uniform"  # the default
    assert u["disagreement"].choices == ("dispute", "war") and u["disagreement"].weights == (0.75, 0.25)
    eu = {x.label: x for x in uncertainties(s.enlargement)}
    assert eu["members.China (x)"].kind == "triangular" and eu["members.China (x)"].mode == -0.8
    assert eu["package_deals.india_pakistan"].choices == (["India", "Pakistan"], ["India"], ["Pakistan"])


@pytest.mark.parametrize("key, extra, expected", [
    ("war_cost_china", {"distribution": "normal"},
     "border.war_cost_china.distribution = 'normal': Input should be 'uniform', 'triangular' or "
     "'loguniform'"),
    ("dispute_cost_china", {"distribution": "loguniform"},
     "border.dispute_cost_china = {value: 0.1, ...}: distribution loguniform needs a positive range "
     "\\(low > 0\\), not \\[0, 0.5\\]: use uniform or triangular"),
    ("disagreement", {"distribution": "uniform"},
     "border.disagreement = .*distribution uniform needs a range"),
    ("disagreement", {"alternatives": ["peace"]},
     "border.disagreement.alternatives\\[0\\] = 'peace': Input should be 'war' or 'dispute'"),
    ("disagreement", {"alternatives": ["dispute"]}, "alternatives repeat 'dispute' \\(the value or another"),
    ("disagreement", {"alternatives": []}, "alternatives is empty"),
    ("disagreement", {"weights": [1, 2]}, "weights need alternatives"),
    ("disagreement", {"alternatives": ["war"], "weights": [1]},
     "weights: 1 given for 2 choices \\(the value 'dispute' first, then the alternatives 'war'\\)"),
    ("disagreement", {"alternatives": ["war"], "weights": [0, 0]}, "must be non-negative and not all zero"),
    ("disagreement", {"alternatives": ["war"], "weights": [-1, 2]}, "must be non-negative"),
    ("war_cost_china", {"alternatives": [0.5]}, "give a range .* or alternatives .*, not both"),
    ("war_cost_china", {"alternatives": [-0.5], "range": None}, "war_cost_china.alternatives\\[0\\] = -0.5"),
])
def test_each_mistake_names_file_key_and_what_is_allowed(write_scenario, base_data, key, extra, expected):
    entry = base_data["border"][key]
    for k, v in extra.items():
        if v is None:
            entry.pop(k, None)
        else:
            entry[k] = v
    msg = _error(write_scenario, base_data)
    assert "case.yaml" in msg
    assert re.search(expected, msg), msg


@pytest.mark.parametrize("extra, expected", [
    ({"distribution": "loguniform"}, "members.China = .*loguniform needs a positive range"),
    ({"alternatives": [[0.0, 0.0]]}, "members.China = .*give a range \\(a box\\) or alternatives"),
    ({"alternatives": [[2.0, 0.0]], "range": None}, "members.China.alternatives\\[0\\]\\[0\\] = 2.0"),
])
def test_mistakes_on_a_point(write_scenario, base_data, extra, expected):
    entry = base_data["enlargement"]["members"]["China"]
    for k, v in extra.items():
        if v is None:
            entry.pop(k, None)
        else:
            entry[k] = v
    msg = _error(write_scenario, base_data)
    assert re.search(expected, msg), msg


def test_an_override_can_set_the_new_fields_and_choosing_an_alternative_keeps_the_others(
        write_scenario, base_data):
    base_data["border"]["disagreement"]["alternatives"] = ["war"]
    path = write_scenario(base_data)
    s = load_scenario(path, {"border.war_cost_china.distribution": "triangular"})
    assert s.border.war_cost_china.distribution == "triangular"
    s = load_scenario(path, {"border.disagreement": "war"})
    assert s.border.disagreement.value == "war" and s.border.disagreement.alternatives == ("dispute",)
    s = load_scenario(path, {"border.war_cost_china": 5.0})  # beyond the range: range and distribution go
    assert s.border.war_cost_china.range is None and s.border.war_cost_china.distribution is None
