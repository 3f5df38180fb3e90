"""The lesson layer in a real browser (issue 14; slow tier): the teacher's pack is built by ``sco-games
classroom``, copied to another folder (as onto a USB stick) and opened from ``file://`` in Debian's Chromium
with every non-file request aborted. Moving a report's slider changes the drawn figure; print emulation hides
the sliders' chrome and shows every answer. Screenshots go to ``$SCO_SHOTS`` (if set), for a human to look at.
Skipped without ``/usr/bin/chromium``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from sco_games.batch.cli import main

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
_LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--proxy-server=127.0.0.1:9",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]


@pytest.fixture(scope="module")
def usb(tmp_path_factory) -> Path:
    """The pack for founding_2001, built by the command and copied elsewhere (the original removed)."""
    tmp = tmp_path_factory.mktemp("classroom")
    out = tmp / "pack"
    code = main(
        [
            "classroom",
            "--root",
            str(ROOT),
            "--scenario",
            "founding_2001",
            "--out",
            str(out),
            "--reports",
            str(tmp / "reports"),
            "--no-progress",
            "--jobs",
            "2",
        ]
    )
    assert code == 0
    assert zipfile.ZipFile(tmp / "pack.zip").namelist()  # the zip is written too
    stick = tmp / "stick" / "lesson"
    shutil.copytree(out, stick)
    shutil.rmtree(out)
    shutil.rmtree(tmp / "reports")
    return stick


def _shots() -> Path | None:
    d = os.environ.get("SCO_SHOTS")
    if not d:
        return None
    Path(d).mkdir(parents=True, exist_ok=True)
    return Path(d)


@contextlib.contextmanager
def _offline_page():
    """A page of Debian's Chromium that lets only ``file://`` requests through: ``(page, blocked)``, the
    latter the URLs it refused (the tests assert it stays empty)."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=_LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})

            def guard(route):
                if route.request.url.startswith("file://"):
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()

            page.route("**/*", guard)
            yield page, blocked
        finally:
            browser.close()


_SLIDER_GRAPH = (
    "() => [...document.querySelectorAll('.js-plotly-plot')]"
    ".findIndex(g => g.layout && g.layout.sliders && g.layout.sliders.length)"
)
_STATE = """(i) => { const g = document.querySelectorAll('.js-plotly-plot')[i];
  const t = g.querySelector('.gtitle');
  const pts = [...g.querySelectorAll('.scatterlayer .trace path.point')];
  return {title: t ? t.textContent : '', points: pts.map(p => p.getAttribute('transform')).join(';'),
          active: g.layout.sliders[0].active}; }"""


def test_pack_offline_slider_moves_and_prints(usb):
    shots = _shots()
    with _offline_page() as (page, blocked):
        page.goto((usb / "index.html").as_uri())
        assert "How to run a lesson" in page.content()
        if shots:
            page.screenshot(path=str(shots / "index.png"), full_page=True)
        page.click("text=02_partnership")
        page.wait_for_function("() => window.Plotly && document.querySelector('.sco-summary')")
        assert page.locator(".sco-summary li").count() == 3
        i = page.evaluate(_SLIDER_GRAPH)
        assert i >= 0, "no figure with a slider in the partnership report"
        graph = page.locator(".js-plotly-plot").nth(i)
        graph.scroll_into_view_if_needed()
        before = page.evaluate(_STATE, i)
        # a real click on the left end of the slider's rail: the first frame (the range's low end)
        rail = graph.locator(".slider-container .slider-rail-rect").bounding_box()
        page.mouse.click(rail["x"] + 3, rail["y"] + rail["height"] / 2)
        page.wait_for_function(f"(b) => ({_STATE})({i}).title !== b", arg=before["title"])
        after = page.evaluate(_STATE, i)
        assert after["active"] == 0 != before["active"]
        assert after["title"] != before["title"] and after["points"] != before["points"]
        assert "Partner/Partner" in after["title"]
        if shots:
            graph.screenshot(path=str(shots / "report_slider_moved.png"))
        # print: no slider chrome, every answer shown
        answers = page.locator("details.sco-answer > p")
        assert answers.count() >= 3 and not answers.first.is_visible()
        page.emulate_media(media="print")
        assert answers.first.is_visible() and answers.nth(answers.count() - 1).is_visible()
        assert not graph.locator(".slider-container").first.is_visible()
        assert not page.locator(".sco-bar").is_visible()
        page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')]"
                               ".every(g => g.getBoundingClientRect().width <= 700)")  # A4's 180 mm
        if shots:
            page.locator(".sco-lesson").screenshot(path=str(shots / "report_print_lesson.png"))
            page.pdf(path=str(shots / "report_print.pdf"), format="A4")
            page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi: the first printed page
            page.evaluate("() => window.scrollTo(0, 0)")
            page.screenshot(path=str(shots / "report_print_page1.png"))
            page.set_viewport_size({"width": 1200, "height": 900})
        # the links of the report stay inside the pack
        page.emulate_media(media="screen")
        page.click("text=03_border")
        page.wait_for_function("() => document.querySelector('.sco-summary')")
        assert page.url.startswith((usb / "founding_2001").as_uri())
    assert blocked == []


