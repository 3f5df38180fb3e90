"""A :class:`~sco_games.lessons.lesson.Lesson` as HTML blocks of a report: the summary box (shown first) and
the lesson section (glossary, questions with the answer behind a ``<details>`` reveal, try it yourself,
links). Every string is escaped once here (:func:`sco_games.markup.html_text`); the CSS classes
(``sco-summary``, ``sco-lesson``, ``sco-answer``) are styled, on screen and in print, by the report template
(:mod:`sco_games.batch.report_html`).

>>> from sco_games.lessons.lesson import Lesson, Question
>>> les = Lesson("m", "02_x", "s", ("A <b>.", "B.", "C."), (), (Question("Why?", "Because."),), ())
>>> "&lt;b&gt;" in summary_html(les) and "<details" in lesson_html(les)
True
"""

from __future__ import annotations

from sco_games.lessons.lesson import Lesson
from sco_games.markup import html_text as _h

__all__ = ["lesson_html", "show_lesson", "show_summary", "summary_html"]


def summary_html(lesson: Lesson) -> str:
    """The summary box: what the model says here, in three sentences."""
    items = "".join(f"<li>{_h(s)}</li>" for s in lesson.summary)
    return (
        f'<aside class="sco-summary"><h2>In three sentences</h2><ol>{items}</ol>'
        f'<p class="sco-summary-note">Computed from this report\'s results '
        f"({_h(lesson.scenario)}); the lesson section at the end has a glossary, questions and "
        f"things to try.</p></aside>"
    )


def lesson_html(lesson: Lesson) -> str:
    """The lesson section: glossary, questions (answers behind a reveal), try it yourself, links."""
    parts = ['<section class="sco-lesson"><h2>For the classroom</h2><p class="sco-lesson-intro">A glossary '
             "of the terms used above, questions to check your reading (the answers are computed from this "
             "report's results) and changes to try yourself.</p>"]
    if lesson.terms:
        parts.append(
            '<h3>Glossary</h3><dl class="sco-glossary">'
            + "".join(
                f'<dt>{_h(t.term)}</dt><dd>{_h(t.definition)} '
                f'<span class="sco-src">({_h(t.source)})</span></dd>'
                for t in lesson.terms
            )
            + "</dl>"
        )
    if lesson.questions:
        parts.append(
            '<h3>Questions</h3><ol class="sco-questions">'
            + "".join(
                f'<li><p>{_h(q.question)}</p><details class="sco-answer"><summary>Show the answer</summary>'
                f"<p>{_h(q.answer)}</p></details></li>"
                for q in lesson.questions
            )
            + "</ol>"
        )
    if lesson.try_it:
        parts.append(
            '<h3>Try it yourself</h3><ol class="sco-try">'
            + "".join(
                f"<li><p>{_h(t.instruction)}</p><p>You should see: {_h(t.what)} changes from "
                f"<b>{_h(t.before)}</b> to <b>{_h(t.after)}</b>.</p></li>"
                for t in lesson.try_it
            )
            + "</ol>"
        )
    if lesson.scenario_links or lesson.notebook_links:
        parts.append("<h3>More reports</h3>")
        if lesson.scenario_links:
            parts.append(
                f"<p>{_h(lesson.scenario_links_text)}: "
                + ", ".join(f'<a href="{_h(k.href)}">{_h(k.label)}</a>' for k in lesson.scenario_links)
                + ".</p>"
            )
        if lesson.notebook_links:
            parts.append(
                "<p>The other notebooks: "
                + ", ".join(f'<a href="{_h(k.href)}">{_h(k.label)}</a>' for k in lesson.notebook_links)
                + ".</p>"
            )
    parts.append("</section>")
    return "".join(parts)


def _display(s: str) -> None:
    from IPython.display import HTML, display

    display(HTML(s))


def show_summary(lesson: Lesson) -> None:
    """Display the summary box in a notebook."""
    _display(summary_html(lesson))


def show_lesson(lesson: Lesson) -> None:
    """Display the lesson section in a notebook."""
    _display(lesson_html(lesson))
