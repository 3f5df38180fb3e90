"""The scenario schema: every shipped file is valid, every kind of bad file is rejected with a message
that names the file and the key (and the value and the rule, where there is one)."""

from __future__ import annotations

import copy
import math

import pytest
import yaml

from sco_games.project import ProjectRootError, find_project_root
from sco_games.scenario import ScenarioError, find_scenarios, load_scenario
from tests.conftest import PARAMS


def _error(path, overrides=None) -> str:
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path, overrides)
    msg = str(exc.value)
    assert str(path) in msg, msg  # the message names the file
    assert isinstance(exc.value, ValueError)
    return msg


def _set(data: dict, dotted: str, value) -> None:
    cur = data
    *head, last = dotted.split(".")
    for part in head:
        cur = cur[part]
    target = cur[last]
    if isinstance(target, dict) and "value" in target:
        target["value"] = value
    else:
        cur[last] = value


def _numeric_paths(data: dict) -> list[str]:
    """Dotted paths (no list indexes) of the numeric sourced values of the small scenario."""
    s = load_scenario(PARAMS / "founding_2001.yaml")
    return [p for p, v, _ in s.sources()
            if "[" not in p and isinstance(v, (int, float)) and not isinstance(v, bool)]


# ------------------------------------------------------------------------------------- good files


@pytest.mark.parametrize("path", find_scenarios(PARAMS), ids=lambda p: p.stem)
def test_every_shipped_scenario_is_valid_and_named_after_its_file(path):
    s = load_scenario(path)
    assert s.name == path.stem
    assert all(len(src) >= 3 for _, _, src in s.sources())  # every value says where it comes from


def test_three_required_scenarios_exist():
    assert {p.stem for p in find_scenarios(PARAMS)} >= {"founding_2001", "post_911_2002", "iraq_2003"}


def test_a_relative_path_resolves_against_the_project_root(monkeypatch):
    monkeypatch.delenv("SCO_GAMES_ROOT", raising=False)
    monkeypatch.chdir(PARAMS.parent / "notebooks")  # a notebook run from notebooks/ in JupyterLab
    assert load_scenario("params/founding_2001.yaml").name == "founding_2001"
    assert find_scenarios() == find_scenarios(PARAMS)


def test_the_project_root_comes_from_the_environment_outside_the_checkout(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCO_GAMES_ROOT", str(PARAMS.parent))
    assert load_scenario("params/founding_2001.yaml").name == "founding_2001"


def test_no_project_root_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCO_GAMES_ROOT", raising=False)
    with pytest.raises(ProjectRootError, match="no sco-games project folder in .* --root DIR"):
        find_scenarios()
    with pytest.raises(ScenarioError, match="file not found"):  # a relative path stays as given
        load_scenario("params/founding_2001.yaml")
    with pytest.raises(ProjectRootError, match="not a sco-games project folder"):
        find_project_root(tmp_path)
    (tmp_path / "params").mkdir()
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "deep").mkdir()
    assert find_project_root(start=tmp_path / "notebooks" / "deep") == tmp_path.resolve()
    monkeypatch.setenv("SCO_GAMES_ROOT", str(tmp_path / "notebooks"))
    with pytest.raises(ProjectRootError, match=r"\$SCO_GAMES_ROOT"):
        find_project_root()


def test_valid_override_sets_the_value_and_marks_its_source(write_scenario, base_data):
    paths = _numeric_paths(base_data)
    if not paths:
        pytest.skip("the scenario has no numeric sourced value yet (model sections still empty)")
    key = paths[0]
    path = write_scenario(base_data)
    before = dict((p, v) for p, v, _ in load_scenario(path).sources())[key]
    s = load_scenario(path, {key: before})
    row = next(r for r in s.sources() if r[0] == key)
    assert row[1] == before and row[2].startswith("override")


# ------------------------------------------------------------------------------------- bad files


def test_unknown_key_is_named(write_scenario, base_data):
    base_data["meta"]["colour"] = "red"
    msg = _error(write_scenario(base_data))
    assert "meta.colour" in msg and "unknown key" in msg


