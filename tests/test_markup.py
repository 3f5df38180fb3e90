"""Text from a scenario file, a data file or an override reaches a report as text, escaped exactly once
(issue 9, point 1): in Markdown (rendered the way the report builder renders it: nbconvert's Markdown
renderer, then the formula pass), in HTML tables and captions, and in plotly labels.

The end-to-end check (every report opened in headless Chromium) is in ``test_report_markup.py`` (slow).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from sco_games.markup import html_text, md_text, plotly_text
from sco_games.notebook import table_html
from sco_games.report_math import markdown_math_to_mathml

#: Strings a scenario author may type, hostile or not; each must show exactly as typed.
TEXTS = [
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "\"><img src=x onerror=alert(1)> '><b>x</b>",
    "[click](javascript:alert(1)) ![img](x) <https://example.org> <a href=\"javascript:alert(1)\">a</a>",
    "*em* _em_ **strong** `code` ~~del~~ | a | b | \\* \\\\",
    "formulas stay text: $x^2$ and $$y$$ and US$ 5",
    "# not a heading",
    "1. not a list",
    "- not a list",
    "---",
    "> not a quote",
    "    not code",
    "&amp; &lt; &#60; &nbsp; already-escaped-looking text",
    "claims of < 20,000 km2 & more",
    "a<b && c>d, 'quoted' \"double\"",
]


class _Collect(HTMLParser):
    """The tags and the text of an HTML fragment (entities decoded once, as a browser does)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def _parse(fragment: str) -> _Collect:
    p = _Collect()
    p.feed(fragment)
    p.close()
    return p


def _squash(s: str) -> str:
    return " ".join(s.split())


def _no_math(text: str) -> list[str]:
    """The tag md_text adds around text that could read as TeX."""
    return ["span"] if "$" in text or "\\" in text else []


def _render_markdown(md: str) -> str:
    """Markdown -> HTML as a report shows it: nbconvert's renderer, then formulas to MathML."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    div = f'<div class="jp-RenderedMarkdown">{markdown2html_mistune(md)}</div>'
    return markdown_math_to_mathml(div)


@pytest.mark.parametrize("text", TEXTS)
def test_md_text_renders_as_typed(text):
    page = _render_markdown(md_text(text))
    got = _parse(page)
    # no tag, link, emphasis, heading, list, code or formula of the text's own
    assert got.tags == ["div", "p", *_no_math(text)], page
    assert _squash("".join(got.text)) == _squash(text), page  # decoded once by a browser: as typed
    if "&" not in text:
        assert "&amp;" not in page, page  # escaped once, not twice


@pytest.mark.parametrize("text", TEXTS)
def test_md_text_inside_the_notebooks_own_formatting(text):
    page = _render_markdown(f"## This scenario: {md_text(text)}\n\n**Scenario:** *{md_text(text)}*.")
    got = _parse(page)
    nm = _no_math(text)
    assert got.tags == ["div", "h2", *nm, "a", "p", "strong", "em", *nm], page  # "a": the heading's anchor
    assert _squash("".join(got.text)) == _squash(f"This scenario: {text}¶Scenario: {text}."), page
    assert {name for name, _ in got.attrs} <= {"class", "id", "href"}, got.attrs
    classes = {v for name, v in got.attrs if name == "class"}
    assert classes <= {"jp-RenderedMarkdown", "anchor-link", "mathjax_ignore"}, classes


def test_md_text_takes_any_value_and_is_plain_ascii_safe():
    assert md_text(3) == "3"
    assert md_text("Köln 1999, §3-1") == "Köln 1999, §3&#45;1"
    assert md_text("a\n\n  b\tc") == "a b c"


@pytest.mark.parametrize("text", TEXTS)
def test_tables_show_cells_headers_and_captions_as_typed(text):
    page = table_html([(text, 1.5)], [text, "n"], caption=text)
    got = _parse(page)
    assert got.tags == ["table", "caption", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]
    assert got.text == [text, text, "n", text, "1.5"]
    assert html_text(text) in page and "&amp;lt;" not in page.replace(html_text("&lt;"), "")


@pytest.mark.parametrize("text", TEXTS)
def test_plotly_text_round_trips(text):
    out = plotly_text(text)
    assert "<" not in out and ">" not in out
    assert html.unescape(out) == text

