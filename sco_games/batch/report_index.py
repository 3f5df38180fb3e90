"""``reports/index.html``: scenarios x notebooks, rebuilt from every pair's stamp and sidecar.

Plain offline HTML (no script at all): each cell shows the pair's status (ok / failed /
skipped-unchanged), the sidecar's ``headline`` and ``key_results``, a flag for every prediction its ``record``
says the historical record contradicts (``agrees: false``), its ``claims`` with their verdicts (the
``because`` beside each), links to the report, the
executed notebook and the sidecar (and to the partial notebook of a failed run), and run times.
Because it is rebuilt from the stamps on disk, two runs (which the runner serializes with a lock)
and interrupted runs always leave a consistent index. The notebooks that take every scenario at once
(``reports/_all/``) get their own section below the grid.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sco_games.scenario import NAME_PATTERN
from sco_games.sidecar import atomic_write_text, read_sidecar

__all__ = ["ALL_FOLDER", "NOT_CODED", "claim_rows", "collect_stamps", "contradictions", "index_html",
           "write_index"]

#: The reports folder of the notebooks that take every scenario at once (``reports/_all/``): a scenario name
#: cannot start with ``_`` (:data:`~sco_games.scenario.NAME_PATTERN`), so it cannot clash with one.
ALL_FOLDER = "_all"
#: The verdicts the index knows (``sco_games.models.common.VERDICTS``; the batch layer may import models, but
#: the index reads only JSON and shows any other word as it is, greyed).
_KNOWN_VERDICTS = ("reproduced", "partly", "not reproduced", "not applicable")

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 1.4em; }
.meta { color: #555; margin-bottom: 1em; }
table.grid { border-collapse: collapse; width: 100%; }
table.grid th, table.grid td { border: 1px solid #ccc; padding: 8px; vertical-align: top; text-align: left; }
table.grid thead th { background: #f2f2f2; }
th.scen .date { color: #666; font-weight: normal; font-size: 0.9em; }
.st { display: inline-block; padding: 1px 6px; border-radius: 3px; font-size: 0.85em; font-weight: bold; }
.st-ok { background: #e3f4e3; color: #1d6b1d; }
.st-skipped-unchanged { background: #eef1f7; color: #33507f; }
.st-failed { background: #fde8e8; color: #8a1111; }
.st-missing { background: #f4f4f4; color: #777; }
.st-not-coded { background: #f4f4f4; color: #555; font-weight: normal; }
.headline { margin: 0.4em 0; }
ul.kr { margin: 0.2em 0 0.4em 1.1em; padding: 0; font-size: 0.92em; }
.links a { margin-right: 0.8em; }
.small { color: #666; font-size: 0.85em; }
.err { color: #8a1111; font-size: 0.9em; white-space: pre-wrap; }
ul.claims { list-style: none; margin: 0.3em 0; padding: 0; font-size: 0.88em; }
ul.claims li { margin: 1px 0; }
.v { display: inline-block; min-width: 7.5em; padding: 0 4px; border-radius: 3px; }
.v-reproduced { background: #e3f4e3; color: #1d6b1d; }
.v-partly { background: #fff4d6; color: #7a5800; }
.v-not-reproduced { background: #fde8e8; color: #8a1111; }
.v-not-applicable, .v-unknown { background: #f4f4f4; color: #666; }
.flag { margin: 0.4em 0; padding: 3px 6px; border-left: 4px solid #c0392b; background: #fdf0ee;
        font-size: 0.9em; }
.flag b { color: #8a1111; }
.flag ul { margin: 0.2em 0 0 1.1em; padding: 0; }
"""