@pytest.mark.parametrize("section", ["partnership", "border", "enlargement"])
def test_unknown_key_in_a_model_section_is_named(write_scenario, base_data, section):
    base_data[section] = dict(base_data.get(section) or {}, bogus_key={"value": 1.0, "source": "made up"})
    msg = _error(write_scenario(base_data))
    assert f"{section}.bogus_key" in msg and "unknown key" in msg


def test_unknown_top_level_section_is_named(write_scenario, base_data):
    base_data["trade"] = {}
    assert "trade: unknown key" in _error(write_scenario(base_data))


@pytest.mark.parametrize("key", ["title", "date", "description", "source"])
def test_missing_meta_key_is_named(write_scenario, base_data, key):
    del base_data["meta"][key]
    assert f"meta.{key}: missing" in _error(write_scenario(base_data))


def test_missing_meta_is_named(write_scenario, base_data):
    del base_data["meta"]
    assert "meta: missing" in _error(write_scenario(base_data))


@pytest.mark.parametrize("section", ["partnership", "border", "enlargement"])
def test_a_model_section_may_be_left_out(write_scenario, base_data, section):
    """Issue 13: a scenario codes the models it can source (tests/test_optional_sections.py)."""
    del base_data[section]
    s = load_scenario(write_scenario(base_data))
    assert getattr(s, section) is None and section not in s.sections


def test_missing_source_of_a_value_is_named(write_scenario, base_data):
    paths = _numeric_paths(base_data)
    if not paths:
        pytest.skip("the scenario has no sourced value yet")
    cur = base_data
    *head, last = paths[0].split(".")
    for part in head:
        cur = cur[part]
    del cur[last]["source"]
    assert f"{paths[0]}.source: missing" in _error(write_scenario(base_data))


def test_wrong_type_names_key_value_and_rule(write_scenario, base_data):
    base_data["meta"]["date"] = "sometime in 2001"
    msg = _error(write_scenario(base_data))
    assert "meta.date = 'sometime in 2001'" in msg and "date" in msg.split("=", 1)[1]


def test_wrong_type_of_a_number(write_scenario, base_data):
    paths = _numeric_paths(base_data)
    if not paths:
        pytest.skip("the scenario has no numeric sourced value yet")
    _set(base_data, paths[0], "lots")
    msg = _error(write_scenario(base_data))
    assert paths[0] in msg and "'lots'" in msg


def test_a_bare_number_where_a_sourced_value_belongs_says_what_to_write(write_scenario, base_data):
    base_data["partnership"]["border_stability"] = 5
    msg = _error(write_scenario(base_data))
    assert "partnership.border_stability = 5: must be a value with its source, {value: ..." in msg
    assert "FieldInfo" not in msg

def test_out_of_range_string_length(write_scenario, base_data):
    base_data["meta"]["title"] = "ab"
    msg = _error(write_scenario(base_data))
    assert "meta.title = 'ab'" in msg and "at least 3" in msg


def test_out_of_range_number_names_key_value_and_bound(write_scenario, base_data):
    """Try every numeric value at +-1e9 until one is out of its declared bounds."""
    for key in _numeric_paths(base_data):
        for bad in (-1e9, 1e9):
            data = copy.deepcopy(base_data)
            _set(data, key, bad)
            try:
                load_scenario(write_scenario(data))
            except ScenarioError as e:
                msg = str(e)
                assert key in msg and "1000000000" in msg and ("greater" in msg or "less" in msg), msg
                return
    pytest.skip("no bounded numeric value in the scenario yet")


@pytest.mark.parametrize("bad", [".nan", ".inf", "-.inf"])
def test_nan_and_infinity_are_rejected(write_scenario, base_data, bad):
    values = {q: v for q, v, _ in load_scenario(PARAMS / "founding_2001.yaml").sources()}
    paths = [p for p in _numeric_paths(base_data) if isinstance(values[p], float)]
    if not paths:
        pytest.skip("the scenario has no float sourced value yet")
    _set(base_data, paths[0], "__BAD__")
    text = yaml.safe_dump(base_data, sort_keys=False).replace("__BAD__", bad)
    msg = _error(write_scenario(text, "case"))
    assert paths[0] in msg and "finite" in msg


