"""The lesson layer of the reports 01, 05, 06 and 90: every "try it yourself" instruction is run (the scenario
with its overrides, or the notebook's scenario_paths, through the library's own path: load_scenario, the
uncertainty layer, the history scorecard, the comparison) and changes the result as its text says; the
summaries and answers come from the results; the links of a report over every scenario resolve in the
reports tree."""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import pytest

from sco_games import lessons
from sco_games.comparison import ModelSummary, ScenarioSummary, compare
from sco_games.data.timeline import TIMELINE
from sco_games.history import scorecard as sc
from sco_games.lessons.comparison import comparison_lesson, moves_between
from sco_games.lessons.history import history_lesson
from sco_games.lessons.overview import overview_lesson
from sco_games.lessons.robustness import robustness_lesson
from sco_games.models.common import Claim
from sco_games.scenario import find_scenarios, load_scenario
from sco_games.uncertainty.robustness import robustness

ROOT = Path(__file__).resolve().parents[2]
ALL = [p.stem for p in find_scenarios(ROOT / "params")]
#: the comparison's tests: two scenarios (a comparison runs every model's report for each: slow)
PAIR = ["founding_2001", "post_911_2002"]


def _scen(name, overrides=None):
    return load_scenario(ROOT / "params" / f"{name}.yaml", overrides)


def _instruction_names(t):
    assert f"notebooks/{t.notebook}.ipynb" in t.instruction
    if t.scenario_paths is None:
        assert f"params/{t.scenario}.yaml" in t.instruction
        assert lessons.override_text(t.overrides) in t.instruction
    else:
        assert f"scenario_paths: {list(t.scenario_paths)!r}" in t.instruction
        assert all((ROOT / p).is_file() for p in t.scenario_paths)


# -- 01 overview ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_overview_try_it_changes_the_events_so_far(name):
    les = overview_lesson(_scen(name))
    assert les.try_it, f"{name}: no try-it instruction"
    (t,) = les.try_it

    def so_far(sc_):  # counted here, as the notebook does, from the loaded scenario
        return f"{len([e for e in TIMELINE if e.date <= sc_.meta.date])} of {len(TIMELINE)}"

    assert t.before != t.after
    assert so_far(_scen(name)) == t.before
    assert so_far(_scen(name, dict(t.overrides))) == t.after  # the override loads: a valid scenario
    _instruction_names(t)
    assert len(les.summary) == 3 and f"{t.before.split()[0]} of the {len(TIMELINE)} events" in les.summary[0]


def test_overview_summary_states_the_capabilities():
    from sco_games.data.capabilities import capabilities

    caps = capabilities()
    members = ["China", "Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan"]
    les = overview_lesson(_scen("founding_2001"))
    assert f"{sum(caps[s].cinc for s in members):.1%}" in les.summary[1]
    p = caps["China"].cinc / (caps["China"].cinc + caps["Tajikistan"].cinc)
    assert f"{p:.3f}" in les.summary[1] and f"{p:.3f}" in les.questions[1].answer


# -- 05 robustness ----------------------------------------------------------------------------------------


@cache
def _robust(name):
    return robustness(_scen(name), n=128, seed=0, sobol_n=16).to_dict()


def _coded_verdicts(scenario):
    """Every claim's verdict at the coded values, as the uncertainty layer computes it (a tiny run)."""
    res = robustness(scenario, n=4, seed=0, sobol_n=None, check=False).to_dict()
    return {v["claim"]: v["nominal"] for m in res["models"] for v in m["verdicts"]}


@pytest.mark.parametrize("name", ["founding_2001", "astana_2017"])
def test_robustness_try_it_flips_the_coded_verdict_as_it_says(name):
    result = _robust(name)
    les = robustness_lesson(result, _scen(name))
    assert les.try_it, f"{name}: no try-it instruction"
    (t,) = les.try_it
    claim = t.what.split("'")[0]
    assert t.before != t.after
    assert _coded_verdicts(_scen(name))[claim] == t.before
    assert _coded_verdicts(_scen(name, dict(t.overrides)))[claim] == t.after
    _instruction_names(t)


@pytest.mark.parametrize("name", ["founding_2001", "astana_2017"])
def test_robustness_summary_and_answers_come_from_the_result(name):
    result = _robust(name)
    les = robustness_lesson(result, _scen(name))
    rows = [(v["claim"], v["holds"], v["n"]) for m in result["models"] for v in m["verdicts"]]
    robust = sum(h >= 0.9 for _, h, _ in rows)
    assert f"{robust} of the {len(rows)} claims" in les.summary[0]
    assert f"{result['n']} scenarios" in les.summary[0]
    cid, p, n = min(rows, key=lambda r: (r[1], r[0]))
    assert f"least robust is {cid} " in les.summary[1] and f"{p:.1%}" in les.summary[1]
    assert f"{math.sqrt(p * (1 - p) / n):.4f}" in les.questions[0].answer
    assert {t.term for t in les.terms} >= {"Monte Carlo standard error", "Latin hypercube", "Sobol index",
                                           "PRIM (scenario discovery)"}


# -- 06 history -------------------------------------------------------------------------------------------

N_DRAWS = 4  # the lesson takes any scorecard; a few draws keep the test fast


@cache
def _card(names):
    return sc.scorecard([_scen(n) for n in names], n_draws=N_DRAWS)