def collect_stamps(reports: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """``(scenario, notebook) -> stamp`` for every readable stamp under ``reports`` (the notebooks that take
    every scenario at once under the scenario :data:`ALL_FOLDER`)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted(reports.glob("*/.*.stamp.json")):
        try:
            stamp = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(stamp, dict):
            continue
        scen, nb = stamp.get("scenario"), stamp.get("notebook")
        if (isinstance(scen, str) and isinstance(nb, str) and (NAME_PATTERN.match(scen) or scen == ALL_FOLDER)
                and NAME_PATTERN.match(nb) and path.parent.name == scen):
            out[(scen, nb)] = stamp
    return out


def _e(x: Any) -> str:
    return html.escape(str(x))


def _fmt_value(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, (list, tuple)):
        return "(" + ", ".join(_fmt_value(x) for x in v) + ")"
    return str(v)


def claim_rows(side: Mapping[str, Any]) -> list[dict[str, str]]:
    """The sidecar's ``claims`` as rows ``{"id", "claim", "verdict", "because"}`` (strings; missing fields
    are ""): accepts the contract's list of objects and the older ``{id: verdict}`` dict; anything else
    (or a malformed entry) is skipped."""
    raw = side.get("claims")
    if isinstance(raw, Mapping):
        raw = [{"id": k, "verdict": v} for k, v in raw.items()]
    if not isinstance(raw, list):
        return []
    rows = []
    for c in raw:
        if isinstance(c, Mapping) and c.get("id") is not None and c.get("verdict") is not None:
            rows.append({k: "" if c.get(k) is None else str(c.get(k))
                         for k in ("id", "claim", "verdict", "because")})
    return rows


def contradictions(side: Mapping[str, Any]) -> list[dict[str, str]]:
    """The entries of the sidecar's ``record`` whose ``agrees`` is ``false`` (a prediction the historical
    record contradicts), as string dicts; ``true``, ``null`` and malformed entries are not flags."""
    raw = side.get("record")
    if not isinstance(raw, list):
        return []
    return [{k: "" if r.get(k) is None else str(r.get(k))
             for k in ("id", "question", "predicted", "observed", "source")}
            for r in raw if isinstance(r, Mapping) and r.get("agrees") is False]


#: the notebook whose sidecar gives each claim's probability over the uncertainty box
ROBUSTNESS_NOTEBOOK = "05_robustness"


def claim_probabilities(folder: Path) -> dict[tuple[str, str], str]:
    """``(claim id, verdict) -> "73% ± 2"``: how often each claim keeps that verdict over the box, from the
    scenario's robustness sidecar (empty if there is none)."""
    side = read_sidecar(folder / f"{ROBUSTNESS_NOTEBOOK}.json")
    out = {}
    for c in (side or {}).get("claims", []) if isinstance(side, Mapping) else []:
        p, se = (c.get("probability"), c.get("stderr")) if isinstance(c, Mapping) else (None, None)
        if isinstance(p, int | float) and isinstance(se, int | float):
            out[(str(c.get("id")), str(c.get("verdict")))] = f"{100 * p:.0f}% ± {100 * se:.0f}"
    return out


def _claims_html(side: Mapping[str, Any], probs: Mapping[tuple[str, str], str] | None = None) -> str:
    rows = claim_rows(side)
    if not rows:
        return ""
    items = []
    for c in rows:
        v = c["verdict"]
        cls = v.replace(" ", "-") if v in _KNOWN_VERDICTS else "unknown"
        tip = ": ".join(x for x in (c["claim"], c["because"]) if x)
        title = f' title="{_e(tip)}"' if tip else ""
        p = (probs or {}).get((c["id"], v))
        tip_p = "share of the draws over every declared range with this verdict"
        prob = f' <span class="small" title="{tip_p}">{_e(p)}</span>' if p else ""
        items.append(f'<li{title}><b>{_e(c["id"])}</b> <span class="v v-{cls}">{_e(v)}</span>{prob}'
                     + (f' <span class="small">{_e(c["because"])}</span>' if c["because"] else "") + "</li>")
    return f'<ul class="claims">{"".join(items)}</ul>'


def _record_html(side: Mapping[str, Any]) -> str:
    bad = contradictions(side)
    if not bad:
        return ""
    items = "".join(
        f'<li title="{_e(r["source"])}">{_e(r["question"] or r["id"])} '
        f'predicted <i>{_e(r["predicted"])}</i>, '
        f'observed <i>{_e(r["observed"])}</i>' + (f' <span class="small">({_e(r["source"])})</span>'
                                                  if r["source"] else "") + "</li>"
        for r in bad)
    n = len(bad)
    return (f'<div class="flag"><b>&#9873; contradicts the record</b> ({n} prediction{"s" if n > 1 else ""})'
            f'<ul>{items}</ul></div>')


#: What a cell says when its scenario does not code a section its notebook requires.
NOT_CODED = "not coded for this date"


def _not_coded_cell(stamp: Mapping[str, Any]) -> str:
    missing = stamp.get("missing")
    names = ", ".join(str(m) for m in missing) if isinstance(missing, list) and missing else "a section"
    return (f'<td><span class="st st-not-coded">{NOT_CODED}</span>'
            f'<div class="small">the scenario has no {_e(names)} section (the notebook needs it)</div></td>')