def test_nan_in_a_range_is_rejected(write_scenario, base_data):
    paths = _numeric_paths(base_data)
    if not paths:
        pytest.skip("the scenario has no sourced value yet")
    cur = base_data
    *head, last = paths[0].split(".")
    for part in head:
        cur = cur[part]
    cur[last]["range"] = [0.0, math.nan]
    msg = _error(write_scenario(base_data))
    assert f"{paths[0]}.range" in msg and "finite" in msg


def test_not_yaml(write_scenario):
    msg = _error(write_scenario("meta: {name: case, title: [unclosed\n", "case"))
    assert "not valid YAML" in msg and "line" in msg


def test_not_a_mapping(write_scenario):
    assert "top level is a list" in _error(write_scenario("- meta\n- border\n", "case"))


def test_a_scalar_is_not_a_mapping(write_scenario):
    assert "top level is a str" in _error(write_scenario("just words\n", "case"))


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(write_scenario, text):
    assert "empty" in _error(write_scenario(text, "case"))


def test_duplicate_key_is_named_with_its_line(write_scenario, base_data):
    text = yaml.safe_dump(base_data, sort_keys=False)
    text = text.replace("meta:\n", "meta:\n  title: first title\n", 1)
    msg = _error(write_scenario(text, "case"))
    assert "duplicate key 'title'" in msg and "line" in msg


def test_python_tags_are_refused_by_the_safe_loader(write_scenario):
    msg = _error(write_scenario("meta: !!python/object/apply:os.system ['echo pwned']\n", "case"))
    assert "not valid YAML" in msg


@pytest.mark.parametrize("bad_name", ["Founding", "../escape", "a b", "x" * 65, "-lead", "", "ok/../up"])
def test_bad_scenario_name_is_rejected(write_scenario, base_data, bad_name):
    base_data["meta"]["name"] = bad_name
    msg = _error(write_scenario(base_data, "case", keep_name=True))
    assert "meta.name" in msg


def test_name_must_equal_file_stem(write_scenario, base_data):
    base_data["meta"]["name"] = "something_else"
    msg = _error(write_scenario(base_data, "case", keep_name=True))
    assert "meta.name = 'something_else'" in msg and "'case'" in msg


def test_missing_file(tmp_path):
    msg = _error(tmp_path / "nope.yaml")
    assert "file not found" in msg


def test_a_folder_is_not_a_scenario(tmp_path):
    (tmp_path / "dir.yaml").mkdir()
    assert "folder" in _error(tmp_path / "dir.yaml")


def test_override_of_an_unknown_key_is_named(small_scenario):
    msg = _error(small_scenario, {"partnership.no_such_value": 1.0})
    assert "overrides.partnership.no_such_value" in msg and "no such key" in msg


def test_override_that_is_not_a_mapping(small_scenario):
    msg = _error(small_scenario, ["partnership.x", 1])  # type: ignore[arg-type]
    assert "overrides" in msg and "mapping" in msg


def test_override_with_a_bad_value_names_the_key(small_scenario):
    msg = _error(small_scenario, {"meta.date": "not a date"})
    assert "meta.date" in msg


def test_every_problem_is_reported_at_once(write_scenario, base_data):
    del base_data["meta"]["title"]
    base_data["meta"]["colour"] = "red"
    msg = _error(write_scenario(base_data))
    assert "meta.title: missing" in msg and "meta.colour: unknown key" in msg and "2 problem(s)" in msg


# ------------------------------------------------------------------------------------- hostile YAML


def _bomb(levels: int) -> str:
    """A "billion laughs": ``levels`` anchors, each a list of 9 aliases of the one above (9**levels
    strings once expanded), used as the title so that validation would walk and print all of it."""
    names = "abcdefghijklmnop"[:levels]
    lines = [f'{names[0]}: &{names[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip(names, names[1:], strict=False):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append(f"meta: {{name: case, title: *{names[-1]}, date: 2001-06-15, description: boom, "
                 "source: nowhere}")
    return "\n".join(lines) + "\n"