def test_history_try_it_changes_the_hits_as_it_says():
    card = _card(tuple(ALL))
    dated = list(card.by_scenario())
    les = history_lesson(card, dated, ("not reproduced", "because."))
    (t,) = les.try_it
    assert t.before == f"{card.scores[0].hits} of {card.scores[0].n} ({card.scores[0].hit_rate:.0%})"
    sub = _card(tuple(Path(p).stem for p in t.scenario_paths)).scores[0]  # scored again, on those alone
    assert t.after == f"{sub.hits} of {sub.n} ({sub.hit_rate:.0%})" != t.before
    _instruction_names(t)


def test_history_summary_states_the_brier_score_and_the_base_rate():
    card = _card(tuple(ALL))
    les = history_lesson(card, list(card.by_scenario()))
    m = card.scores[0]
    assert f"{m.hits} times" in les.summary[0] and f"{m.brier:.3f}" in les.summary[0]
    outcomes = [r.upgraded for r in card.model]
    b = sum(outcomes) / len(outcomes)
    assert f"{sc.brier([b] * len(outcomes), outcomes):.3f}" in les.summary[2]  # the base rate's Brier score
    assert {t.term for t in les.terms} >= {"Brier score", "base rate", "hit"}
    for r in card.model:
        assert (f"{r.candidate} at {r.scenario}" in les.questions[2].answer) == (not r.hit)


# -- 90 comparison ----------------------------------------------------------------------------------------


@cache
def _cmp(names):
    return compare([_scen(n) for n in names])


@pytest.mark.slow
def test_comparison_try_it_changes_the_verdict_changes_as_it_says():
    """On real scenarios (slow: a comparison runs every model's report for each scenario)."""
    cmp = _cmp(tuple(PAIR))
    les = comparison_lesson(cmp)
    (t,) = les.try_it
    assert t.before == str(cmp.moved)
    sub = _cmp(tuple(Path(p).stem for p in t.scenario_paths))  # compared again, on those alone
    assert t.after == str(sub.moved) != t.before
    assert f"{t.after} verdict change(s)" in sub.headline()
    _instruction_names(t)


def _row(name, date, **claims):
    """A scenario's summary with the given claims (id -> (model, verdict)); a model not named: not coded."""
    models = {}
    for cid, (model, verdict) in claims.items():
        models.setdefault(model, []).append(Claim(cid, "c", verdict, "", ""))
    return ScenarioSummary(name, name, date, {m: ModelSummary(m, "h", tuple(cs)) for m, cs in models.items()})


def test_comparison_try_it_counts_what_the_comparison_of_fewer_scenarios_counts():
    """Built comparisons (fast): a claim only a dropped scenario states leaves the table (its 'not coded' and
    'not assessed' cells are not counted); the try-it's count is that of compare() on the rows it keeps."""
    a = _row("a", "2001", P1=("partnership", "partly"), E1=("enlargement", "partly"))
    b = _row("b", "2002", P1=("partnership", "reproduced"), P9=("partnership", "partly"),
             E1=("enlargement", "reproduced"))
    c = _row("c", "2017", E1=("enlargement", "partly"))  # codes no partnership
    d = _row("d", "2018", E1=("enlargement", "reproduced"))
    rows = [a, b, c, d]
    cmp = compare(rows=rows)
    assert moves_between(cmp.cells, "abcd") == cmp.moved
    for keep in (["a", "c"], ["a", "b"], ["b", "d"], ["a", "d"], ["c", "d"]):
        sub = compare(rows=[r for r in rows if r.name in keep])
        assert moves_between(cmp.cells, keep) == sub.moved, keep
    les = comparison_lesson(cmp)
    (t,) = les.try_it
    assert [Path(p).stem for p in t.scenario_paths] == ["a", "b"]  # first and last coding every model
    assert t.after == str(compare(rows=[a, b]).moved) != t.before
    assert f"{len(cmp.claims)} of the paper's claims" in les.summary[0]
    assert "P1 (partly)" not in les.questions[1].answer and "P9 (partly)" in les.questions[1].answer
    assert "c, d code no partnership section" in les.questions[2].answer


def test_reports_over_every_scenario_link_to_each_scenario_and_to_each_other():
    for nb in ("06_history", "90_comparison"):
        others, nbs = lessons.links_for(nb, None, ROOT)
        assert {k.label for k in others} == set(ALL)
        assert all(k.href == f"../{k.label}/01_overview.html" for k in others)
        other = "90_comparison" if nb == "06_history" else "06_history"
        assert {k.href for k in nbs} == {f"{other}.html", "../index.html"}


def test_a_dated_scenario_links_only_to_the_reports_it_has():
    _, nbs = lessons.links_for("05_robustness", "astana_2017", ROOT)
    labels = {k.label for k in nbs}
    assert "04_enlargement" in labels and not labels & {"02_partnership", "03_border"}
    _, nbs = lessons.links_for("05_robustness", "founding_2001", ROOT)
    assert {"02_partnership", "03_border", "04_enlargement", "01_overview"} <= {k.label for k in nbs}


def test_rendering_a_report_over_every_scenario_names_its_links():
    les = lessons.Lesson("m", "90_comparison", "every scenario", ("a.", "b.", "c."), (), (), (),
                         (lessons.Link("s", "../s/01_overview.html"),), (),
                         scenario_links_text="Each scenario's reports")
    page = lessons.summary_html(les) + lessons.lesson_html(les)
    assert "Each scenario&#x27;s reports: <a href=\"../s/01_overview.html\">" in page
    assert "(every scenario)" in page
