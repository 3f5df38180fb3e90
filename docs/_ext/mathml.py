"""A Sphinx math renderer that writes MathML at build time (no MathJax, no CDN: the pages draw formulas
offline). It uses the converter of the HTML reports, :func:`sco_games.batch.report_math.tex_to_mathml`
(latex2mathml); a formula it cannot convert is shown as its TeX source in ``<code>``.
"""

from __future__ import annotations

import html

from docutils import nodes

from sco_games.batch.report_math import tex_to_mathml


def _inline(self, node: nodes.Element) -> None:
    self.body.append(tex_to_mathml(node.astext(), display=False))
    raise nodes.SkipNode


def _block(self, node: nodes.Element) -> None:
    if node.get("number"):
        self.body.append(f'<span class="eqno">({html.escape(str(node["number"]))})</span>')
    self.body.append(f'<div class="math">{tex_to_mathml(node.astext(), display=True)}</div>')
    raise nodes.SkipNode


def setup(app):
    app.add_html_math_renderer("mathml", inline_renderers=(_inline, None), block_renderers=(_block, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
