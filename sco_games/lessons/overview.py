"""The lesson layer of the overview (notebook 01; paper Introduction, §1-1, §1-2): summary, questions and a
try-it instruction computed from the scenario, the timeline and the 2001 capabilities (COW NMC v6).

The try-it moves the scenario's date (``meta.date``, a plain key of the scenario file) to another day of
the timeline: the count of events "so far" that the notebook prints under the timeline changes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from sco_games.data.capabilities import capabilities, win_probability
from sco_games.data.timeline import ROLES_2001, TIMELINE, Event
from sco_games.lessons.glossary import terms
from sco_games.lessons.lesson import Lesson, Question, TryIt, links_for
from sco_games.scenario import SECTIONS, Scenario

__all__ = ["NOTEBOOK", "events_so_far", "overview_lesson", "date_try"]

NOTEBOOK = "01_overview"
#: the notebook of each model section, for the summary's last sentence
_NOTEBOOK_OF = {"partnership": "02_partnership", "border": "03_border", "enlargement": "04_enlargement"}


def events_so_far(date: _dt.date, timeline: Sequence[Event] = TIMELINE) -> str:
    """``"k of N"``: how many timeline events have happened on ``date`` (the notebook's key result).

    >>> events_so_far(_dt.date(1990, 1, 1)) == f"0 of {len(TIMELINE)}"
    True
    """
    return f"{sum(e.date <= date for e in timeline)} of {len(timeline)}"


def date_try(scenario: Scenario, timeline: Sequence[Event] = TIMELINE) -> TryIt | None:
    """Move ``meta.date`` to the next timeline event (or, when none is left, to the day before the latest
    event that the scenario's own dated events allow): the events so far change. ``None`` if no date
    does it."""
    here = scenario.meta.date
    floor = max((e.date for e in (scenario.partnership.events if scenario.partnership else ())),
                default=_dt.date.min)  # a scenario may not be dated before its own events
    later = sorted({e.date for e in timeline if e.date > here})
    earlier = sorted({e.date - _dt.timedelta(days=1) for e in timeline if e.date <= here}, reverse=True)
    before = events_so_far(here, timeline)
    for day in later[:1] + earlier:
        if day >= floor and events_so_far(day, timeline) != before:
            return TryIt({"meta.date": day.isoformat()}, NOTEBOOK, scenario.name,
                         "the timeline events that have happened by the scenario's date (the sentence under "
                         "the timeline and the sidecar's 'events so far')", before,
                         events_so_far(day, timeline))
    return None


def overview_lesson(scenario: Scenario) -> Lesson:
    """The lesson of one scenario's overview."""
    m, tl = scenario.meta, TIMELINE
    so_far = [e for e in tl if e.date <= m.date]
    nxt = [e for e in tl if e.date > m.date]
    s1 = (f"On {m.date:%d %B %Y} ({m.title}), {len(so_far)} of the {len(tl)} events on the timeline of "
          f"{tl[0].date.year}-{tl[-1].date.year} have happened"
          + (f"; the latest is {so_far[-1].label.rstrip('.')}." if so_far else "."))
    caps = capabilities()
    members = [s for s, r in ROLES_2001.items() if r == "member"]
    share = sum(caps[s].cinc for s in members)
    ratio = caps["China"].cinc / caps["Russia"].cinc
    p_tj = win_probability("China", "Tajikistan")
    s2 = (f"In 2001 the six SCO members held {share:.1%} of the world's material capabilities (CINC), China "
          f"{ratio:.1f} times Russia, and by the power-ratio rule China would prevail against Tajikistan "
          f"with probability {p_tj:.3f}.")
    rows = scenario.sources()
    coded = [s for s in SECTIONS if getattr(scenario, s) is not None]
    per = {s: sum(r[0].startswith(s + ".") for r in rows) for s in coded}
    s3 = (f"This scenario codes {len(coded)} of the {len(SECTIONS)} models with {len(rows)} sourced values ("
          + ", ".join(f"{s}: {n}" for s, n in per.items())
          + ("); the notebook " if len(coded) == 1 else "); the notebooks ")
          + ", ".join(_NOTEBOOK_OF[s] for s in coded)
          + (" turns them into a game." if len(coded) == 1 else " turn them into games."))
    tj = caps["Tajikistan"].cinc
    questions = [
        Question("Why does the capabilities figure use a logarithmic scale?",
                 f"China's CINC is about {caps['China'].cinc / tj:.0f} times Tajikistan's: on an ordinary "
                 "scale the Central Asian members would be invisible next to China, Russia and the US."),
        Question("What does the power-ratio rule predict for a contest between China and Tajikistan, and why "
                 "is that a puzzle for the border story?",
                 f"c_China / (c_China + c_Tajikistan) = {p_tj:.3f}: by power alone China should take nearly "
                 "all it claimed, yet in 2002 it settled for a few per cent of the claim (paper §1-1; "
                 "notebook 03)."),
        Question("What is the next event on the timeline after this scenario's date?",
                 f"{nxt[0].label.rstrip('.')} ({nxt[0].date:%d %B %Y})." if nxt else
                 f"None: every event of the {tl[0].date.year}-{tl[-1].date.year} timeline has happened by "
                 f"{m.date:%d %B %Y}."),
        Question("Which models does this scenario code, and why might a scenario leave one out?",
                 ", ".join(coded) + "." + (" Every model is coded." if len(coded) == len(SECTIONS) else
                                           " The others are left out because coding them for this date "
                                           "would be invention (the paper says nothing after 2003).")),
    ]
    tries = tuple(t for t in (date_try(scenario),) if t is not None)
    others, nbs = links_for(NOTEBOOK, scenario.name)
    return Lesson(model="overview", notebook=NOTEBOOK, scenario=scenario.name, summary=(s1, s2, s3),
                  terms=terms("scenario", "sourced value and range", "CINC", "power-ratio rule",
                              "strategic triangle", "veto player"),
                  questions=tuple(questions), try_it=tries, scenario_links=others, notebook_links=nbs)
