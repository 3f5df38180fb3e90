"""Text from a scenario file, a data file or an override reaches a report as text, escaped exactly once
(issue 9, point 1): in Markdown (rendered the way the report builder renders it: nbconvert's Markdown
renderer, then the formula pass), in HTML tables and captions, and in plotly labels.

The end-to-end check (every report opened in headless Chromium) is in ``test_report_markup.py`` (slow).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from html.parser import HTMLParser

import pytest

from sco_games.batch.report_math import markdown_math_to_mathml
from sco_games.display import table_html
from sco_games.markup import html_text, md_text, plotly_text

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


# ---------------------------------------------------------------------------------------------------
# figure builders: every string they are given is escaped once, whatever its way in

H = "Stmt <img src=x onerror=\"window.__pwned='fig'\"> <b>bold</b> claims of < 20,000 km2 & more"


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _strings(v)
    elif hasattr(obj, "tolist"):
        yield from _strings(obj.tolist())


def _assert_escaped_once(fig, times: int = 1):
    strings = list(_strings(fig.to_plotly_json()))
    raw = [s for s in strings if "<img" in s or "<b>bold" in s or "< 20,000" in s]
    assert not raw, raw[:3]
    hits = [s for s in strings if plotly_text(H) in s]
    assert len(hits) >= times, "the hostile text should be drawn, escaped once"
    assert not [s for s in strings if "&amp;lt;" in s or "&amp;amp;" in s]


@pytest.fixture(scope="module")
def border():
    from sco_games.models.border import BorderParams
    from sco_games.models.border.report import border_report

    return border_report(BorderParams.example(), dt.date(2001, 6, 15))


@pytest.fixture(scope="module")
def enlargement():
    from sco_games.models.enlargement import EnlargementModel
    from sco_games.scenario import load_scenario

    return EnlargementModel(load_scenario("params/founding_2001.yaml").enlargement)


def test_overview_figures_escape_data_text():
    from sco_games.data.capabilities import Capability
    from sco_games.data.timeline import Event
    from sco_games.figures import overview

    _assert_escaped_once(overview.timeline_figure([Event(dt.date(2001, 6, 15), H, "world", H)],
                                                  marked=dt.date(2001, 6, 15), marked_label=H), times=2)
    caps = {H: Capability(H, 0.1, 1.0, 1.0), "China": Capability("China", 0.2, 1.0, 1.0)}
    _assert_escaped_once(overview.capabilities_figure(caps, {H: "member", "China": "member"}, source=H),
                         times=2)


def test_partnership_figures_escape_labels_and_titles():
    from sco_games.figures import partnership as fp
    from sco_games.models.partnership import PartnershipParams, equilibrium_regions, triangle

    p = PartnershipParams.example()
    m = equilibrium_regions(p, "us_stake_russia", [0, 10], "us_stake_china", [0, 10])
    _assert_escaped_once(fp.region_figure(m, marker=(2, 2), marker_label=H, title=H), times=3)
    _assert_escaped_once(fp.triangle_figure(triangle(p), title=H))
    _assert_escaped_once(fp.triangles_figure([(H, triangle(p))]))


def test_border_figures_escape_reading_labels_reasons_and_titles(border):
    from sco_games.figures import border as fb

    fd = border.focus_dyad
    readings = [dataclasses.replace(r, label=H) for r in fd.facts.readings[:2]]
    _assert_escaped_once(fb.splits_figure([(H, fd.power_only)], readings, title=H), times=3)
    _assert_escaped_once(fb.linkage_figure(border.tajik_curve, readings), times=2)
    rows = [(f, dataclasses.replace(r, label=H), dataclasses.replace(c, reason=H))
            for f, r, c in border.calibration_rows()]
    _assert_escaped_once(fb.calibration_figure(rows, title=H), times=3)
    sens = [dataclasses.replace(r, parameter=H) for r in border.tajik_sensitivity[border.tajik_1000.id]]
    _assert_escaped_once(fb.sensitivity_figure(sens, title=H), times=3)


def test_enlargement_figures_escape_the_statement_label_names_and_titles(enlargement):
    from sco_games.figures import enlargement as fe

    vm = dataclasses.replace(enlargement.veto_map(), label=H)
    _assert_escaped_once(fe.veto_map_figure(vm), times=2)  # legend and title
    _assert_escaped_once(fe.veto_map_figure(vm, title=H), times=2)
    steps = enlargement.tradeoff_curve()
    steps = [steps[0]] + [dataclasses.replace(s, added=H) for s in steps[1:2]]
    _assert_escaped_once(fe.tradeoff_figure(steps, title=H), times=2)
    rows = enlargement.admission_table()[:1]
    rows = [dataclasses.replace(rows[0], candidates=(H,))]
    _assert_escaped_once(fe.admission_figure(rows, title=H), times=2)
    opts = enlargement.outside_options()[:1]
    _assert_escaped_once(fe.outside_option_figure([(H, opts[0])], title=H), times=2)
