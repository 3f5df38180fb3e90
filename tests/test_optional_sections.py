"""Optional model sections (issue 13): a scenario codes the models it can source; the runner skips a notebook
whose section is missing, the index says so, validate/list and the comparison cope."""

from __future__ import annotations

import json

import pytest

from sco_games.batch import cli as cli_mod
from sco_games.batch.report_index import NOT_CODED, index_html
from sco_games.batch.runner import UsageError, notebook_requires, plan_pairs, run
from sco_games.comparison import NOT_CODED as CMP_NOT_CODED
from sco_games.comparison import compare
from sco_games.scenario import SECTIONS, ScenarioError, load_scenario


def _require(nb_path, sections):
    d = json.loads(nb_path.read_text(encoding="utf-8"))
    d["metadata"]["sco_games"] = {"requires": sections}
    nb_path.write_text(json.dumps(d), encoding="utf-8")
    return nb_path


def test_a_scenario_may_leave_sections_out_but_not_all(write_scenario, base_data):
    del base_data["border"]
    s = load_scenario(write_scenario(base_data, "noborder"))
    assert s.border is None and s.sections == ("partnership", "enlargement")
    assert s.missing(["border", "enlargement"]) == ("border",)
    with pytest.raises(ValueError, match="not a scenario section"):
        s.missing(["borders"])
    for sec in SECTIONS:
        base_data.pop(sec, None)
    with pytest.raises(ScenarioError, match="no model section"):
        load_scenario(write_scenario(base_data, "empty"))


def test_the_shipped_notebooks_declare_their_sections():
    from sco_games.project import find_project_root

    nbs = find_project_root() / "notebooks"
    assert notebook_requires(nbs / "02_partnership.ipynb") == ("partnership",)
    assert notebook_requires(nbs / "03_border.ipynb") == ("border",)
    assert notebook_requires(nbs / "04_enlargement.ipynb") == ("enlargement",)
    assert notebook_requires(nbs / "01_overview.ipynb") == ()  # it degrades: meta and whatever is coded


def test_a_bad_requires_declaration_names_the_notebook(tiny_notebook):
    nb = _require(tiny_notebook("tiny_ok"), ["borders"])
    with pytest.raises(UsageError, match=r"tiny_ok.ipynb: metadata sco_games.requires"):
        notebook_requires(nb)


def test_plan_marks_the_missing_section(write_scenario, base_data, tiny_notebook):
    full = write_scenario(dict(base_data), "full")
    del base_data["border"]
    part = write_scenario(base_data, "part")
    nb = _require(tiny_notebook("tiny_ok"), ["border"])
    free = tiny_notebook("tiny_ok", "tiny_free")
    got = {p.label: p.missing for p in plan_pairs([full, part], [nb, free])}
    assert got == {"full/tiny_ok": (), "full/tiny_free": (), "part/tiny_ok": ("border",),
                   "part/tiny_free": ()}


def test_the_runner_skips_a_pair_without_its_section_and_the_index_says_so(
        tmp_path, write_scenario, base_data, tiny_notebook):
    del base_data["border"]
    part = write_scenario(base_data, "small")  # tiny_ok's headline names the scenario
    nb = _require(tiny_notebook("tiny_ok"), ["border"])
    reports = tmp_path / "reports"
    summary = run([part], [nb], reports_dir=reports, jobs=1, progress=False, log=lambda m: None, timeout=120)
    assert [o.status for o in summary.outcomes] == ["not-coded"]
    folder = reports / "small"
    assert not (folder / "tiny_ok.html").exists() and not (folder / "tiny_ok.json").exists()
    stamp = json.loads((folder / ".tiny_ok.stamp.json").read_text())
    assert stamp["status"] == "not-coded" and stamp["missing"] == ["border"]
    page = (reports / "index.html").read_text(encoding="utf-8")
    assert NOT_CODED in page and "no border section" in page and 'href="small/tiny_ok.html"' not in page
    assert "1 not-coded" in index_html(reports)


def test_validate_and_list_show_the_sections(write_scenario, base_data, capsys, tmp_path):
    del base_data["partnership"]
    path = write_scenario(base_data, "nopart")
    (tmp_path / "notebooks").mkdir()
    assert cli_mod.main(["validate", str(path)]) == 0
    assert "sections: border, enlargement" in capsys.readouterr().out
    assert cli_mod.main(["list", "--root", str(tmp_path)]) == 0
    assert "[border, enlargement]" in capsys.readouterr().out


def test_the_comparison_skips_a_missing_section(write_scenario, base_data):
    full = load_scenario(write_scenario(dict(base_data), "full"))
    data = {k: v for k, v in base_data.items() if k in ("meta", "enlargement")}
    data["meta"] = dict(data["meta"], date="2017-06-08")
    only = load_scenario(write_scenario(data, "only"))
    cmp = compare([full, only])
    assert set(cmp.rows[1].models) == {"enlargement"}
    border_claims = [cid for cid, m in cmp.claims if m == "border"]
    assert border_claims and all(cmp.cells[c]["only"] == CMP_NOT_CODED for c in border_claims)
    assert all(cmp.cells[c]["full"] != CMP_NOT_CODED for c in border_claims)
