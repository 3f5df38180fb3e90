"""Executed notebook -> one offline HTML report (input cells hidden, no CDN).

nbconvert's ``lab`` template loads require.js, MathJax and mermaid from a CDN even when a page
needs none of them. The template below drops those blocks and loads one shared copy of
``plotly.min.js`` (copied from the installed plotly package into ``reports/assets/``) by a
relative path, so a report opens with every figure drawn and no request leaving the machine.
:func:`remote_references` is the check: it lists every ``src``/``href`` of a page that points
off the machine. Formulas are converted to MathML at export time (:mod:`sco_games.batch.report_math`),
which browsers draw natively, so no MathJax is needed.

>>> remote_references('<script src="https://cdn.x/require.js"></script><a href="#top">t</a>')
['script src=https://cdn.x/require.js']
"""

from __future__ import annotations

import filecmp
import html
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sco_games.batch.report_math import markdown_math_to_mathml
from sco_games.sidecar import atomic_copy_file

if TYPE_CHECKING:  # nbformat/nbconvert import in seconds (jsonschema): only load them to export
    import nbformat

__all__ = ["ASSETS_DIR", "PLOTLY_JS", "ensure_assets", "notebook_to_html", "remote_references",
           "remote_scripts"]

#: Folder under the reports folder holding the shared offline assets.
ASSETS_DIR = "assets"
#: The shared plotly.js bundle, relative to the reports folder.
PLOTLY_JS = f"{ASSETS_DIR}/plotly.min.js"

_TEMPLATE = r"""
{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
<script src="{{ resources.sco.plotly_src }}"></script>
{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style type="text/css">
  .sco-bar { font-family: system-ui, sans-serif; padding: 8px 16px; border-bottom: 1px solid #ccc;
             background: #f6f6f6; }
  .sco-bar a { margin-right: 1em; }
  .sco-failed { background: #fde8e8; color: #8a1111; padding: 8px 16px; font-family: system-ui, sans-serif;
                border-bottom: 2px solid #c33; }
  table.sco-table { border-collapse: collapse; margin: 0.5em 0; }
  table.sco-table td, table.sco-table th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; }
  table.sco-table caption { caption-side: top; text-align: left; font-weight: bold; }
  /* the lesson layer (sco_games.lessons.render) */
  .sco-summary { border: 2px solid #1f77b4; background: #eef5fb; padding: 8px 16px; margin: 12px 0;
                 font-family: system-ui, sans-serif; border-radius: 4px; }
  .sco-summary h2 { margin: 4px 0; font-size: 1.2em; }
  .sco-summary-note { color: #555; font-size: 0.9em; margin: 4px 0; }
  .sco-lesson { border-top: 3px solid #1f77b4; margin-top: 24px; padding-top: 8px; }
  .sco-glossary dt { font-weight: bold; margin-top: 6px; }
  .sco-glossary dd { margin-left: 1.5em; }
  .sco-src { color: #666; font-size: 0.9em; }
  details.sco-answer summary { cursor: pointer; color: #1f5f9f; }
  details.sco-answer[open] { background: #f7f7f7; padding: 2px 8px; }
  @media print {
    @page { size: A4; margin: 15mm; }
    .sco-bar, .modebar, .modebar-container, .slider-container, .updatemenu-container {
      display: none !important; }
    .jp-OutputArea-output, .jp-RenderedHTMLCommon { max-width: 180mm; }
    .plotly-graph-div, .js-plotly-plot { max-width: 180mm !important; page-break-inside: avoid; }
    .sco-summary, table.sco-table, .sco-lesson li { page-break-inside: avoid; }
    details.sco-answer > summary { display: none; }
    details.sco-answer::details-content { content-visibility: visible; display: block; }
    details.sco-answer > p { display: block; }
    details.sco-answer::before { content: "Answer: "; font-weight: bold; }
    a[href]::after { content: none; }
  }
</style>
<script>
  // print: open every answer (the CSS above does it in browsers that know ::details-content),
  // and draw every figure at the printed width (180 mm, about 680 px), back to the window's width after
  (function () {
    function graphs() { return window.Plotly ? document.querySelectorAll(".js-plotly-plot") : []; }
    function openAll() {
      document.querySelectorAll("details").forEach(function (d) { d.open = true; });
      graphs().forEach(function (g) { Plotly.relayout(g, {width: 680}); });
    }
    function back() { graphs().forEach(function (g) { Plotly.relayout(g, {width: null, autosize: true}); }); }
    window.addEventListener("beforeprint", openAll);
    window.addEventListener("afterprint", back);
    if (window.matchMedia) {
      var mq = window.matchMedia("print");
      var on = function (e) { if (e.matches) { openAll(); } else { back(); } };
      if (mq.addEventListener) { mq.addEventListener("change", on); }
      else if (mq.addListener) { mq.addListener(on); }
    }
  })();
</script>
{%- endblock extra_css -%}
{%- block body_header -%}
{{ super() }}
<nav class="sco-bar">{{ resources.sco.nav }}</nav>
{%- if resources.sco.banner %}<div class="sco-failed">{{ resources.sco.banner }}</div>{% endif %}
{%- endblock body_header -%}
"""

