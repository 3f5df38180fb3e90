"""Plain text into a report: every string that comes from a scenario file, a data file or an override
is text, never markup. It is escaped exactly once, at the point where it is put into Markdown, HTML or
a plotly label, by one of the functions here:

* :func:`md_text` for Markdown (``show_markdown``): HTML's special characters and Markdown's
  punctuation become numeric character references, which a CommonMark renderer (the reports use
  nbconvert's mistune; tests/test_markup.py renders with it) shows as the character itself and
  never reads as a tag, an emphasis, a link or a heading; text with a ``$`` or a backslash is also
  marked ``mathjax_ignore``, the class MathJax (JupyterLab) and the reports' formula pass
  (:mod:`sco_games.batch.report_math`) skip, so a ``$x$`` in it is not typeset;
* :func:`html_text` for HTML (tables, captions, the index): :func:`html.escape`;
* :func:`plotly_text` for plotly's titles, legends, annotations, tick and hover labels, which
  plotly.js renders as a small subset of HTML (``<b>``, ``<br>``, ``<a href>``...) and whose
  ``&lt;``/``&gt;``/``&amp;`` it decodes.

Scenario text carries no formatting of its own: Markdown or HTML typed into a title, a description
or a source shows as typed. Formatting (bold, line breaks) is added only by the library's code,
around the escaped text.

>>> md_text("claims of < 20,000 km2 & *more*")
'claims of &#60; 20,000 km2 &#38; &#42;more&#42;'
>>> html_text("<b>")
'&lt;b&gt;'
>>> plotly_text("Tajik <1,000 km2> & more")
'Tajik &lt;1,000 km2&gt; &amp; more'
"""

from __future__ import annotations

import html
from typing import Any

__all__ = ["MARKDOWN_SPECIAL", "NO_MATH", "html_text", "md_text", "plotly_text"]

#: Characters :func:`md_text` writes as numeric character references: HTML's (``< > & " '``), and the
#: ASCII punctuation with a meaning in CommonMark/GFM Markdown (emphasis, code, links, images, tables,
#: headings, lists, block quotes, thematic breaks, backslash escapes; ``:`` and ``.`` for the bare-URL
#: autolinks of mistune's and GFM's extensions, which would swallow a following reference) or in TeX
#: math (``$``).
MARKDOWN_SPECIAL = "<>&\"'\\`*_{}[]()#+-.!|~$=^:"

_MD_TABLE = {ord(c): f"&#{ord(c)};" for c in MARKDOWN_SPECIAL}
#: Around text that could read as TeX (``$``, ``\(``): the class MathJax's ``ignoreHtmlClass`` skips.
NO_MATH = ('<span class="mathjax_ignore">', "</span>")


def md_text(text: Any) -> str:
    """``text`` as Markdown that renders as exactly this text (escaped once).

    Whitespace runs (newlines, tabs, indentation) become one space, as HTML shows them anyway, so
    the text cannot start a heading, a list, a code block or a new paragraph wherever it is placed.
    Text holding a ``$`` or a backslash is wrapped in :data:`NO_MATH` (no formula is typeset in it).

    >>> md_text("<script>alert(1)</script>")
    '&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;'
    >>> md_text("1. a\\n\\n    b")
    '1&#46; a b'
    >>> md_text(3.5)
    '3&#46;5'
    >>> md_text("US$ 5")
    '<span class="mathjax_ignore">US&#36; 5</span>'
    """
    plain = " ".join(str(text).split())
    out = plain.translate(_MD_TABLE)
    if "$" in plain or "\\" in plain:
        out = NO_MATH[0] + out + NO_MATH[1]
    return out


def html_text(text: Any) -> str:
    """``text`` as HTML text or attribute value (escaped once): :func:`html.escape`.

    >>> html_text('a < b & "c"')
    'a &lt; b &amp; &quot;c&quot;'
    """
    return html.escape(str(text), quote=True)


def plotly_text(text: Any) -> str:
    """``text`` for a plotly string that plotly.js renders as HTML-like markup (a title, trace name,
    annotation, tick label, ``text``/``hovertext`` shown through a template): ``& < >`` as the entities
    plotly.js decodes (it does not decode ``&quot;``, so quotes are left as they are; plotly writes
    label text into SVG as text, never as attributes).

    >>> plotly_text("<br><b>x</b> & 'y'")
    "&lt;br&gt;&lt;b&gt;x&lt;/b&gt; &amp; 'y'"
    """
    return html.escape(str(text), quote=False)
