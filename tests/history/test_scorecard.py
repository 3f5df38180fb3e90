"""The enlargement scorecard: Brier score and hit rate on hand-made cases with known answers, the baselines,
the aggregation of the admission table, the draws, and the dated scenarios against the record."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import numpy as np
import pytest

from sco_games.history import record
from sco_games.history import scorecard as sc
from sco_games.models.common import draw_sections
from sco_games.models.enlargement import CandidateStatuses, EnlargementModel
from sco_games.scenario import load_scenario
from sco_games.uncertainty.robustness import model_seed
from sco_games.uncertainty.sampling import to_draws, unit_sample
from sco_games.uncertainty.space import uncertainties
from tests.conftest import PARAMS

DATED = ["tashkent_2004", "astana_2005", "astana_2017", "new_delhi_2023", "astana_2024"]
D = dt.date(2017, 6, 8)


def _row(c, held, pred, obs, p, scen="s", date=D):
    return sc.Prediction(scen, date, c, held, pred, obs, p)


def test_brier_by_hand():
    assert sc.brier([1.0, 0.0], [True, False]) == 0.0
    assert sc.brier([0.5] * 4, [True, False, True, True]) == 0.25
    assert sc.brier([0.8, 1.0, 0.25], [True, False, True]) == pytest.approx((0.04 + 1 + 0.5625) / 3)
    with pytest.raises(ValueError, match="same"):
        sc.brier([0.5], [True, False])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        sc.brier([1.5], [True])


def test_score_of_a_hand_made_case():
    rows = [_row("A", "none", "observer", "observer", 0.8),   # hit, upgraded
            _row("B", "none", "member", "none", 1.0),         # miss, not upgraded
            _row("C", "observer", "observer", "member", 0.25)]  # miss (exact status), upgraded
    s = sc.score("m", rows)
    assert (s.n, s.hits) == (3, 1) and s.hit_rate == pytest.approx(1 / 3)
    assert s.brier == pytest.approx((0.2 ** 2 + 1.0 + 0.75 ** 2) / 3)


def test_baselines_by_hand_on_the_record():
    cands, held = ["Mongolia", "India", "Belarus"], {"Mongolia": "observer", "India": "observer",
                                                     "Belarus": "observer"}
    assert sc.BASELINES["nobody"](D, cands, held) == held
    # by 8 June 2017 India had asked for membership (2014), Mongolia never did, Belarus not yet (2022)
    assert sc.BASELINES["applicants"](D, cands, held) == {"Mongolia": "observer", "India": "member",
                                                          "Belarus": "observer"}
    # the paper's list: Mongolia first; it moves up one stage, nobody else moves
    assert sc.BASELINES["paper order"](D, cands, held) == {"Mongolia": "member", "India": "observer",
                                                           "Belarus": "observer"}
    assert sc.BASELINES["paper order"](D, ["India", "Iran"], {"India": "member", "Iran": "none"}) == {
        "India": "member", "Iran": "dialogue_partner"}


def test_baseline_predictions_keep_the_events_and_score_them():
    rows = [_row("India", "observer", "observer", "member", 0.0),
            _row("Mongolia", "observer", "observer", "observer", 0.0)]
    got = sc.baseline_predictions("applicants", rows)
    assert [(r.candidate, r.predicted, r.p_upgrade) for r in got] == [("India", "member", 1.0),
                                                                       ("Mongolia", "observer", 0.0)]
    s = sc.score("applicants", got)
    assert (s.hits, s.brier) == (2, 0.0)


def _fake_model(held, rows):
    return SimpleNamespace(world=SimpleNamespace(candidates=tuple(held)), held=lambda c: held[c],
                           admission_table=lambda: rows)


def test_model_statuses_take_the_best_of_alone_and_package():
    rows = [CandidateStatuses(("India",), {}, None, "observer"),
            CandidateStatuses(("Pakistan",), {}, None, "observer"),
            CandidateStatuses(("Iran",), {}, "observer", None),
            CandidateStatuses(("India", "Pakistan"), {}, "member", "observer")]
    m = _fake_model({"India": "observer", "Pakistan": "observer", "Iran": None}, rows)
    assert sc.model_statuses(m) == {"India": "member", "Pakistan": "member", "Iran": "observer"}
    rows[3] = CandidateStatuses(("India", "Pakistan"), {}, None, "observer")
    assert sc.model_statuses(_fake_model({"India": "observer", "Pakistan": "observer", "Iran": None},
                                         rows))["India"] == "observer"


def test_upgrade_draws_are_the_uncertainty_layers_draws_through_the_model():
    """The upgrade draws against the model itself (EnlargementModel + model_statuses on each drawn section)
    on the robustness layer's draws: the same space, design and seed stream as the robustness report."""
    p = load_scenario(PARAMS / "astana_2024.yaml").enlargement
    got = sc.upgrade_draws(p, 6, seed=3)
    uncs = uncertainties(p)
    draws = to_draws(uncs, unit_sample(len(uncs), 6, model_seed(3, "enlargement"), "lhs"))
    sections = draw_sections(p, draws, "test")
    for c in p.enlargement_order.value:
        held = p.statuses_held[c].value if c in p.statuses_held else "none"
        by_model = [record.rank(sc.model_statuses(EnlargementModel(q))[c]) > record.rank(held)
                    for q in sections]
        assert got[c].tolist() == by_model, c
    again = sc.upgrade_draws(p, 6, seed=3)
    assert all(np.array_equal(got[c], again[c]) for c in got)  # the seed is an argument