_ATTR = re.compile(r"<(\w+)\b[^>]*?\s(src|href)\s*=\s*([\"']?)([^\"'\s>]+)\3", re.IGNORECASE | re.DOTALL)
_REMOTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


def remote_references(page: str) -> list[str]:
    """Every ``<tag src|href=...>`` in ``page`` that points off the machine (``http://``,
    ``https://`` or protocol-relative ``//``), as ``"tag attr=url"``."""
    return [f"{m.group(1).lower()} {m.group(2).lower()}={m.group(4)}"
            for m in _ATTR.finditer(page) if _REMOTE.match(m.group(4))]


def remote_scripts(page: str) -> list[str]:
    """The remote references that would load code or style (anything but a plain ``<a href>``),
    plus ES-module ``import ... from 'https://...'`` statements.

    >>> remote_scripts('<a href="https://doi.org/x">paper</a>')
    []
    >>> remote_scripts("<script type=module>import m from 'https://cdn/x.mjs'</script>")
    ['import https://cdn/x.mjs']
    """
    refs = [r for r in remote_references(page) if not r.startswith("a href=")]
    refs += [f"import {u}" for u in re.findall(r"\bimport\b[^;'\"]*?['\"]((?:https?:)?//[^'\"]+)['\"]", page)]
    return refs


def ensure_assets(reports_dir: str | Path) -> Path:
    """Copy plotly.min.js from the installed plotly package into ``<reports>/assets/`` (once; again
    only if it differs). Returns its path."""
    target = Path(reports_dir) / PLOTLY_JS
    with resources.as_file(resources.files("plotly").joinpath("package_data/plotly.min.js")) as src:
        if target.is_file() and filecmp.cmp(src, target, shallow=False):
            return target
        atomic_copy_file(src, target)  # a failed copy (e.g. a full disk) leaves no temp file
    return target


def _exporter() -> Any:
    import jinja2
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        template_file="sco_report.html.j2",
        extra_loaders=[jinja2.DictLoader({"sco_report.html.j2": _TEMPLATE})],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def notebook_to_html(
    nb: nbformat.NotebookNode | str | Path,
    *,
    title: str,
    plotly_src: str = f"../{PLOTLY_JS}",
    nav_html: str = '<a href="../index.html">&larr; all reports</a>',
    banner: str | None = None,
) -> str:
    """An executed notebook as one offline HTML page (inputs hidden).

    ``plotly_src`` is the relative URL of the shared plotly.js; ``banner`` (plain text) is shown in
    red at the top (used for failed runs). Raises ``RuntimeError`` if the page would still load a
    remote script or style (a guard against a changed nbconvert template).
    """
    import nbformat

    if not isinstance(nb, nbformat.NotebookNode):
        nb = nbformat.read(str(nb), as_version=4)
    resources_in = {
        "metadata": {"name": title},
        "sco": {"plotly_src": plotly_src, "nav": nav_html,
                "banner": html.escape(banner) if banner else ""},
    }
    body, _ = _exporter().from_notebook_node(nb, resources=resources_in)
    body = markdown_math_to_mathml(body)
    bad = remote_scripts(body)
    if bad:
        raise RuntimeError(f"report {title!r} would load remote resources: {', '.join(bad[:5])}")
    return body

