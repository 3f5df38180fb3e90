"""The lesson layer: every "try it yourself" instruction is run (the scenario with its overrides, solved
by the model directly) and changes the result as its text says; summaries, answers and links come from the
results."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from sco_games import lessons
from sco_games.lessons.border import border_lesson
from sco_games.lessons.enlargement import enlargement_lesson
from sco_games.lessons.partnership import outcome_sentence, partnership_lesson
from sco_games.models import border, enlargement
from sco_games.models import partnership as pm
from sco_games.models.enlargement.space import winset_area_in_square
from sco_games.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ["founding_2001", "post_911_2002", "iraq_2003"]


def _scen(name, overrides=None):
    return load_scenario(ROOT / "params" / f"{name}.yaml", overrides)


@cache
def _partnership(name):
    sc = _scen(name)
    refs = {n: _scen(n).partnership for n in pm.REFERENCE_SCENARIOS}
    rep = pm.report(sc.partnership, sc.name, refs)
    return rep, partnership_lesson(rep, {s: pm.stake_frames(sc.partnership, s) for s in pm.PLAYERS})


@cache
def _border(name):
    sc = _scen(name)
    rep = border.report(sc.border, sc.meta.date)
    return rep, border_lesson(rep, border.linkage_frames(sc.border), sc.name)


@cache
def _enlargement(name):
    sc = _scen(name)
    rep = enlargement.report(enlargement.EnlargementModel(sc.enlargement))
    return rep, enlargement_lesson(rep, enlargement.status_quo_frames(sc.enlargement, 0, n=9), sc.name)


def _pct(x):
    return "no agreement" if x is None else f"{100 * x:.1f}%"


def _area(sc) -> str:
    w = enlargement.build_world(sc.enlargement)
    return f"{winset_area_in_square(w, w.members):.4f}"


#: model -> (lesson builder, the quantity a try-it instruction names, computed straight from the model)
MEASURE = {
    "partnership": (_partnership, lambda sc: pm.analyze(sc.partnership).label),
    "border": (
        _border,
        lambda sc: _pct(
            border.predict(
                border.dyad_game(sc.border, "Tajikistan").replace(linkage=sc.border.linkage_prior.value)
            ).nash.china_share
        ),
    ),
    "enlargement": (_enlargement, lambda sc: _area(sc)),
}


@pytest.mark.parametrize("name", SCENARIOS)
@pytest.mark.parametrize("model", sorted(MEASURE))
def test_each_try_it_instruction_changes_the_result_as_it_says(model, name):
    build, measure = MEASURE[model]
    _, les = build(name)
    assert les.try_it, f"{model}/{name}: no try-it instruction"
    for t in les.try_it:
        assert t.before != t.after
        assert measure(_scen(name)) == t.before
        assert measure(_scen(name, dict(t.overrides))) == t.after
        # the instruction names the notebook, the scenario and the very overrides that were run
        assert f"notebooks/{t.notebook}.ipynb" in t.instruction and f"params/{name}.yaml" in t.instruction
        assert lessons.override_text(t.overrides) in t.instruction


@pytest.mark.parametrize("name", SCENARIOS)
def test_partnership_summary_and_answers_come_from_the_results(name):
    rep, les = _partnership(name)
    assert len(les.summary) == 3 and all(s.endswith(".") for s in les.summary)
    assert outcome_sentence(rep.stage.label) in les.summary[0]
    for side in pm.PLAYERS:  # an independent call of the closed form with solver check
        u = pm.us_price(_scen(name).partnership, side)
        assert f"{side}: {u.price:g}, then {u.after}" in les.questions[2].answer
    joint = pm.sustainability(rep.params)[1]
    assert (f"{joint.delta_star:.3g}" if joint.delta_star is not None else "cannot be kept") in les.summary[2]


@pytest.mark.parametrize("name", ["founding_2001", "iraq_2003"])
def test_border_summary_states_the_record_and_the_power_only_split(name):
    rep, les = _border(name)
    r = rep.tajik_1000
    assert f"{100 * r.observed_share:.1f}%" in les.summary[0]
    g = border.dyad_game(_scen(name).border, "Tajikistan", disagreement="war")
    assert _pct(border.predict(g).nash.china_share) in les.summary[0]


@pytest.mark.parametrize("name", SCENARIOS)
def test_enlargement_answers_name_the_veto_players_and_blockers(name):
    rep, les = _enlargement(name)
    m = enlargement.EnlargementModel(_scen(name).enlargement)
    assert f"All {len(m.world.members)} members" in les.questions[0].answer
    vote = m.statement_vote()
    assert (vote.principal_blocker or "None") in les.questions[2].answer


def test_glossary_covers_the_terms_and_defines_each_plainly():
    need = {"delta*", "regret", "degenerate game", "Nash bargaining solution", "winset", "veto player"}
    assert need <= set(lessons.GLOSSARY)
    for t in lessons.GLOSSARY.values():
        assert len(t.definition) > 40 and t.definition[0].isupper() and t.source
    with pytest.raises(KeyError, match="not in the glossary"):
        lessons.terms("utility monster")


def test_rendering_escapes_scenario_text_and_puts_answers_behind_a_reveal():
    les = lessons.Lesson(
        "m",
        "02_partnership",
        "<s>",
        ("<script>x</script>.", "b.", "c."),
        lessons.terms("regret"),
        (lessons.Question("Q <b>?", "A & <i>"),),
        (),
        (lessons.Link('a"b', "../x/02.html"),),
    )
    page = lessons.summary_html(les) + lessons.lesson_html(les)
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;" in page
    assert re.search(
        r"<details class=\"sco-answer\"><summary>[^<]+</summary><p>A &amp; &lt;i&gt;</p></details>", page
    )
    assert 'href="../x/02.html"' in page and "a&quot;b" in page


def test_links_point_to_existing_notebooks_and_scenarios():
    others, nbs = lessons.links_for("03_border", "founding_2001", ROOT)
    assert {k.label for k in others} == {"post_911_2002", "iraq_2003"}
    assert all(k.href == f"../{k.label}/03_border.html" for k in others)
    assert {k.label for k in nbs} >= {"01_overview", "02_partnership", "04_enlargement"}
    for k in nbs:
        assert (ROOT / "notebooks" / f"{k.label}.ipynb").is_file()
        assert k.href.startswith("../_all/") == k.label.startswith(("9", "06_history"))
    assert "explore" not in {k.label for k in nbs}  # not a report
    # the same notebook for the scenarios that code its model only (the dated 2004-2024 ones code enlargement)
    enl, _ = lessons.links_for("04_enlargement", "founding_2001", ROOT)
    assert {"post_911_2002", "astana_2017"} <= {k.label for k in enl}


@pytest.mark.slow
def test_the_papermill_command_of_a_try_it_instruction_gives_what_it_says(tmp_path):
    """The literal ``-y`` argument of the instruction's command, run through papermill (slow)."""
    import json
    import shlex

    import papermill
    import yaml

    _, les = _partnership("founding_2001")
    t = les.try_it[0]
    argv = shlex.split(t.instruction.split("or run: ", 1)[1])
    params = yaml.safe_load(argv[argv.index("-y") + 1])
    side = tmp_path / "s.json"
    papermill.execute_notebook(str(ROOT / argv[1]), str(tmp_path / "out.ipynb"), kernel_name="sco-games",
                               cwd=str(ROOT), parameters={"scenario_path": str(ROOT / argv[5]),
                                                          "sidecar_path": str(side), **params})
    assert json.loads(side.read_text())["key_results"]["equilibrium"] == t.after != t.before
