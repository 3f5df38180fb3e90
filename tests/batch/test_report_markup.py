"""Markup typed into a scenario file or an override never runs in a report, and reads as typed (issue 9,
point 1).

A scenario with hostile and honest-but-awkward strings in ``meta.title``, ``meta.description``,
``meta.source``, a ``source`` of each model's section and the enlargement statement's label is run
through every notebook; every report page and the index are opened in headless Chromium with the
network cut off. Each payload would set ``window.__pwned`` (or open a dialog, or fetch something) if it
ran. Slow (``make test-slow``); skipped without ``/usr/bin/chromium`` (``apt-get install chromium``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sco_games.batch.runner import find_notebooks, run, takes_all_scenarios

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = find_notebooks(ROOT / "notebooks")  # the reports (not notebooks/explore.ipynb)
CHROMIUM = "/usr/bin/chromium"

TITLE = "T <script>window.__pwned = 'title'</script> <b>\"quoted\"</b> & more"
DESCRIPTION = ("D <img src=x onerror=\"window.__pwned = 'description'\"> claims of < 20,000 km2 & more; "
               "*not emphasis* $x^2$ \\(y\\) [link](javascript:window.__pwned='link') 1. 2.")
META_SOURCE = "S <svg onload=\"window.__pwned = 'meta.source'\"></svg> a<b && c>d"
PARTNERSHIP_SOURCE = "P \"><img src=x onerror=window.__pwned='partnership'> <i>'single'</i> &amp; &lt;"
BORDER_SOURCE = ("B <iframe srcdoc=\"<script>parent.__pwned='border'</script>\"></iframe> "
                 "1,000 < 4,000 km2 <img src=https://example.invalid/x.png>")
STATEMENT = "Condemn <img src=x onerror=window.__pwned='statement'> the war & <b>more</b>"
STATEMENT_SOURCE = "E <details open ontoggle=\"window.__pwned='enlargement'\">x</details> §2-2 <u>fn</u> 41"
OVERRIDE = "O <img src=x onerror=\"window.__pwned='override'\"> US$ 5 < $6 & <br> more"

#: What each report must show as typed, besides the title (04 does not show the description).
EXPECTED = {
    "01_overview": [DESCRIPTION, META_SOURCE, PARTNERSHIP_SOURCE, BORDER_SOURCE, STATEMENT, STATEMENT_SOURCE],
    "02_partnership": [DESCRIPTION, PARTNERSHIP_SOURCE],
    "03_border": [DESCRIPTION, BORDER_SOURCE],
    "04_enlargement": [STATEMENT, STATEMENT_SOURCE],
    "05_robustness": [],  # the title (the verdict probabilities show no scenario text)
    "06_history": [],  # over every scenario: it scores the dated ones after 2003 (this one is not)
    "90_comparison": [STATEMENT],  # it runs once over every scenario: the title, and the headline's statement
}

#: reports that do not show this scenario's title: 06 scores only the dated scenarios after 2003
NOT_TITLED: dict[str, list[str]] = {"06_history": []}

# Anything an injected payload would leave in the DOM if it were markup.
_INJECTED = ('img[src="x"], img[src^="https:"], iframe, details:not(.sco-answer), svg[onload], [onerror], '
             '[onload], [ontoggle], a[href^="javascript:"]')
_LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--proxy-server=127.0.0.1:9"]


def _squash(s: str) -> str:
    return " ".join(s.split())


def _hostile_scenario(folder: Path) -> Path:
    data = yaml.safe_load((ROOT / "params" / "founding_2001.yaml").read_text(encoding="utf-8"))
    data["meta"].update(name="hostile", title=TITLE, description=DESCRIPTION, source=META_SOURCE)
    data["partnership"]["border_stability"]["source"] = PARTNERSHIP_SOURCE
    data["border"]["war_cost_china"]["source"] = BORDER_SOURCE
    data["enlargement"]["statement_label"].update(value=STATEMENT, source=STATEMENT_SOURCE)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _run_with_override(scenario: Path, folder: Path) -> Path:
    """01_overview with ``overrides`` (the way a classroom tweaks a value), exported like a report."""
    import papermill as pm

    from sco_games.batch.report_html import ensure_assets, notebook_to_html

    folder.mkdir(parents=True)
    ensure_assets(folder)
    (folder / "s").mkdir()
    out = folder / "s" / "01_overview.ipynb"
    pm.execute_notebook(str(ROOT / "notebooks" / "01_overview.ipynb"), str(out), kernel_name="sco-games",
                        parameters={"scenario_path": str(scenario), "sidecar_path": str(folder / "s.json"),
                                    "overrides": {"meta.description": OVERRIDE,
                                                  "enlargement.statement_label": OVERRIDE}},
                        progress_bar=False, execution_timeout=600)
    page = folder / "s" / "01_overview.html"
    page.write_text(notebook_to_html(out, title=f"01_overview — {TITLE}"), encoding="utf-8")
    return page


def _open(browser, page_path: Path) -> dict:
    """Load a page offline; what ran, what was asked of the network, and what the page shows."""
    context = browser.new_context()
    blocked: list[str] = []
    dialogs: list[str] = []

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page_path.as_uri(), wait_until="load")
    page.wait_for_timeout(1000)  # let an onerror/onload/ontoggle fire, and plotly draw
    seen = page.evaluate(f"""() => ({{
        pwned: window.__pwned === undefined ? null : String(window.__pwned),
        injected: [...document.querySelectorAll({_INJECTED!r})].map(e => e.outerHTML.slice(0, 120)),
        text: document.body.innerText,
        svg_text: [...document.querySelectorAll('svg text')].map(e => e.textContent).join(' | '),
        figures: document.querySelectorAll('.plotly-graph-div').length,
        drawn: document.querySelectorAll('.js-plotly-plot').length,
    }})""")
    seen.update(title=page.title(), blocked=blocked, dialogs=dialogs)
    context.close()
    return seen


def _problems(name: str, seen: dict, typed: list[str], in_svg: list[str] = ()) -> list[str]:
    """Everything wrong with one opened page: what ran or loaded, and what does not read as typed."""
    out = []
    if seen["pwned"] is not None:
        out.append(f"{name}: an injected handler ran (window.__pwned = {seen['pwned']!r})")
    if seen["dialogs"]:
        out.append(f"{name}: a dialog opened: {seen['dialogs']}")
    if seen["injected"]:
        out.append(f"{name}: injected markup is live: {seen['injected']}")
    if seen["blocked"]:
        out.append(f"{name}: the page asked the network for {seen['blocked']}")
    if seen["drawn"] != seen["figures"]:
        out.append(f"{name}: {seen['drawn']} of {seen['figures']} figures drawn")
    text, svg = _squash(seen["text"]), _squash(seen["svg_text"])
    out += [f"{name}: not shown as typed: {t!r}" for t in typed if _squash(t) not in text]
    out += [f"{name}: not drawn as typed in a figure: {t!r}" for t in in_svg if _squash(t) not in svg]
    if "&lt;" in text.replace(_squash(PARTNERSHIP_SOURCE), ""):  # PARTNERSHIP_SOURCE types a "&lt;"
        out.append(f"{name}: text escaped twice (a '&lt;' shows)")
    return out


@pytest.mark.slow
def test_markup_in_a_scenario_or_an_override_never_runs_and_reads_as_typed(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (dev extra)")
    scenario = _hostile_scenario(tmp_path / "params")
    reports = tmp_path / "reports"
    summary = run([scenario], NOTEBOOKS, reports_dir=reports, jobs=2, progress=False, log=lambda m: None,
                  timeout=600)
    failed = [f"{o.pair.label}: {o.error}" for o in summary.failures]
    assert not failed, failed
    checks = {nb.stem: (reports / ("_all" if takes_all_scenarios(nb) else "hostile") / f"{nb.stem}.html",
                        [*NOT_TITLED.get(nb.stem, [TITLE]), *EXPECTED[nb.stem]]) for nb in NOTEBOOKS}
    checks["index"] = (reports / "index.html", [TITLE])
    ALL_SCENARIO = [nb.stem for nb in NOTEBOOKS if takes_all_scenarios(nb)]  # titled by the notebook
    checks["01_overview with overrides"] = (
        _run_with_override(scenario, tmp_path / "override"),
        [TITLE, OVERRIDE, f"override (was {STATEMENT!r} from {STATEMENT_SOURCE})"])
    problems: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=_LAUNCH_ARGS)
        try:
            for name, (page, typed) in checks.items():
                seen = _open(browser, page)
                problems += _problems(name, seen, typed, [STATEMENT] if name == "04_enlargement" else [])
                if name not in ("index", *ALL_SCENARIO) and TITLE not in seen["title"]:
                    problems.append(f"{name}: the page title is not as typed: {seen['title']!r}")
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
