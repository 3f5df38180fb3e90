"""The lesson layer of the reports (issue 14): for each model report a summary box (three sentences computed
from the model's results), a glossary (:mod:`sco_games.lessons.glossary`, written once as data), questions
with the answers behind a reveal, "try it yourself" instructions (scenario overrides whose effect the model
computed), and links to the other scenarios and notebooks. The notebooks call
``lessons.<model>.<model>_lesson(...)`` and :func:`show_summary` / :func:`show_lesson`; the report template
(:mod:`sco_games.batch.report_html`) styles the blocks on screen and in print.

A layer beside ``figures`` and ``display``: it imports the scenario and the models, never figures, display,
comparison or batch.
"""

from __future__ import annotations

from sco_games.lessons.glossary import GLOSSARY, Term, terms
from sco_games.lessons.lesson import Lesson, Link, Question, TryIt, links_for, override_text
from sco_games.lessons.render import lesson_html, show_lesson, show_summary, summary_html

__all__ = [
    "GLOSSARY",
    "Lesson",
    "Link",
    "Question",
    "Term",
    "TryIt",
    "lesson_html",
    "links_for",
    "override_text",
    "show_lesson",
    "show_summary",
    "summary_html",
    "terms",
]