#: the reports whose lesson layer came last (issue 14): per scenario (01, 05) and over every scenario (06, 90)
_NEW_LESSON_PAGES = ["founding_2001/01_overview.html", "founding_2001/05_robustness.html",
                     "_all/06_history.html", "_all/90_comparison.html"]
_LINKS = ("() => [...document.querySelectorAll('.sco-lesson a[href]')]"
          ".map(a => ({href: a.getAttribute('href'), url: a.href}))")
_FIRST_BLOCKS = """() => { const s = document.querySelector('.sco-summary').getBoundingClientRect().top;
  const g = [...document.querySelectorAll('.js-plotly-plot, table')].map(e => e.getBoundingClientRect().top);
  return {summary: s, first_other: g.length ? Math.min(...g) : null}; }"""


@pytest.mark.parametrize("rel", _NEW_LESSON_PAGES)
def test_lesson_layer_of_reports_01_05_06_90_draws_opens_links_and_prints(usb, rel):
    """In each report: the summary box (three items) comes before any figure or table; an answer is hidden
    until its reveal is clicked; every link of the lesson section resolves to a file inside the pack (a
    link to a report not in the pack is plain text there); print shows every answer and hides the sliders'
    chrome and the page bar."""
    from urllib.parse import unquote, urlparse

    shots = _shots()
    with _offline_page() as (page, blocked):
        page.goto((usb / rel).as_uri())
        page.wait_for_function("() => document.querySelector('.sco-summary') && "
                               "document.querySelector('.sco-lesson')")
        assert page.locator(".sco-summary li").count() == 3
        order = page.evaluate(_FIRST_BLOCKS)
        assert order["first_other"] is None or order["summary"] < order["first_other"]
        name = rel.replace("/", "_").removesuffix(".html")
        if shots:
            page.screenshot(path=str(shots / f"{name}_top.png"))
        # the reveal: hidden, then open on a click
        answers = page.locator("details.sco-answer")
        assert answers.count() >= 1
        first = answers.first
        assert not first.locator("p").is_visible()
        first.locator("summary").click()
        page.wait_for_function("() => document.querySelector('details.sco-answer').open")
        assert first.locator("p").is_visible()
        # every link of the lesson section is a file of the pack
        links = page.evaluate(_LINKS)
        assert links, f"{rel}: no link in the lesson section"
        for k in links:
            target = Path(unquote(urlparse(k["url"]).path))
            assert target.is_file() and usb.resolve() in target.resolve().parents, (rel, k["href"])
        if shots:
            page.locator(".sco-lesson").screenshot(path=str(shots / f"{name}_lesson.png"))
        # print
        page.emulate_media(media="print")
        assert all(answers.nth(j).locator("p").is_visible() for j in range(answers.count()))
        assert all(not c.is_visible() for c in page.locator(".slider-container").all())
        assert all(not c.is_visible() for c in page.locator(".updatemenu-container").all())
        assert not page.locator(".sco-bar").is_visible()
        if shots:
            page.pdf(path=str(shots / f"{name}_print.pdf"), format="A4")
    assert blocked == []