def _cell(reports: Path, scen: str, nb: str, stamp: dict[str, Any] | None, status: str | None) -> str:
    if stamp is None:
        return '<td><span class="st st-missing">not run</span></td>'
    status = status or stamp.get("status", "missing")
    if stamp.get("status") == "not-coded":
        return _not_coded_cell(stamp)
    parts = [f'<span class="st st-{_e(status)}">{_e(status)}</span>']
    folder = reports / scen
    has_report = (folder / f"{nb}.html").is_file()
    side = read_sidecar(folder / f"{nb}.json") if has_report else None
    if stamp.get("status") == "failed":
        parts.append(f'<div class="err">{_e(stamp.get("error") or "failed")}</div>')
        if has_report:
            parts.append(f'<div class="small">showing the previous good report '
                         f'({_e(stamp.get("last_ok") or "earlier run")})</div>')
    if isinstance(side, Mapping):
        if side.get("headline"):
            parts.append(f'<div class="headline">{_e(side["headline"])}</div>')
        kr = side.get("key_results")
        if isinstance(kr, Mapping) and kr:
            items = "".join(f"<li>{_e(k)}: <b>{_e(_fmt_value(v))}</b></li>" for k, v in kr.items())
            parts.append(f'<ul class="kr">{items}</ul>')
        parts.append(_record_html(side))
        parts.append(_claims_html(side, claim_probabilities(folder)))
    links = []
    if has_report:
        links += [f'<a href="{_e(scen)}/{_e(nb)}.html">report</a>',
                  f'<a href="{_e(scen)}/{_e(nb)}.ipynb">notebook</a>']
        if (folder / f"{nb}.json").is_file():
            links.append(f'<a href="{_e(scen)}/{_e(nb)}.json">results (JSON)</a>')
    if stamp.get("status") == "failed":
        if (folder / f"{nb}.failed.html").is_file():
            links.append(f'<a href="{_e(scen)}/{_e(nb)}.failed.html">failed run</a>')
        if (folder / f"{nb}.failed.ipynb").is_file():
            links.append(f'<a href="{_e(scen)}/{_e(nb)}.failed.ipynb">failed notebook</a>')
    if links:
        parts.append(f'<div class="links">{"".join(links)}</div>')
    secs = stamp.get("seconds")
    when = stamp.get("finished", "")
    parts.append(f'<div class="small">last run {_e(when)}'
                 + (f", {float(secs):.1f} s" if isinstance(secs, (int, float)) else "") + "</div>")
    return f"<td>{''.join(parts)}</td>"


def index_html(reports: Path, this_run: Mapping[str, Any] | None = None,
               run_seconds: float | None = None) -> str:
    """The index page for ``reports``; ``this_run`` maps ``"scenario/notebook"`` to an outcome (with
    a ``status``) to show what this run did (e.g. ``skipped-unchanged``)."""
    stamps = collect_stamps(reports)
    this_run = this_run or {}
    scenarios: dict[str, tuple[str, str]] = {}
    notebooks: set[str] = set()
    across = sorted(nb for scen, nb in stamps if scen == ALL_FOLDER)
    for (scen, nb), st in stamps.items():
        if scen == ALL_FOLDER:
            continue
        scenarios[scen] = (str(st.get("scenario_date", "")), str(st.get("scenario_title", scen)))
        notebooks.add(nb)
    order = sorted(scenarios, key=lambda s: (scenarios[s][0], s))
    nbs = sorted(notebooks)
    counts: dict[str, int] = {}
    rows = []
    for scen in order:
        date, title = scenarios[scen]
        cells = []
        for nb in nbs:
            outcome = this_run.get(f"{scen}/{nb}")
            status = getattr(outcome, "status", None) if outcome is not None else None
            stamp = stamps.get((scen, nb))
            if stamp is not None:
                key = status or stamp.get("status", "missing")
                counts[key] = counts.get(key, 0) + 1
            cells.append(_cell(reports, scen, nb, stamp, status))
        rows.append(f'<tr><th class="scen">{_e(title)}<br><span class="date">{_e(date)} · '
                    f'<code>{_e(scen)}</code></span></th>{"".join(cells)}</tr>')
    across_rows = []
    for nb in across:
        outcome = this_run.get(f"{ALL_FOLDER}/{nb}")
        status = getattr(outcome, "status", None) if outcome is not None else None
        stamp = stamps[(ALL_FOLDER, nb)]
        key = status or stamp.get("status", "missing")
        counts[key] = counts.get(key, 0) + 1
        across_rows.append(f'<tr><th class="scen"><code>{_e(nb)}</code></th>'
                           f'{_cell(reports, ALL_FOLDER, nb, stamp, status)}</tr>')
    across_html = ("<h2>Across all scenarios</h2>\n<p class=\"small\">Notebooks that take every scenario "
                   "at once (one run each, in <code>" + ALL_FOLDER + "/</code>).</p>\n"
                   "<table class=\"grid\"><thead><tr>"
                   "<th>notebook</th><th>report</th></tr></thead><tbody>" + "".join(across_rows)
                   + "</tbody></table>" if across_rows else "")
    head = "".join(f"<th><code>{_e(nb)}</code></th>" for nb in nbs)
    now = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no reports yet"
    took = f"; this run took {run_seconds:.1f} s" if run_seconds is not None else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>sco-games reports</title><style>{_CSS}</style></head>
<body>
<h1>sco-games: reports</h1>
<div class="meta">Game-theoretic models of the Shanghai Cooperation Organization after Iwashita's paper.
Scenarios (rows) by date, notebooks (columns). Index built {_e(now)}{_e(took)}. Pairs: {_e(summary)}.</div>
<table class="grid"><thead><tr><th>scenario</th>{head}</tr></thead>
<tbody>{"".join(rows)}</tbody></table>
{across_html}
<p class="small">Every page here works offline. Rebuild with <code>make reports</code>
(<code>sco-games run --force</code> re-runs unchanged pairs).</p>
</body></html>
"""


def write_index(reports: str | Path, this_run: Mapping[str, Any] | None = None,
                run_seconds: float | None = None) -> Path:
    """Write ``<reports>/index.html`` atomically; return its path."""
    reports = Path(reports)
    path = reports / "index.html"
    atomic_write_text(path, index_html(reports, this_run, run_seconds))
    return path
