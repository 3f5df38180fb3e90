"""``sco-games run --set KEY=VALUE`` (issue 16): values parsed as YAML scalars, a bad key is exit 2 naming
the key and the allowed keys, and a what-if run reaches the notebook as its ``overrides`` parameter and is
written under ``reports/_whatif/`` (the real reports untouched)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sco_games.batch.cli import main
from sco_games.batch.runner import run
from sco_games.batch.whatif import WHATIF_FOLDER, WhatIfError, check_overrides, parse_sets
from tests.conftest import FIXTURES


@pytest.mark.parametrize("text, value", [
    ("4", 4), ("0.5", 0.5), ("true", True), ("[1, 5]", [1, 5]), ("2001-06-15", "2001-06-15"),
    ("hello world", "hello world"), ("", ""),
])
def test_set_values_are_yaml_scalars(text, value):
    assert parse_sets([f"partnership.x={text}"]) == {"partnership.x": value}


@pytest.mark.parametrize("items, msg", [
    (["partnership.x"], "expected KEY=VALUE"),
    (["=4"], "expected KEY=VALUE"),
    (["a.b=1", "a.b=2"], "given twice"),
    (["a.b=[1"], "not valid YAML"),
])
def test_bad_set_items_are_clear_errors(items, msg):
    with pytest.raises(WhatIfError, match=msg):
        parse_sets(items)


def test_unknown_key_names_the_key_and_the_allowed_keys(small_scenario):
    with pytest.raises(WhatIfError) as err:
        check_overrides([small_scenario], {"partnership.us_stake_rusia": 4})
    text = str(err.value)
    assert "partnership.us_stake_rusia" in text and "did you mean partnership.us_stake_russia?" in text
    assert "allowed keys of partnership:" in text and "us_stake_china" in text and "distrust_cost" in text


def test_unknown_section_lists_the_sections(small_scenario):
    with pytest.raises(WhatIfError, match=r"no such key.*its sections are border, enlargement, partnership"):
        check_overrides([small_scenario], {"nosuch.key": 1})


def test_bad_value_is_the_scenario_error(small_scenario):
    with pytest.raises(WhatIfError, match=r"partnership\.us_stake_russia\.value = 'abc'"):
        check_overrides([small_scenario], {"partnership.us_stake_russia": "abc"})


def test_cli_bad_key_exits_2_before_running(small_scenario, capsys, tmp_path):
    reports = tmp_path / "reports"
    rc = main(["run", "--set", "partnership.us_stake_rusia=4", "-s", str(small_scenario),
               "--reports", str(reports)])
    err = capsys.readouterr().err
    assert rc == 2
    assert "--set partnership.us_stake_rusia: no such key" in err and "us_stake_russia" in err
    assert not reports.exists()  # nothing written


def test_cli_help_says_where_what_if_reports_go(capsys):
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--set KEY=VALUE" in out and "reports/_whatif/<scenario>/" in out


def _value_notebook(folder: Path) -> Path:
    """tiny_ok with a sidecar that records the partnership value the notebook computed with."""
    nb = json.loads((FIXTURES / "tiny_ok.ipynb").read_text())
    nb["cells"][-1]["source"] = [
        "from sco_games.sidecar import write_sidecar\n",
        "write_sidecar(sidecar_path, {'headline': 'what-if', 'key_results': {\n",
        "    'us_stake_russia': scenario.partnership.us_stake_russia.value,\n",
        "    'source': scenario.partnership.us_stake_russia.source}})\n",
    ]
    folder.mkdir(exist_ok=True)
    path = folder / "tiny_value.ipynb"
    path.write_text(json.dumps(nb))
    return path


def test_what_if_run_reaches_the_notebook_and_goes_under_whatif(tmp_path, small_scenario):
    notebook = _value_notebook(tmp_path / "notebooks")
    real = tmp_path / "reports" / "small"
    real.mkdir(parents=True)
    (real / "tiny_value.html").write_text("the real report")
    summary = run([small_scenario], [notebook], jobs=1, progress=False, log=lambda m: None, timeout=120,
                  root=tmp_path, overrides={"partnership.us_stake_russia": 4})
    assert [o.status for o in summary.outcomes] == ["ok"]
    folder = tmp_path / "reports" / WHATIF_FOLDER / "small"
    side = json.loads((folder / "tiny_value.json").read_text())
    assert side["key_results"]["us_stake_russia"] == 4
    assert side["key_results"]["source"].startswith("override (was ")
    assert (real / "tiny_value.html").read_text() == "the real report"  # untouched
    stamp = json.loads((folder / ".tiny_value.stamp.json").read_text())
    assert stamp["inputs"]["overrides"] == {"partnership.us_stake_russia": 4}
    again = run([small_scenario], [notebook], jobs=1, progress=False, log=lambda m: None, timeout=120,
                root=tmp_path, overrides={"partnership.us_stake_russia": 5})
    assert [o.status for o in again.outcomes] == ["ok"]  # another what-if is not "unchanged"
    assert json.loads((folder / "tiny_value.json").read_text())["key_results"]["us_stake_russia"] == 5
    shutil.rmtree(tmp_path / "reports")
