"""The teacher's pack: ``sco-games classroom`` (issue 14). A self-contained folder (and a .zip of it) holding
the reports of the chosen scenarios, their shared assets (plotly.js) and an index page for the class, with
relative links only, so it works from a USB stick or a course site with no network.

Layout (the same as ``reports/``, so every report's relative links keep working)::

    <pack>/index.html                 the class index (what to do, one row per scenario)
    <pack>/assets/plotly.min.js
    <pack>/<scenario>/<notebook>.html every per-scenario report
    <pack>/_all/<notebook>.html       the reports over every scenario (if built)

Atomic: the pack is assembled in a hidden temporary folder beside ``out`` and checked (every page offline,
every relative link resolves inside the pack) before it replaces ``out``; the zip is written to a temporary
file and renamed. A failure (a missing report, a broken link, a full disk) raises :class:`ClassroomError` and
leaves any earlier pack and zip as they were, and no temporary file.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sco_games.batch.report_html import PLOTLY_JS, remote_scripts
from sco_games.batch.report_index import ALL_FOLDER
from sco_games.markup import html_text as _h

__all__ = ["ClassroomError", "Pack", "broken_links", "build_pack", "class_index_html", "unlink_missing"]


class ClassroomError(RuntimeError):
    """The pack cannot be built (the message says what is missing or broken); nothing was changed."""


@dataclass(frozen=True)
class Pack:
    """A written pack: its folder, its zip, and the pages in it (relative paths) with their sizes in bytes."""

    folder: Path
    zip_path: Path
    pages: dict[str, int]


_LINK = re.compile(r"<(?:a|link|script|img)\b[^>]*?\s(?:src|href)\s*=\s*([\"'])([^\"']+)\1", re.IGNORECASE)


def broken_links(folder: Path) -> list[str]:
    """Every relative ``href``/``src`` of every ``.html`` page under ``folder`` that does not resolve to a
    file
    inside ``folder`` (anchors and ``mailto:``/``https:`` links are not checked here; remote scripts are
    refused separately), as ``"page -> link"``."""
    root = folder.resolve()
    bad = []
    for page in sorted(root.rglob("*.html")):
        text = page.read_text("utf-8")
        for m in _LINK.finditer(text):
            href = html.unescape(m.group(2)).split("#")[0].split("?")[0]
            if not href or re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.IGNORECASE):
                continue
            target = (page.parent / href).resolve()
            if not target.is_file() or root not in target.parents:
                bad.append(f"{page.relative_to(root)} -> {m.group(2)}")
    return bad


_ANCHOR = re.compile(
    r"<a\b[^>]*?\shref\s*=\s*([\"'])([^\"'#?]+)(?:[#?][^\"']*)?\1[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL
)


def unlink_missing(page: Path, root: Path) -> int:
    """Turn every ``<a href>`` of ``page`` whose relative target is not in the pack (e.g. a report of a
    scenario left out of it) into plain text (``<span class="sco-absent">``); returns how many."""
    text = page.read_text("utf-8")
    n = 0

    def fix(m: re.Match) -> str:
        nonlocal n
        href = html.unescape(m.group(2))
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.IGNORECASE):
            return m.group(0)
        target = (page.parent / href).resolve()
        if target.is_file() and root.resolve() in target.parents:
            return m.group(0)
        n += 1
        return f'<span class="sco-absent" title="not in this pack">{m.group(3)}</span>'

    new = _ANCHOR.sub(fix, text)
    if n:
        page.write_text(new, "utf-8")
    return n


def _headline(sidecar: Path) -> str:
    try:
        return str(json.loads(sidecar.read_text("utf-8")).get("headline", ""))
    except (OSError, ValueError, AttributeError):
        return ""


def class_index_html(
    rows: Sequence[tuple[str, Sequence[tuple[str, str, str]]]],
    across: Sequence[str],
    title: str = "SCO games: lessons",
) -> str:
    """The class index: steps for the teacher, then per scenario its reports (notebook, href, headline)."""
    steps = [
        "Open a report below (every page works offline: no network, no Python).",
        "Read the summary box at the top with the class: what the model says in three sentences.",
        "Move the slider in the figure marked 'Move ... yourself' (or press play) and ask the class what "
        "changes and why.",
        "At the end of each report: the glossary, questions with the answers behind 'Show the answer', and "
        "'Try it yourself' changes for students who can run the notebooks (JupyterLab or papermill).",
        "Print a report (Ctrl+P): the sliders' controls are left out and every answer is printed.",
    ]
    body = [
        f"<h1>{_h(title)}</h1>",
        "<h2>How to run a lesson</h2><ol>" + "".join(f"<li>{_h(s)}</li>" for s in steps) + "</ol>",
        "<h2>Reports by scenario</h2>",
    ]
    for scen, pages in rows:
        body.append(
            f'<h3>{_h(scen)}</h3><ul class="pages">'
            + "".join(
                f'<li><a href="{_h(href)}">{_h(nb)}</a>'
                + (f' <span class="hl">{_h(hl)}</span>' if hl else "")
                + "</li>"
                for nb, href, hl in pages
            )
            + "</ul>"
        )
    if across:
        body.append(
            "<h2>Across all scenarios</h2><ul>"
            + "".join(f'<li><a href="{ALL_FOLDER}/{_h(nb)}.html">{_h(nb)}</a></li>' for nb in across)
            + "</ul>"
        )
    css = (
        "body{font-family:system-ui,sans-serif;margin:1.5em;max-width:60em;color:#222}"
        ".hl{color:#555;font-size:0.92em}li{margin:4px 0}"
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_h(title)}</title>'
        f"<style>{css}</style></head><body>{''.join(body)}</body></html>\n"
    )


def _assemble(
    stage: Path, reports: Path, scenarios: Sequence[str], notebooks: Sequence[str], across: Sequence[str]
) -> dict[str, int]:
    pages: dict[str, int] = {}
    (stage / PLOTLY_JS).parent.mkdir(parents=True)
    src = reports / PLOTLY_JS
    if not src.is_file():
        raise ClassroomError(f"{src}: missing (run `sco-games run` first)")
    shutil.copyfile(src, stage / PLOTLY_JS)
    rows = []
    for scen in scenarios:
        (stage / scen).mkdir()
        listed = []
        for nb in notebooks:
            page = reports / scen / f"{nb}.html"
            if not page.is_file():
                raise ClassroomError(f"{page}: missing (the report of {scen} / {nb} was not built)")
            shutil.copyfile(page, stage / scen / page.name)
            listed.append((nb, f"{scen}/{nb}.html", _headline(reports / scen / f"{nb}.json")))
        rows.append((scen, listed))
    if across:
        (stage / ALL_FOLDER).mkdir()
        for nb in across:
            shutil.copyfile(reports / ALL_FOLDER / f"{nb}.html", stage / ALL_FOLDER / f"{nb}.html")
    (stage / "index.html").write_text(class_index_html(rows, across), "utf-8")
    for page in sorted(stage.rglob("*.html")):
        unlink_missing(page, stage)
        bad = remote_scripts(page.read_text("utf-8"))
        if bad:
            raise ClassroomError(
                f"{page.relative_to(stage)}: would load remote resources: {', '.join(bad[:3])}"
            )
        pages[str(page.relative_to(stage))] = page.stat().st_size
    broken = broken_links(stage)
    if broken:
        raise ClassroomError("broken relative links: " + "; ".join(broken[:5]))
    return pages


def _zip(stage: Path, zip_path: Path, top: str) -> Path:
    """The zip of ``stage`` (entries under ``top/``) in a temporary file beside ``zip_path``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{zip_path.name}.", suffix=".tmp", dir=zip_path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(stage.rglob("*")):
                if f.is_file():
                    z.write(f, f"{top}/{f.relative_to(stage)}")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def build_pack(
    out: str | Path,
    reports: str | Path,
    scenarios: Sequence[str],
    notebooks: Sequence[str],
    across: Sequence[str] = (),
) -> Pack:
    """Copy the reports of ``scenarios`` x ``notebooks`` (and the ``across`` notebooks of ``_all/``) from the
    built ``reports`` folder into the pack ``out`` (replaced as a whole) and ``out`` + ``.zip``."""
    out, reports = Path(out).absolute(), Path(reports).absolute()
    if not scenarios or not notebooks:
        raise ClassroomError("nothing to pack: give at least one scenario and one notebook")
    if out.exists() and not out.is_dir():
        raise ClassroomError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise ClassroomError(f"{out}: a folder that is not a pack (no index.html); choose another --out")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
        stage.chmod(0o755)  # mkdtemp makes it private; a pack is for a course site
    except OSError as e:
        raise ClassroomError(f"cannot write beside {out}: {e.strerror or e}") from None
    old = tmp_zip = None
    zip_path = out.with_name(out.name + ".zip")
    try:
        pages = _assemble(stage, reports, scenarios, notebooks, across)
        tmp_zip = _zip(stage, zip_path, out.name)
        if out.is_dir():
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            os.replace(out, old)
        os.replace(stage, out)
        os.replace(tmp_zip, zip_path)
    except BaseException as e:
        shutil.rmtree(stage, ignore_errors=True)
        if tmp_zip is not None:
            tmp_zip.unlink(missing_ok=True)
        if old is not None and old.exists():  # put the earlier pack back
            if out.is_dir():
                shutil.rmtree(out, ignore_errors=True)
            os.replace(old, out)
        if isinstance(e, OSError):
            raise ClassroomError(f"cannot write the pack {out}: {e.strerror or e}") from None
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return Pack(folder=out, zip_path=zip_path, pages=pages)
