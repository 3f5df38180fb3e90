"""The explorer in a real JupyterLab driven by Debian's Chromium (Playwright; slow tier): JupyterLab is
started on a free port in a temporary folder (token disabled, --no-browser) with a copy of
notebooks/explore.ipynb, the notebook is run, a slider is moved, and the figure drawn in the page changes
(the star's coordinates in the plotly graph's data, and the title in its SVG). Every wait is for a
condition; JupyterLab is always shut down. The network is off for the browser (a dead proxy), so the
widgets and plotly.js come from the local installation, not a CDN.

Screenshots (before and after the move) go to ``$SCO_GAMES_SCREENSHOTS`` if set, else the test's folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import NOTEBOOKS, ROOT

CHROMIUM = "/usr/bin/chromium"
_LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=127.0.0.1;localhost"]
#: Upper bounds of the waits (each wait ends as soon as its condition holds): 2 shared cores are slow.
START_S, RUN_MS, UPDATE_MS = 180, 240_000, 120_000


_SETTINGS = {"@jupyterlab/notebook-extension/tracker": {"autoStartDefaultKernel": True},
             "@jupyterlab/apputils-extension/notification": {"fetchNews": "false"}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen, log: Path) -> None:
    """Poll ``url`` until it answers (every 0.2 s, ``START_S`` at most); fail with the log if JupyterLab
    exits or never answers."""
    import time

    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"JupyterLab exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        time.sleep(0.2)  # polling interval of a condition, not a wait for a result
    pytest.fail(f"JupyterLab did not answer {url} within {START_S} s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def jupyterlab(folder: Path) -> Iterator[str]:
    """JupyterLab serving ``folder`` on a free port (token and password off, no browser, its settings and
    workspaces in ``folder``); yields the base URL; always shut down (SIGTERM to its process group, then
    SIGKILL if it lingers)."""
    port = _free_port()
    for name, value in _SETTINGS.items():  # start the notebook's kernel without asking; no news pop-up
        f = folder / ".settings" / f"{name}.jupyterlab-settings"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(value))
    env = {**os.environ, "SCO_GAMES_ROOT": str(ROOT), "JUPYTER_RUNTIME_DIR": str(folder / ".runtime"),
           "JUPYTER_CONFIG_DIR": str(folder / ".config"), "PATH": f"{Path(sys.executable).parent}:"
                                                                   f"{os.environ.get('PATH', '')}"}
    log = folder / "jupyterlab.log"
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.root_dir={folder}", "--IdentityProvider.token=", "--ServerApp.password=",
           f"--LabApp.user_settings_dir={folder / '.settings'}",
           f"--LabApp.workspaces_dir={folder / '.workspaces'}", "--ServerApp.port_retries=0",
           "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(f"{base}/api/status", proc, log)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


_STAR = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
      g => (g.data || []).some(t => t.name === 'founding_2001'));
  if (!gd) return null;
  const t = gd.data.find(t => t.name === 'founding_2001');
  const title = gd.querySelector('.gtitle');
  return {x: t.x[0], y: t.y[0], title: title ? title.textContent : ''};
}"""


_PROMPT = ("() => (document.querySelector('.jp-Notebook .jp-CodeCell .jp-InputPrompt') || {}).textContent"
           " || ''")


def _run_the_code_cell(page, sync_api) -> None:
    """Run the notebook's code cell (Ctrl+Enter in it) until the kernel takes it (its prompt leaves ``[ ]``).
    JupyterLab may start and replace a kernel while the page loads, and a cell run sent to the first one is
    lost; so the run is sent again (at most 20 times) whenever 15 s pass without the prompt changing."""
    for _ in range(20):
        if page.locator(".jp-Dialog .jp-mod-accept").count():  # "Select Kernel", if it asks after all
            page.click(".jp-Dialog .jp-mod-accept")
        page.click(".jp-Notebook .jp-CodeCell .jp-InputArea-editor")
        page.keyboard.press("Control+Enter")
        try:
            page.wait_for_function(f"({_PROMPT})().trim() !== '[ ]:'", timeout=15_000)
            return
        except sync_api.TimeoutError:
            continue
    pytest.fail(f"the code cell never ran; its prompt: {page.evaluate(_PROMPT)!r}")


@pytest.mark.slow
def test_the_explorer_runs_in_jupyterlab_and_a_slider_redraws_the_figure(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (dev extra)")
    pytest.importorskip("jupyterlab", reason="needs the lab extra")
    shots = Path(os.environ.get("SCO_GAMES_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    work = tmp_path / "lab"
    work.mkdir()
    shutil.copy(NOTEBOOKS / "explore.ipynb", work / "explore.ipynb")
    with jupyterlab(work) as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=_LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        try:
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{base}/lab/tree/explore.ipynb")
            page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=RUN_MS)
            _run_the_code_cell(page, sync_api)
            page.wait_for_function(f"({_STAR})() !== null", timeout=RUN_MS)
            before = page.evaluate(_STAR)
            assert (before["x"], before["y"]) == (2, 2) and "override" not in before["title"]
            page.wait_for_selector(".widget-slider .widget-label:text-is('us_stake_russia')", timeout=RUN_MS)
            page.screenshot(path=str(shots / "explorer_before.png"))
            output = page.locator(".jp-Notebook .jp-CodeCell .jp-OutputArea-output").first
            output.screenshot(path=str(shots / "explorer_widget_before.png"))
            label = page.locator(".widget-label:text-is('us_stake_russia')")
            slider = page.locator(".widget-slider", has=label)
            readout = slider.locator(".widget-readout")
            readout.click()
            page.keyboard.press("Control+A")
            page.keyboard.type("3")
            page.keyboard.press("Enter")
            page.wait_for_function(f"(() => {{ const s = ({_STAR})(); return s && s.x === 3; }})()",
                                   timeout=UPDATE_MS)
            after = page.evaluate(_STAR)
            assert (after["x"], after["y"]) == (3, 2)
            page.wait_for_function("() => [...document.querySelectorAll('.gtitle')].some("
                                   "t => t.textContent.includes('+ 1 override'))", timeout=UPDATE_MS)
            overrides = page.locator("pre.sco-overrides").first.inner_text()
            assert overrides == "overrides = {'partnership.us_stake_russia': 3.0}"
            page.screenshot(path=str(shots / "explorer_after.png"))
            output.screenshot(path=str(shots / "explorer_widget_after.png"))
            assert not errors, errors
        except BaseException:
            page.screenshot(path=str(shots / "explorer_failed.png"))
            raise
        finally:
            browser.close()