@pytest.mark.parametrize("name", DATED)
def test_dated_scenarios_validate_and_agree_with_the_record_on_their_date(name):
    s = load_scenario(PARAMS / f"{name}.yaml")
    assert s.sections == ("enlargement",) and s.meta.date.year >= 2004
    p = s.enlargement
    assert "Mongolia" in p.candidates
    for m in p.members:  # every member is a member on the date, every candidate holds what the record says
        assert record.status_on(m, s.meta.date) == "member", m
    for c in p.candidates:
        held = p.statuses_held[c].value if c in p.statuses_held else "none"
        assert record.status_on(c, s.meta.date) == held, c
    assert {"E2", "E3", "E4", "E5"} <= set(p.claims_not_asked) <= {"E2", "E3", "E4", "E5", "E6"}
    # E6 ranks outsiders: not asked where every candidate already holds a status
    assert ("E6" in p.claims_not_asked) == all(c in p.statuses_held for c in p.candidates)


def test_predict_reads_the_record_in_the_window():
    s = load_scenario(PARAMS / "astana_2017.yaml")
    rows = {r.candidate: r for r in sc.predict(s, n_draws=0)}
    assert rows["India"].observed == rows["Pakistan"].observed == "member"
    assert rows["Iran"].observed == "observer" and rows["Mongolia"].observed == "observer"
    late = {r.candidate: r for r in sc.predict(s, n_draws=0, window_days=365 * 7)}
    assert late["Iran"].observed == "member"  # the window decides what counts as "what happened"
    assert all(r.p_upgrade == float(record.rank(r.predicted) > record.rank(r.held)) for r in rows.values())


def test_probabilities_are_shares_of_the_draws():
    s = load_scenario(PARAMS / "astana_2024.yaml")
    rows = sc.predict(s, n_draws=5, seed=3)
    ups = sc.upgrade_draws(s.enlargement, 5, seed=3)
    assert [r.p_upgrade for r in rows] == [ups[r.candidate].sum() / 5 for r in rows]
    assert [r.p_upgrade for r in rows] == [r.p_upgrade for r in sc.predict(s, n_draws=5, seed=3)]


def test_the_scorecard_over_the_dated_scenarios():
    scen = [load_scenario(PARAMS / f"{n}.yaml") for n in DATED + ["iraq_2003"]]
    card = sc.scorecard(scen, n_draws=0)
    assert list(card.by_scenario()) == DATED  # date order; the paper's own scenarios are not scored
    assert [x.predictor for x in card.scores] == ["model", "nobody", "applicants", "paper order"]
    n = sum(len(load_scenario(PARAMS / f"{x}.yaml").enlargement.candidates) for x in DATED)
    assert all(x.n == n for x in card.scores)
    nobody = dict((x.predictor, x) for x in card.scores)["nobody"]
    upgrades = sum(r.upgraded for r in card.model)
    assert nobody.brier == pytest.approx(upgrades / n)  # it predicts 0 everywhere
    assert nobody.hits == n - upgrades
    side = card.sidecar()
    assert side["record"] and all(isinstance(r["agrees"], bool) for r in side["record"])


def test_findings_follow_the_scores():
    rows = (_row("A", "none", "observer", "observer", 1.0), _row("B", "observer", "observer", "member", 0.0),
            _row("C", "none", "member", "none", 1.0))
    base = {n: tuple(sc.baseline_predictions(n, rows)) for n in sc.BASELINES}
    card = sc.Scorecard(rows, base, (sc.score("model", rows), *(sc.score(n, b) for n, b in base.items())),
                        30, 0, 1)
    text = " ".join(sc.findings(card))
    assert "gets 1 statuses right (33%)" in text
    assert "less than happened: B became member at the summit after 2017-06-08 (the model: observer)." in text
    assert "more than happened: C member at the summit after 2017-06-08 (the record: none)." in text
    nobody = sc.score("nobody", base["nobody"])  # A: miss (none), B: miss, C: hit -> 1 right, as many
    assert nobody.hits == 1 and "baseline 'nobody' (1 right" in text and "as many statuses" in text


def test_no_dated_scenario_scores_nothing_and_says_so():
    card = sc.scorecard([load_scenario(PARAMS / "founding_2001.yaml")], n_draws=0)
    assert card.model == () and card.scores[0].n == 0
    assert "nothing scored" in card.headline() and sc.findings(card) == [card.headline() + "."]
    assert card.sidecar()["key_results"]


def test_the_history_notebook_runs_through_the_runner(tmp_path):
    """Notebook 06 over two dated scenarios and one of the paper's (not scored), through the runner."""
    from sco_games.batch.runner import ALL_SCENARIOS, run
    from tests.conftest import ROOT

    paths = [PARAMS / f"{n}.yaml" for n in ("iraq_2003", "tashkent_2004", "astana_2024")]
    summary = run(paths, [ROOT / "notebooks" / "06_history.ipynb"], reports_dir=tmp_path / "r", jobs=1,
                  progress=False, log=lambda m: None, timeout=300)
    (out,) = summary.outcomes
    assert out.status == "ok", out.error
    side = json.loads((tmp_path / "r" / ALL_SCENARIOS / "06_history.json").read_text())
    assert "2 dated scenarios" in side["headline"]
    expected = sc.scorecard([load_scenario(p) for p in paths]).sidecar()
    assert side["scores"] == expected["scores"]  # the report shows the library's scorecard, nothing else
    page = (tmp_path / "r" / ALL_SCENARIOS / "06_history.html").read_text(encoding="utf-8")
    assert "The second axis in UN votes" in page and "Facts to check" in page