def test_an_alias_is_refused_with_its_line(write_scenario):
    msg = _error(write_scenario("meta:\n  title: &t some title\n  description: *t\n", "case"))
    assert "anchors and aliases" in msg and "line 2" in msg


def test_a_lone_alias_is_refused_with_its_line(write_scenario, base_data):
    text = yaml.safe_dump(base_data, sort_keys=False).replace("title:", "title: *nowhere\n  x:", 1)
    msg = _error(write_scenario(text, "case"))
    assert "alias *nowhere" in msg and "line" in msg


def test_an_alias_bomb_is_refused_before_expanding_in_a_few_mb(write_scenario):
    import tracemalloc

    path = write_scenario(_bomb(6), "case")  # 9**6 titles once expanded: seconds and ~100 MB before
    tracemalloc.start()
    try:
        msg = _error(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "anchors and aliases" in msg and "line 1" in msg
    assert peak < 4e6, peak  # memory, not wall time: the expansion is what costs, and it never happens


def test_a_file_over_the_size_cap_is_refused_before_parsing(write_scenario, base_data):
    from sco_games import scenario

    cap = getattr(scenario, "MAX_FILE_BYTES", 1_000_000)
    base_data["meta"]["name"] = "case"
    text = yaml.safe_dump(base_data, sort_keys=False) + "# " + "x" * cap + "\n"  # a valid file, padded
    msg = _error(write_scenario(text, "case"))
    assert "larger than" in msg and "not parsed" in msg


@pytest.mark.parametrize("levels", [25, 5000])
def test_nesting_deeper_than_the_cap_is_refused_with_its_line(write_scenario, levels):
    text = "meta:\n  title: " + "[" * levels + "x" + "]" * levels + "\n"
    msg = _error(write_scenario(text, "case"))
    assert "nested more than" in msg and "line 2" in msg


# ------------------------------------------------------------------------------- valid YAML, bad values


def test_an_impossible_date_names_the_key(write_scenario, base_data):
    text = yaml.safe_dump(base_data, sort_keys=False).replace("date: 2001-06-15", "date: 2005-13-05")
    msg = _error(write_scenario(text, "case"))
    assert "meta.date = '2005-13-05'" in msg and "month" in msg


def test_an_impossible_explicit_timestamp_is_a_yaml_error_with_its_line(write_scenario, base_data):
    text = yaml.safe_dump(base_data, sort_keys=False)
    text = text.replace("date: 2001-06-15", "date: !!timestamp 2005-13-05")
    msg = _error(write_scenario(text, "case"))
    assert "'2005-13-05' is not a date" in msg and "line" in msg


def _ranged_path() -> str:
    s = load_scenario(PARAMS / "founding_2001.yaml")
    for path, value, _ in s.sources():
        section, *rest = path.split(".")
        entry = getattr(s, section)
        for part in rest:
            entry = entry[part] if isinstance(entry, dict) else getattr(entry, part)
        if entry.range is not None and isinstance(value, float):
            return path
    raise AssertionError("the founding scenario has no ranged number")


def _entry(data: dict, dotted: str) -> dict:
    cur = data
    for part in dotted.split("."):
        cur = cur[part]
    return cur


def test_a_reversed_range_names_the_key(write_scenario, base_data):
    key = _ranged_path()
    entry = _entry(base_data, key)
    entry["range"] = list(reversed(entry["range"]))
    msg = _error(write_scenario(base_data))
    assert f"{key}.range" in msg and "reversed" in msg


def test_a_value_outside_its_own_range_names_the_key(write_scenario, base_data):
    key = _ranged_path()
    entry = _entry(base_data, key)
    lo, hi = entry["range"]
    entry["value"] = hi + 0.1 * (hi - lo)  # just outside, within the key's own bounds
    msg = _error(write_scenario(base_data))
    assert f"{key}.range" in msg and "outside its own range" in msg


def test_a_value_at_an_end_of_its_range_is_valid(write_scenario, base_data):
    key = _ranged_path()
    entry = _entry(base_data, key)
    entry["value"] = entry["range"][0]
    load_scenario(write_scenario(base_data))



def test_an_override_beyond_the_range_drops_the_range_and_says_so(small_scenario):
    """An override is a what-if: beyond the sources' spread is allowed, and the range no longer applies."""
    key = _ranged_path()
    lo, hi = _entry(yaml.safe_load(small_scenario.read_text(encoding="utf-8")), key)["range"]
    beyond = hi + 0.1 * (hi - lo)
    s = load_scenario(small_scenario, {key: beyond})
    section, name = key.split(".")
    entry = getattr(getattr(s, section), name)
    assert entry.value == beyond and entry.range is None
    assert entry.source.startswith("override (was") and "so no range" in entry.source
    inside = load_scenario(small_scenario, {key: lo})
    assert getattr(getattr(inside, section), name).range == (lo, hi)

# ------------------------------------------------------------------------------------------- overrides


def _row(s, key: str) -> tuple:
    return next(r for r in s.sources() if r[0] == key)


def test_a_nested_override_is_merged_like_the_dotted_one(small_scenario):
    nested = load_scenario(small_scenario, {"partnership": {"border_stability": 5}})
    dotted = load_scenario(small_scenario, {"partnership.border_stability": 5})
    assert nested == dotted
    assert nested.partnership.border_stability.value == 5.0
    untouched = load_scenario(small_scenario).partnership.security_guarantee
    assert nested.partnership.security_guarantee == untouched
    assert _row(nested, "partnership.border_stability")[2].startswith("override (was 3.0 from paper")


def test_nested_overrides_reach_any_depth(small_scenario):
    s = load_scenario(small_scenario, {"enlargement": {"weights": {"voice": 2.0}},
                                       "border.war_cost_china": 0.5})
    assert s.enlargement.weights.voice.value == 2.0 and s.border.war_cost_china.value == 0.5
    assert s.enlargement.weights.prestige.value == 1.0


def test_an_override_of_the_value_key_marks_the_source(small_scenario):
    s = load_scenario(small_scenario, {"partnership.us_stake_russia.value": 3.0})
    value, source = _row(s, "partnership.us_stake_russia")[1:]
    assert value == 3.0 and source.startswith("override (was 2.0 from paper fn 25")


def test_an_override_may_give_its_own_source(small_scenario):
    s = load_scenario(small_scenario, {"partnership.us_stake_russia": {"value": 3.0, "source": "my guess"}})
    assert _row(s, "partnership.us_stake_russia")[2].startswith("override: my guess (was 2.0 from paper")


def test_an_unknown_key_in_a_nested_override_is_named_in_dotted_form(small_scenario):
    msg = _error(small_scenario, {"partnership": {"border_stabilty": 5}})
    assert "overrides.partnership.border_stabilty: no such key" in msg
    assert "did you mean partnership.border_stability?" in msg


def test_a_key_overridden_twice_is_an_error(small_scenario):
    msg = _error(small_scenario, {"partnership": {"border_stability": 5}, "partnership.border_stability": 4})
    assert "overrides.partnership.border_stability: given twice" in msg



def test_an_override_may_set_a_range_with_the_value(small_scenario):
    key = _ranged_path()
    lo, hi = _entry(yaml.safe_load(small_scenario.read_text(encoding="utf-8")), key)["range"]
    beyond = hi + 0.1 * (hi - lo)
    s = load_scenario(small_scenario, {key: {"value": beyond, "range": [lo, beyond]}})
    section, name = key.split(".")
    assert getattr(getattr(s, section), name).range == (lo, beyond)
    msg = _error(small_scenario, {key: {"value": beyond, "range": [lo, hi]}})
    assert f"{key}.range" in msg and "outside its own range" in msg


def test_overriding_a_whole_section_with_a_number_names_it(small_scenario):
    assert "partnership = 5" in _error(small_scenario, {"partnership": 5})

