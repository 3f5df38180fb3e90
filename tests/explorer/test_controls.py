"""The explorer's controls (sco_games.explorer.controls): one slider per ranged value, checked against the
raw YAML (an independent walk of the file), and overrides that load_scenario accepts and applies."""

from __future__ import annotations

import pytest

from sco_games.explorer import SECTIONS, controls, overrides_of
from sco_games.scenario import load_scenario, read_yaml
from tests.conftest import PARAMS

SCENARIOS = sorted(PARAMS.glob("*.yaml"))


def _ranged_in_yaml(node, path):
    """(dotted key, coordinate or None, low, high) of every {value, source, range} entry under ``node``."""
    out = []
    if isinstance(node, dict) and "value" in node and "source" in node:
        r = node.get("range")
        if r is None:
            return out
        if isinstance(r[0], list):
            out += [(".".join(path), i, float(lo), float(hi)) for i, (lo, hi) in enumerate(r)]
        else:
            out.append((".".join(path), None, float(r[0]), float(r[1])))
    elif isinstance(node, dict):
        for k, v in node.items():
            out += _ranged_in_yaml(v, (*path, str(k)))
    return out


CODED = [(p, s) for p in SCENARIOS for s in SECTIONS if read_yaml(p).get(s)]  # the sections each one codes


@pytest.mark.parametrize("path, section", CODED, ids=lambda x: getattr(x, "stem", x))
def test_every_ranged_value_has_a_control_with_its_range(path, section):
    expected = _ranged_in_yaml(read_yaml(path)[section], (section,))
    got = [(c.key, c.coordinate, c.low, c.high) for c in controls(load_scenario(path), section)]
    assert sorted(got, key=str) == sorted(expected, key=str) and got  # every section has something to move
    for c in controls(load_scenario(path), section):
        assert c.low <= c.value <= c.high and len(c.source) >= 3


def test_points_have_one_control_per_coordinate_and_move_as_a_whole():
    s = load_scenario(PARAMS / "founding_2001.yaml")
    cs = controls(s, "enlargement")
    china = [c for c in cs if c.key == "enlargement.members.China"]
    assert [c.coordinate for c in china] == [0, 1] and china[0].point == (-0.8, 0.7)
    ov = overrides_of(cs, {"enlargement.members.China[1]": 0.9})
    assert ov == {"enlargement.members.China": [-0.8, 0.9]}
    moved = load_scenario(PARAMS / "founding_2001.yaml", ov).enlargement.members["China"]
    assert moved.value == (-0.8, 0.9) and moved.source.startswith("override (was ")
    assert moved.range == ((-1, -0.6), (0.5, 0.9))  # within its range: the range is kept


def test_overrides_only_hold_changed_values_and_load_as_the_slider_says():
    path = PARAMS / "post_911_2002.yaml"
    cs = controls(load_scenario(path), "partnership")
    assert overrides_of(cs, {c.id: c.value for c in cs}) == {}
    c = cs[-1]
    ov = overrides_of(cs, {c.id: c.high})
    assert ov == {c.key: c.high}
    entry = getattr(load_scenario(path, ov).partnership, c.path[-1])
    assert entry.value == c.high and entry.range == (c.low, c.high)


def test_a_key_with_a_dot_is_nested():
    from sco_games.explorer.controls import Control

    c = Control("enlargement.documents.A.B.position", ("enlargement", "documents", "A.B", "position"), 0,
                0.0, -0.2, 0.2, "src", None, (0.0, -0.1))
    nested = {"enlargement": {"documents": {"A.B": {"position": [0.1, -0.1]}}}}
    assert overrides_of([c], {c.id: 0.1}) == nested


def test_unknown_section_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown section 'meta'; allowed: partnership, border, enlargement"):
        controls(load_scenario(PARAMS / "founding_2001.yaml"), "meta")


def test_a_section_the_scenario_does_not_code_is_a_clear_error():
    s = load_scenario(PARAMS / "astana_2017.yaml")  # codes the enlargement model only
    assert s.partnership is None
    with pytest.raises(ValueError, match="does not code the partnership model"):
        controls(s, "partnership")
