"""The lesson layer of the enlargement report (notebook 04; paper Conclusion: prestige against effectiveness
under consensus, "the existence of Uzbekistan within the SCO blocks rapid and flexible reaction"): summary,
questions and try-it instructions computed from the model's results.
"""

from __future__ import annotations

from sco_games.lessons.glossary import terms
from sco_games.lessons.lesson import Lesson, Question, TryIt, links_for
from sco_games.models.enlargement.frames import AXES, StatusQuoFrames
from sco_games.models.enlargement.report import EnlargementReport

__all__ = ["NOTEBOOK", "enlargement_lesson", "status_quo_try"]

NOTEBOOK = "04_enlargement"


def status_quo_try(frames: StatusQuoFrames, scenario: str) -> TryIt:
    """Move the status quo to the end of its declared range (along ``frames.axis``) where the exact winset
    area differs most from the coded one."""
    here = min(frames.frames, key=lambda f: abs(f.status_quo[frames.axis] - frames.coded[frames.axis]))
    ends = (frames.frames[0], frames.frames[-1])
    end = max(ends, key=lambda f: abs(f.winset_area - here.winset_area))
    point = [round(end.status_quo[0], 6), round(end.status_quo[1], 6)]
    return TryIt(
        {"enlargement.status_quo": point},
        NOTEBOOK,
        scenario,
        "the winset area of the sitting members inside the policy square (the first row of the "
        "status-quo table)",
        f"{here.winset_area:.4f}",
        f"{end.winset_area:.4f}",
    )


def enlargement_lesson(rep: EnlargementReport, frames: StatusQuoFrames, scenario: str) -> Lesson:
    """The lesson of one scenario's enlargement report ``rep`` with the status-quo slider's ``frames``."""
    steps = rep.steps
    first, last = steps[0], steps[-1]
    verb = (
        "falls from"
        if last.pass_probability < first.pass_probability
        else "stays, from"
        if last.pass_probability == first.pass_probability
        else "rises from"
    )
    s1 = (
        f"As candidates join one by one ({first.size} to {last.size} members), prestige rises from "
        f"{first.prestige:.3g} to {last.prestige:.3g} while the chance that a random proposal passes under "
        f"consensus {verb} {first.pass_probability:.3g} to {last.pass_probability:.3g}: every new member "
        f"is one more veto player."
    )
    vote = rep.vote
    s2 = f"The contested statement ('{rep.statement_label}') " + (
        "passes: no member blocks it." if vote.passes else f"is {rep.blockers_text()}."
    )
    areas = [f.winset_area for f in frames.frames]
    passes = frames.passes_at()
    s3 = (
        f"Moving the status quo's {AXES[frames.axis]} over its declared range "
        f"({frames.range[0]:g} to {frames.range[1]:g}) changes the winset's area in the square from "
        f"{min(areas):.3f} to {max(areas):.3f} (of 4), and the statement "
        + (
            "is blocked at every position."
            if not passes
            else f"passes at {len(passes)} of {len(frames.frames)} positions."
        )
    )
    cv = rep.coalition
    questions = [
        Question(
            "Who are the veto players of the SCO in this scenario, and why?",
            f"All {len(vote.members)} members ({', '.join(vote.members)}): the SCO decides by consensus, so "
            "each member's agreement is needed to change the status quo.",
        ),
        Question(
            "How does effectiveness (the chance a random proposal passes) change as candidates join?",
            "; ".join(f"{s.size} members: {s.pass_probability:.3g}" for s in steps) + ".",
        ),
        Question(
            "Which member is the principal blocker of the statement (the one hardest to bring round)?",
            "None: the statement passes."
            if vote.principal_blocker is None
            else f"{vote.principal_blocker}, with margin {vote.margins[vote.principal_blocker]:.3f} (how "
            "much "
            "closer the status quo is to its ideal point than the statement, in squared distance).",
        ),
        Question(
            "Is the core of the coalition game empty?",
            f"Yes: {cv.certificate_text()}."
            if cv.core_empty
            else "No: some split of the grand coalition's worth gives every group at least what it could get "
            "on its own.",
        ),
    ]
    others, nbs = links_for(NOTEBOOK, scenario)
    return Lesson(
        model="enlargement",
        notebook=NOTEBOOK,
        scenario=scenario,
        summary=(s1, s2, s3),
        terms=terms("ideal point", "status quo", "veto player", "winset", "Shapley value", "core"),
        questions=tuple(questions),
        try_it=(status_quo_try(frames, scenario),),
        scenario_links=others,
        notebook_links=nbs,
    )
