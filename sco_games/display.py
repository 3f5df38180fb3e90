"""Small display helpers for the notebooks: tables, the sources of a scenario's values, Markdown.

Plain HTML (no plotly, no pandas), so tables survive nbconvert and read well offline. Text from a
scenario file, a data file or an override is text, escaped once where it enters the page
(:mod:`sco_games.markup`): table cells and captions here; in Markdown, wrap it in :func:`md_text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sco_games.markup import html_text, md_text
from sco_games.scenario import Scenario

__all__ = ["table_html", "show_table", "show_sources", "show_markdown", "md_text", "fmt"]


def fmt(v: Any, digits: int = 4) -> str:
    """A value for a table cell: floats to ``digits`` significant figures.

    >>> fmt(0.123456), fmt(3), fmt(None), fmt("x")
    ('0.1235', '3', '—', 'x')
    """
    if v is None:
        return "—"
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        return f"{v:.{digits}g}"
    if isinstance(v, (list, tuple)):
        return "(" + ", ".join(fmt(x, digits) for x in v) + ")"
    try:
        import numpy as np

        if isinstance(v, np.generic):
            return fmt(v.item(), digits)
    except ImportError:  # pragma: no cover
        pass
    return str(v)


def table_html(rows: Iterable[Sequence[Any]], headers: Sequence[str], caption: str | None = None) -> str:
    """An HTML table; every header, cell and the caption is plain text, escaped once.

    >>> "<td>&lt;b&gt;</td>" in table_html([(1, "<b>")], ["n", "s"])
    True
    """
    head = "".join(f"<th>{html_text(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html_text(fmt(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    cap = f"<caption>{html_text(caption)}</caption>" if caption else ""
    return f'<table class="sco-table">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _display_html(s: str) -> None:
    from IPython.display import HTML, display

    display(HTML(s))


def show_table(rows: Iterable[Sequence[Any]], headers: Sequence[str], caption: str | None = None) -> None:
    """Display an HTML table in a notebook."""
    _display_html(table_html(rows, headers, caption))


def show_sources(scenario: Scenario, section: str | None = None) -> None:
    """Display every value of ``scenario`` (or of one section) with its source."""
    rows = [r for r in scenario.sources() if section is None or r[0].startswith(section + ".")]
    show_table(rows, ["parameter", "value", "source"],
               caption=f"Scenario {scenario.name}: values and their sources")


def show_markdown(text: str) -> None:
    """Display Markdown (computed text, e.g. a sentence that quotes a result).

    ``text`` is Markdown written by the notebook: every string in it that comes from a scenario
    file, a data file or an override must be wrapped in :func:`md_text`, e.g.
    ``show_markdown(f"**Scenario:** {md_text(scenario.meta.title)}")``, so it shows as typed.
    """
    from IPython.display import Markdown, display

    display(Markdown(text))
