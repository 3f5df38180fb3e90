"""The index from hand-made stamps and sidecars: claim verdicts (both sidecar shapes), record flags, the
all-scenario section, escaping."""

from __future__ import annotations

import json
from pathlib import Path

from sco_games.batch.report_index import ALL_FOLDER, claim_rows, contradictions, index_html


def _pair(reports: Path, scen: str, nb: str, side: dict, status: str = "ok") -> None:
    folder = reports / scen
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{nb}.html").write_text("<html></html>")
    (folder / f"{nb}.json").write_text(json.dumps(side))
    stamp = {"scenario": scen, "notebook": nb, "scenario_title": f"title of {scen}",
             "scenario_date": "2001-06-15", "status": status, "finished": "now", "seconds": 1.0}
    (folder / f".{nb}.stamp.json").write_text(json.dumps(stamp))


LIST_CLAIMS = [
    {"id": "E1", "claim": "enlargement costs effectiveness", "verdict": "reproduced",
     "because": "winset shrinks"},
    {"id": "E2", "claim": "Uzbekistan goes cool", "verdict": "not reproduced", "because": "inside pays more"},
    {"id": "E3", "claim": "x", "verdict": "partly", "because": ""},
    {"id": "E4", "claim": "y", "verdict": "not applicable", "because": "already a member"},
]
RECORD = [
    {"id": "R1", "question": "Is India admitted in 2001?", "predicted": "admitted", "observed": "not invited",
     "agrees": False, "source": "paper §3-2"},
    {"id": "R2", "question": "Does the SCO form?", "predicted": "yes", "observed": "yes", "agrees": True,
     "source": "Charter"},
    {"id": "R3", "question": "Unsettled?", "predicted": "a", "observed": "?", "agrees": None, "source": "-"},
]


def test_claim_rows_accept_the_list_and_the_old_dict():
    assert claim_rows({"claims": LIST_CLAIMS})[1] == LIST_CLAIMS[1]
    assert claim_rows({"claims": {"P1": "reproduced", "P2": "partly"}}) == [
        {"id": "P1", "claim": "", "verdict": "reproduced", "because": ""},
        {"id": "P2", "claim": "", "verdict": "partly", "because": ""}]
    assert claim_rows({}) == [] and claim_rows({"claims": "oops"}) == []
    assert claim_rows({"claims": [{"id": "X"}, 3, {"verdict": "partly"}]}) == []  # malformed entries skipped


def test_contradictions_are_only_agrees_false():
    assert [r["id"] for r in contradictions({"record": RECORD})] == ["R1"]
    assert contradictions({"record": [{"id": "R9", "agrees": 0}]}) == []  # 0 is not false in JSON terms
    assert contradictions({}) == [] and contradictions({"record": {"R1": False}}) == []


def test_index_shows_each_verdict_and_flags_a_contradicted_pair(tmp_path):
    reports = tmp_path / "reports"
    _pair(reports, "founding_2001", "04_enlargement",
          {"headline": "h4", "claims": LIST_CLAIMS, "record": RECORD})
    _pair(reports, "founding_2001", "02_partnership", {"headline": "h2", "claims": {"P1": "reproduced"},
                                                        "record": RECORD[1:]})
    page = index_html(reports)
    for cls in ("v-reproduced", "v-not-reproduced", "v-partly", "v-not-applicable"):
        assert f'class="v {cls}"' in page
    assert "winset shrinks" in page and 'title="enlargement costs effectiveness: winset shrinks"' in page
    assert page.count("contradicts the record") == 1  # only the pair with an agrees: false entry
    assert "Is India admitted in 2001?" in page and "not invited" in page
    assert "<b>P1</b>" in page  # the old dict shape still shows


def test_index_without_claims_or_record_shows_neither(tmp_path):
    reports = tmp_path / "reports"
    _pair(reports, "small", "tiny", {"headline": "h"})
    page = index_html(reports)
    assert 'class="claims"' not in page and "contradicts the record" not in page


def test_index_escapes_sidecar_text(tmp_path):
    reports = tmp_path / "reports"
    evil = '<script>alert("x")</script>'
    _pair(reports, "small", "tiny", {
        "headline": "h", "claims": [{"id": evil, "claim": evil, "verdict": evil, "because": evil}],
        "record": [{"id": "R", "question": evil, "predicted": evil, "observed": evil, "agrees": False,
                    "source": evil}]})
    page = index_html(reports)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'class="v v-unknown"' in page  # an unknown verdict word is shown, greyed


def test_all_scenario_notebooks_get_their_own_section(tmp_path):
    reports = tmp_path / "reports"
    _pair(reports, "small", "tiny", {"headline": "per scenario"})
    _pair(reports, ALL_FOLDER, "90_comparison", {"headline": "what 9/11 and Iraq change"})
    page = index_html(reports)
    assert "Across all scenarios" in page and "what 9/11 and Iraq change" in page
    assert f'href="{ALL_FOLDER}/90_comparison.html"' in page
    grid = page.split("Across all scenarios")[0]
    assert "90_comparison" not in grid and ALL_FOLDER + "<" not in grid  # not a scenario row or column
    assert "Across all scenarios" not in index_html(tmp_path / "empty")


def test_each_claim_shows_its_probability_from_the_robustness_sidecar(tmp_path):
    _pair(tmp_path, "s1", "04_enlargement", {"headline": "h", "claims": LIST_CLAIMS})
    _pair(tmp_path, "s1", "05_robustness", {"headline": "r", "claims": [
        {"id": "E1", "verdict": "reproduced", "probability": 0.7312, "stderr": 0.0123},
        {"id": "E2", "verdict": "partly", "probability": 0.5, "stderr": 0.01}]})  # another verdict: not shown
    html = index_html(tmp_path)
    assert html.count("73% ± 1") == 2  # beside E1's verdict in notebook 04's cell, and in 05's own
    assert "50% ± 1" in html and html.count("50% ± 1") == 1  # E2's 'partly' appears in 05's cell only
