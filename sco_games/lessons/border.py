"""The lesson layer of the border report (notebook 03; paper §1-1, fn 12-13: China took a small share of the
disputed Pamir area although it would have won a war): summary, questions and try-it instructions computed
from the model's results.
"""

from __future__ import annotations

from sco_games.lessons.glossary import terms
from sco_games.lessons.lesson import Lesson, Question, TryIt, links_for
from sco_games.models.border.calibration import linkage_need
from sco_games.models.border.frames import LinkageFrames
from sco_games.models.border.report import DISAGREEMENT_LABELS, BorderReport

__all__ = ["NOTEBOOK", "border_lesson", "nash_share_at_prior"]

NOTEBOOK = "03_border"


def _pct(x: float | None) -> str:
    return "no agreement" if x is None else f"{100 * x:.1f}%"


def nash_share_at_prior(rep: BorderReport, disagreement: str) -> float | None:
    """China's Nash share of the Tajik area at the scenario's prior ``L`` under ``disagreement``."""
    return rep.tajikistan.at_prior[disagreement].share("nash")


def border_lesson(rep: BorderReport, frames: LinkageFrames, scenario: str) -> Lesson:
    """The lesson of one scenario's border report ``rep`` with the linkage slider's ``frames``."""
    tj, r1 = rep.tajikistan, rep.tajik_1000
    own = rep.default_disagreement
    other = [d for d in rep.disagreement_order() if d != own]
    war = "war" if "war" in tj.power_only_by else None
    s1 = (
        f"On the record China obtained {100 * r1.observed_share:.1f}% of the disputed Tajik area, though "
        + (
            f"by power alone (war as the alternative, no linkage) the Nash solution gives it "
            f"{_pct(tj.power_only_by['war'].nash.china_share)}."
            if war
            else "it is the stronger side."
        )
    )
    needs = []
    for dis in rep.disagreement_order():
        need, val = linkage_need(tj.games[dis], r1.observed_share, "nash")
        needs.append((dis, need, val))

    def at0(d: str) -> str:
        return _pct(tj.power_only_by[d].nash.china_share)

    phr = {
        "needed": lambda v: f"a linkage value L = {v:.2f}",
        "unreachable": lambda v: "no linkage value can do it",
        "not applicable": lambda v: "(not applicable)",
    }
    s2 = (
        "To reproduce that share, the Nash solution needs "
        + "; ".join(
            (
                f"no linkage under {DISAGREEMENT_LABELS[d]} (at L = 0 it already gives China {at0(d)})"
                if n == "not needed"
                else f"{phr[n](v)} under {DISAGREEMENT_LABELS[d]}"
            )
            for d, n, v in needs
        )
        + " (L in units of China's value of the whole disputed area)."
    )
    s3 = (
        f"So the answer turns on what the two sides expected without a deal: at the scenario's prior L = "
        f"{rep.linkage_prior:g}, Nash gives China {_pct(nash_share_at_prior(rep, own))} under "
        f"{DISAGREEMENT_LABELS[own]}"
        + "".join(f" and {_pct(nash_share_at_prior(rep, d))} under {DISAGREEMENT_LABELS[d]}" for d in other)
        + "."
    )
    ks = tj.power_only_by[own].kalai_smorodinsky.china_share
    questions = [
        Question(
            "Why is the outcome on the record a puzzle for a model of power alone?",
            s1
            + (
                f" China's chance of winning a war (CINC ratio) is {tj.game.win_probability:.3f}."
                if war
                else ""
            ),
        ),
        Question(
            "Under each disagreement point, which linkage values on the slider bring the Nash prediction "
            "within 2 percentage points of the record?",
            "; ".join(
                f"{DISAGREEMENT_LABELS[d]}: "
                + (
                    "none on the slider's range"
                    if not (m := frames.matches(d, "nash"))
                    else f"L from {min(m):g} to {max(m):g} ({len(m)} of {frames.linkage.size} positions)"
                )
                for d in frames.curves
            )
            + ".",
        ),
        Question(
            "Do the solution concepts agree at L = 0 under this scenario's disagreement point?",
            f"Nash gives {_pct(tj.power_only_by[own].nash.china_share)}, Kalai-Smorodinsky {_pct(ks)}, "
            f"Rubinstein {_pct(tj.power_only_by[own].rubinstein.china_share)}.",
        ),
    ]
    tries = []
    if other:
        d = other[0]
        tries.append(
            TryIt(
                {"border.disagreement": d},
                NOTEBOOK,
                scenario,
                "China's Nash share of the Tajik area at the prior L",
                _pct(nash_share_at_prior(rep, own)),
                _pct(nash_share_at_prior(rep, d)),
            )
        )
    others, nbs = links_for(NOTEBOOK, scenario)
    return Lesson(
        model="border",
        notebook=NOTEBOOK,
        scenario=scenario,
        summary=(s1, s2, s3),
        terms=terms(
            "disagreement point",
            "Nash bargaining solution",
            "Kalai-Smorodinsky solution",
            "Rubinstein bargaining",
            "Fearon's bargaining range",
            "issue linkage (L)",
        ),
        questions=tuple(questions),
        try_it=tuple(tries),
        scenario_links=others,
        notebook_links=nbs,
    )
